"""The typed AST: what the front end hands to the back end.

CONTRACT (front end -> back end)
================================
`lang.cc.frontend.analyze(pp_text, filename)` returns `(TranslationUnit,
warnings)`. After it returns without raising, the tree below is fully
analysed: every C rule has been checked, every implicit conversion is an
explicit node, and nothing needs C knowledge to generate code beyond what
each node's documentation says. Types are lang/cc/ctypes.py objects.

Locations
---------
Every node has `.loc`, a Loc(file, line, col) of the original source (the
preprocessor's linemarkers are already applied); col is 1-based.

Symbols
-------
Every identifier use points to one `Symbol` (one object per declared
entity; redeclarations of the same global/function share one Symbol).
    name        C name
    kind        GLOBAL 'global' (file-scope object), STATIC_LOCAL
                'static_local', LOCAL 'local' (automatic), PARAM 'param',
                FUNCTION 'function', ENUM_CONST 'enum_const'
    type        its C type (for params: the adjusted type, arrays -> pointers)
    storage     'extern', 'static' or None as written
    label       assembly name for GLOBAL / STATIC_LOCAL / FUNCTION symbols:
                the C name for globals and functions, a unique name like
                'func.name' / 'func.name.2' for static locals. None otherwise.
    is_public   True if the symbol has external linkage (emit `.global`)
    defined     GLOBAL/STATIC_LOCAL: has a definition in this unit (possibly
                tentative); FUNCTION: has a body in this unit
    address_taken  set by sema when `&` is applied, and always True for
                arrays, structs and unions (they live in memory)
    value       ENUM_CONST: its int value
    attrs       Attributes (section, aligned, noreturn, packed, used)
    uid         an int unique within the translation unit (handy for naming)
    loc         location of the (first) declaration
    is_variadic FUNCTION: the type's variadic flag

Expressions (base class Expr)
-----------------------------
Every expression has `.type` (a CType) and `.is_lvalue` (bool). Where
below two types are said to be equal, qualifiers (const/volatile) may
differ: compare `t.unqualified()`. An
expression of array or function type only occurs as the operand of a
Cast(kind='decay'), AddrOf, the `base` of a Member, or a sizeof that was
already folded away; everywhere a value is used it has been decayed.
Conditions (If/While/DoWhile/For.cond, Logical operands, Unary '!',
Cond.cond) are scalars that are NOT converted: test them against zero.

  IntConst(value)            an integer constant; value is a Python int
                             already in range of .type (signed types hold
                             negative values). sizeof and enum constants
                             arrive as IntConst.
  StringLit(data, label)     a string literal: .data are the bytes including
                             the final NUL, .type is char[len(data)], it is
                             an lvalue (an array) placed in read-only data at
                             .label. Identical literals share one label, and
                             one StringLit per label is in
                             TranslationUnit.strings (emit those).
  Ident(symbol)              a variable, parameter or function name. lvalue
                             for objects. (Enum constants become IntConst.)
  Unary(op, operand)         op '-' or '~': operand and result have the
                             promoted type. op '!': operand scalar, result
                             int 0/1.
  Binary(op, left, right)    op in + - * / % & | ^ << >> on integers.
                             For all but shifts left.type == right.type ==
                             type (usual arithmetic conversions applied).
                             For << >>: left.type == type (promoted) and
                             right is its own promoted type. `.signed` tells
                             whether / % >> are signed operations.
  Compare(op, left, right)   op in == != < <= > >=; left.type == right.type
                             (arithmetic after conversions, or both pointers:
                             null constants and void* were Cast to the other
                             side's type). `.signed` False for unsigned and
                             pointer comparisons. Result int 0/1.
  Logical(op, left, right)   op '&&' or '||', short-circuit; result int 0/1.
  PtrAdd(pointer, index, scale)  pointer + index*scale bytes; index is a
                             promoted (4-byte) integer; type is pointer.type.
  PtrSub(pointer, index, scale)  pointer - index*scale bytes.
  PtrDiff(left, right, scale)    (left - right) / scale, signed; type int.
  Assign(target, value)      target is a modifiable lvalue; value has been
                             converted to target.type.unqualified(), which is
                             also .type. Records: copy type.size bytes. The
                             result is the stored value (not an lvalue).
  CompoundAssign(op, target, value, op_type, scale)
                             `target op= value`, target evaluated once.
                             If scale is not None (pointer target, op + or -):
                             target = target +/- value*scale.
                             Otherwise: t = (op_type) target; t = t op value
                             (value already has op_type, or for << >> its
                             own promoted type; signedness from op_type,
                             also in `.signed`); target = (target type) t,
                             a conversion to _Bool meaning t != 0. Result:
                             the new value, of target's unqualified type.
  IncDec(op, prefix, target, scale)
                             op '++' or '--' on an integer or pointer lvalue;
                             adds/subtracts `scale` (1 for integers, element
                             size for pointers), wrapping to target's type
                             (a _Bool target becomes 1 for ++). Value: the
                             new value if prefix else the old one.
  Cond(cond, then, else_)    `cond ? then : else_`; both branches already
                             converted to .type (which may be void or a record).
  Comma(left, right)         evaluate left (discarded), value of right.
  Call(func, args, direct)   func has type pointer-to-function; .ftype is the
                             FunctionType. `direct` is the function Symbol
                             when the callee is a named function (f(), (&f)(),
                             (*f)()), else None (call through a pointer).
                             args: prototyped parameters were converted to
                             the parameter types; extra (variadic or
                             unprototyped) arguments had the default
                             promotions (char/short -> int). .type is the
                             return type (void, scalar or record).
  Member(base, field)        base has struct/union type; .field is the
                             ctypes.Field, .offset its byte offset. `p->f` is
                             Member(Deref(p), f). lvalue iff base is.
  Deref(pointer)             *pointer; lvalue of type pointer.type.target.
                             `a[i]` arrives as Deref(PtrAdd(a, i, size)).
  AddrOf(operand)            &operand: operand is an lvalue or a function
                             designator; type is a pointer to operand.type.
  Cast(expr, type, kind, explicit)   a conversion; kinds:
       'decay'  array -> pointer to first element, or function -> pointer:
                the value is the ADDRESS of expr (an lvalue array, a string
                literal or a function designator).
       'int'    to an integer type from an integer or pointer: truncate to
                type.size and re-extend by type's signedness (a no-op when
                both are 32-bit). Casts *to* _Bool are always applied to a
                Compare(!=, x, 0) result, so plain truncation is right.
       'ptr'    to a pointer type from a pointer or an integer (integers in
                registers are already extended to 32 bits): no-op.
       'void'   evaluate and discard.
       'noop'   same representation (qualifier changes, struct to itself).
  VaStart(ap, last)          __builtin_va_start: ap is an lvalue of type
                             char * (va_list); last the last named PARAM
                             Symbol. type void.
  VaArg(ap, type)            __builtin_va_arg(ap, T): value of type T.
  VaEnd(ap)                  type void, does nothing.
  VaCopy(dest, src)          dest = src (both va_list); type void.
  AddressConst(symbol, string, offset)
                             only inside static initializers: the address
                             of a GLOBAL/STATIC_LOCAL/FUNCTION symbol or of
                             a StringLit (exactly one is set) plus a byte
                             offset. `.label` gives the assembly label.

Compound literals `(T){...}` need no node of their own: in a function a
hidden LOCAL Symbol named '__literalN' (in FunctionDef.locals and its
block's symbols, address_taken) holds the object and the expression is
Deref(Comma(Assign.., Comma(.., AddrOf(Ident(tmp))))); at file scope it is
a static GLOBAL Symbol labelled '__literal.N' with its own GlobalVar.

Initializers
------------
  Initializer(size, items, zero_fill)
      The object is `size` bytes. items: a list of InitItem(offset, type,
      expr) sorted by offset and non-overlapping: store expr (already
      converted to `type`) at byte `offset`. `type` is a scalar type, or a
      struct/union type meaning "copy expr (a record value) there".
      String literals that initialize char arrays were expanded into one
      char IntConst item per byte (NUL included when it fits).
      zero_fill: for automatic locals, True when the bytes not covered by
      items must be zeroed first (brace initializers). Static objects are
      always zero where no item says otherwise.
      For GlobalVar (and static locals) every expr is an IntConst or an
      AddressConst whose size matches `type` (emit .byte/.half/.word); an
      IntConst there may have a pointer type (`(char *)0xF0000000`, or a
      null pointer): emit its value.

Statements (base class Stmt)
----------------------------
  Compound(items, symbols)   a block: items are statements (LocalDecl among
                             them, in source order); symbols lists every
                             Symbol declared directly in this block (locals
                             and static locals, for debug-info scopes);
                             .end_loc is the closing brace. An empty
                             statement `;` is an empty Compound.
  LocalDecl(symbol, init)    an automatic local comes into scope here; init
                             is an Initializer or None. (Static locals have
                             no LocalDecl: they are GlobalVars of the unit.)
  ExprStmt(expr)             evaluate and discard.
  If(cond, then, else_)      else_ may be None.
  While(cond, body)
  DoWhile(body, cond)
  For(init, cond, step, body)  init: None, an ExprStmt, or a Compound of
                             LocalDecls (a C99 for-declaration; its scope is
                             the For). cond None means "forever"; step None
                             means nothing.
  Switch(expr, body, cases, default)
                             expr is an integer of promoted type; cases: the
                             Case nodes of this switch in source order (their
                             values are distinct and already converted to
                             expr.type); default: the Default node or None.
  Case(value, body)          `case value: body` (a label inside the Switch
                             body); value is a Python int.
  Default(body)              `default: body`.
  Break / Continue           innermost loop (or switch, for break).
  Return(value)              value converted to the return type, or None.
  Goto(name)                 .target is the Label node.
  Label(name, body)          `name: body`.
  AsmStmt(template, outputs, inputs, clobbers, volatile, basic)
                             basic=True: `asm("text")`, template emitted
                             verbatim, no operands. Otherwise outputs are
                             AsmOperand(constraint '=r' or '+r', lvalue
                             expr), inputs AsmOperand('r' (expr of scalar
                             type, already decayed/promoted to 32 bits) or
                             'i' (an IntConst)); %0.. number outputs first,
                             then inputs; clobbers is a list of strings.

Top level
---------
  TranslationUnit            .filename; .functions (FunctionDef list);
                             .globals (GlobalVar list: every object defined
                             in this unit, static locals included, in order);
                             .strings (StringLit list, unique labels);
                             .asm (TopAsm list); .items (all of those
                             top-level things in source order);
                             .symbols (dict name -> Symbol of file scope,
                             including extern declarations and undefined
                             functions that were declared);
                             .externs: Symbols declared but not defined here
                             that the code references.
  GlobalVar(symbol, init)    init is an Initializer or None (all zero: a
                             tentative definition or `= {0}` -> .bss).
  FunctionDef                .symbol, .name, .params (PARAM Symbols in
                             order), .body (Compound), .locals (every LOCAL
                             Symbol of the body), .static_locals, .labels
                             (label names), .attrs, .is_variadic,
                             .return_type, .loc, .end_loc. (For `int main`
                             whose body does not end in a return, sema
                             appends `return 0;` as C99 says.)
  TopAsm(text)               file-scope `asm("...")`, emitted verbatim.
  Attributes                 section (str or None), aligned (int or None),
                             noreturn, packed, used, unused (bools).
"""

from collections import namedtuple

Loc = namedtuple("Loc", "file line col")
Loc.__str__ = lambda self: f"{self.file}:{self.line}:{self.col}"

NOLOC = Loc("<builtin>", 0, 0)

# Symbol kinds
GLOBAL = "global"
STATIC_LOCAL = "static_local"
LOCAL = "local"
PARAM = "param"
FUNCTION = "function"
ENUM_CONST = "enum_const"


class Attributes:
    """GCC __attribute__s the compiler understands."""

    def __init__(self):
        self.section = None
        self.aligned = None
        self.noreturn = False
        self.packed = False
        self.used = False
        self.unused = False

    def merge(self, other):
        if other is None:
            return self
        for k, v in vars(other).items():
            if v:
                setattr(self, k, v)
        return self

    def __repr__(self):
        return "Attributes(%s)" % ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if v)


class Symbol:
    """One declared entity (see the contract above)."""

    _next_uid = 0

    def __init__(self, name, kind, type, loc, storage=None):
        self.name = name
        self.kind = kind
        self.type = type
        self.loc = loc
        self.storage = storage
        self.label = name if kind in (GLOBAL, FUNCTION) else None
        self.is_public = storage != "static" and kind in (GLOBAL, FUNCTION)
        self.defined = False
        self.address_taken = type.is_array() or type.is_record()
        self.value = None
        self.attrs = Attributes()
        self.uid = Symbol._next_uid
        Symbol._next_uid += 1
        self.used = False

    @property
    def is_variadic(self):
        return self.type.is_function() and self.type.variadic

    def __repr__(self):
        return f"<Symbol {self.kind} {self.name}: {self.type}>"


class Node:
    loc = NOLOC

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items()
                           if k not in ("loc", "type", "is_lvalue") and not (k == "target" and isinstance(v, Node)))
        return f"{type(self).__name__}({fields})"


# --- expressions -------------------------------------------------------------
class Expr(Node):
    type = None
    is_lvalue = False


class IntConst(Expr):
    def __init__(self, value, type, loc=NOLOC):
        self.value = value
        self.type = type
        self.loc = loc


class StringLit(Expr):
    is_lvalue = True

    def __init__(self, data, type, label, loc=NOLOC):
        self.data = data
        self.type = type
        self.label = label
        self.loc = loc


class Ident(Expr):
    def __init__(self, symbol, loc=NOLOC):
        self.symbol = symbol
        self.type = symbol.type
        self.is_lvalue = not symbol.type.is_function()
        self.loc = loc


class Unary(Expr):
    def __init__(self, op, operand, type, loc=NOLOC):
        self.op = op
        self.operand = operand
        self.type = type
        self.loc = loc


class Binary(Expr):
    def __init__(self, op, left, right, type, loc=NOLOC):
        self.op = op
        self.left = left
        self.right = right
        self.type = type
        self.signed = type.is_signed()
        self.loc = loc


class Compare(Expr):
    def __init__(self, op, left, right, type, loc=NOLOC):
        self.op = op
        self.left = left
        self.right = right
        self.type = type
        self.signed = left.type.is_signed()
        self.loc = loc


class Logical(Expr):
    def __init__(self, op, left, right, type, loc=NOLOC):
        self.op = op
        self.left = left
        self.right = right
        self.type = type
        self.loc = loc


class PtrAdd(Expr):
    def __init__(self, pointer, index, scale, loc=NOLOC):
        self.pointer = pointer
        self.index = index
        self.scale = scale
        self.type = pointer.type
        self.loc = loc


class PtrSub(Expr):
    def __init__(self, pointer, index, scale, loc=NOLOC):
        self.pointer = pointer
        self.index = index
        self.scale = scale
        self.type = pointer.type
        self.loc = loc


class PtrDiff(Expr):
    def __init__(self, left, right, scale, type, loc=NOLOC):
        self.left = left
        self.right = right
        self.scale = scale
        self.type = type
        self.loc = loc


class Assign(Expr):
    def __init__(self, target, value, loc=NOLOC):
        self.target = target
        self.value = value
        self.type = target.type.unqualified()
        self.loc = loc


class CompoundAssign(Expr):
    def __init__(self, op, target, value, op_type, scale, loc=NOLOC):
        self.op = op
        self.target = target
        self.value = value
        self.op_type = op_type
        self.scale = scale
        self.signed = op_type.is_signed() if op_type is not None else False
        self.type = target.type.unqualified()
        self.loc = loc


class IncDec(Expr):
    def __init__(self, op, prefix, target, scale, loc=NOLOC):
        self.op = op
        self.prefix = prefix
        self.target = target
        self.scale = scale
        self.type = target.type.unqualified()
        self.loc = loc


class Cond(Expr):
    def __init__(self, cond, then, else_, type, loc=NOLOC):
        self.cond = cond
        self.then = then
        self.else_ = else_
        self.type = type
        self.loc = loc


class Comma(Expr):
    def __init__(self, left, right, loc=NOLOC):
        self.left = left
        self.right = right
        self.type = right.type
        self.loc = loc


class Call(Expr):
    def __init__(self, func, args, direct, loc=NOLOC):
        self.func = func
        self.args = args
        self.direct = direct
        self.ftype = func.type.target
        self.type = self.ftype.ret.unqualified()
        self.loc = loc


class Member(Expr):
    def __init__(self, base, field, loc=NOLOC):
        self.base = base
        self.field = field
        self.offset = field.offset
        self.type = field.type
        if base.type.const or base.type.volatile:
            self.type = field.type.qualified(base.type.const, base.type.volatile)
        self.is_lvalue = base.is_lvalue
        self.loc = loc


class Deref(Expr):
    def __init__(self, pointer, loc=NOLOC):
        self.pointer = pointer
        self.type = pointer.type.target
        self.is_lvalue = not self.type.is_function()
        self.loc = loc


class AddrOf(Expr):
    def __init__(self, operand, type, loc=NOLOC):
        self.operand = operand
        self.type = type
        self.loc = loc


class Cast(Expr):
    def __init__(self, expr, type, kind, explicit=False, loc=None):
        self.expr = expr
        self.type = type
        self.kind = kind
        self.explicit = explicit
        self.loc = expr.loc if loc is None else loc


class VaStart(Expr):
    def __init__(self, ap, last, type, loc=NOLOC):
        self.ap = ap
        self.last = last
        self.type = type
        self.loc = loc


class VaArg(Expr):
    def __init__(self, ap, type, loc=NOLOC):
        self.ap = ap
        self.type = type
        self.loc = loc


class VaEnd(Expr):
    def __init__(self, ap, type, loc=NOLOC):
        self.ap = ap
        self.type = type
        self.loc = loc


class VaCopy(Expr):
    def __init__(self, dest, src, type, loc=NOLOC):
        self.dest = dest
        self.src = src
        self.type = type
        self.loc = loc


class AddressConst(Expr):
    def __init__(self, symbol, string, offset, type, loc=NOLOC):
        self.symbol = symbol
        self.string = string
        self.offset = offset
        self.type = type
        self.loc = loc

    @property
    def label(self):
        return self.symbol.label if self.symbol is not None else self.string.label


# --- initializers --------------------------------------------------------------
class InitItem(Node):
    def __init__(self, offset, type, expr):
        self.offset = offset
        self.type = type
        self.expr = expr
        self.loc = expr.loc


class Initializer(Node):
    def __init__(self, size, items, zero_fill, loc=NOLOC):
        self.size = size
        self.items = items
        self.zero_fill = zero_fill
        self.loc = loc


# --- statements ----------------------------------------------------------------
class Stmt(Node):
    pass


class Compound(Stmt):
    def __init__(self, items, symbols=None, loc=NOLOC, end_loc=None):
        self.items = items
        self.symbols = symbols if symbols is not None else []
        self.loc = loc
        self.end_loc = end_loc if end_loc is not None else loc


class LocalDecl(Stmt):
    def __init__(self, symbol, init, loc=NOLOC):
        self.symbol = symbol
        self.init = init
        self.loc = loc


class ExprStmt(Stmt):
    def __init__(self, expr, loc=NOLOC):
        self.expr = expr
        self.loc = loc


class If(Stmt):
    def __init__(self, cond, then, else_, loc=NOLOC):
        self.cond = cond
        self.then = then
        self.else_ = else_
        self.loc = loc


class While(Stmt):
    def __init__(self, cond, body, loc=NOLOC):
        self.cond = cond
        self.body = body
        self.loc = loc


class DoWhile(Stmt):
    def __init__(self, body, cond, loc=NOLOC):
        self.body = body
        self.cond = cond
        self.loc = loc


class For(Stmt):
    def __init__(self, init, cond, step, body, loc=NOLOC):
        self.init = init
        self.cond = cond
        self.step = step
        self.body = body
        self.loc = loc


class Switch(Stmt):
    def __init__(self, expr, body, cases, default, loc=NOLOC):
        self.expr = expr
        self.body = body
        self.cases = cases
        self.default = default
        self.loc = loc


class Case(Stmt):
    def __init__(self, value, body, loc=NOLOC):
        self.value = value
        self.body = body
        self.loc = loc


class Default(Stmt):
    def __init__(self, body, loc=NOLOC):
        self.body = body
        self.loc = loc


class Break(Stmt):
    def __init__(self, loc=NOLOC):
        self.loc = loc


class Continue(Stmt):
    def __init__(self, loc=NOLOC):
        self.loc = loc


class Return(Stmt):
    def __init__(self, value, loc=NOLOC):
        self.value = value
        self.loc = loc


class Goto(Stmt):
    def __init__(self, name, loc=NOLOC):
        self.name = name
        self.target = None
        self.loc = loc


class Label(Stmt):
    def __init__(self, name, body, loc=NOLOC):
        self.name = name
        self.body = body
        self.loc = loc


class AsmOperand(Node):
    def __init__(self, constraint, expr, loc=NOLOC):
        self.constraint = constraint
        self.expr = expr
        self.loc = loc


class AsmStmt(Stmt):
    def __init__(self, template, outputs, inputs, clobbers, volatile, basic, loc=NOLOC):
        self.template = template
        self.outputs = outputs
        self.inputs = inputs
        self.clobbers = clobbers
        self.volatile = volatile
        self.basic = basic
        self.loc = loc


# --- top level -------------------------------------------------------------------
class GlobalVar(Node):
    def __init__(self, symbol, init, loc=NOLOC):
        self.symbol = symbol
        self.init = init
        self.loc = loc


class FunctionDef(Node):
    def __init__(self, symbol, params, body=None, loc=NOLOC):
        self.symbol = symbol
        self.params = params
        self.body = body
        self.locals = []
        self.static_locals = []
        self.labels = []
        self.loc = loc
        self.end_loc = loc

    name = property(lambda self: self.symbol.name)
    attrs = property(lambda self: self.symbol.attrs)
    is_variadic = property(lambda self: self.symbol.type.variadic)
    return_type = property(lambda self: self.symbol.type.ret)


class TopAsm(Node):
    def __init__(self, text, loc=NOLOC):
        self.text = text
        self.loc = loc


class TranslationUnit(Node):
    def __init__(self, filename):
        self.filename = filename
        self.functions = []
        self.globals = []
        self.strings = []
        self.asm = []
        self.items = []
        self.symbols = {}
        self.externs = []
