"""C expressions for `print`, `x`, `watch` and breakpoint conditions.

A small recursive-descent parser straight to evaluation (no tree): numbers,
character constants, variables, registers ($a0, $pc, $sp, $r5) and control
registers ($status, $ptbr, ...), the C operators (unary - ! ~ * &, sizeof,
casts, [] . ->, the binary arithmetic, comparison and logical operators,
and assignment), plus gdb's `@`: `*p@n` is an array of n elements that
starts at *p, and calls `f(x, y)`, which the context runs on a copy of the
machine (calls.py) when it can.

The `Context` gives names their meaning: the frame (locals, parameters),
the program (globals, types) and the core (registers).
"""

import re

from vm.isa import CSR_BY_NAME, MASK, reg_number
from .ctypes import BASE_TYPES, CHAR, CODE_PTR, INT, UINT, VOID, array_of, pointer_to
from .symbols import DebugError
from .values import Value, read_value, read_variable

TOKEN = re.compile(r"""\s*(?:
    (?P<num>(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*)
  | (?P<chr>'(?:\\.|[^'\\])')
  | (?P<reg>\$[A-Za-z_0-9]*)
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>->|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^!~<>=()\[\].@,?:])
)""", re.VERBOSE)

ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "a": 7, "b": 8}
TYPE_WORDS = {"int", "char", "short", "long", "unsigned", "signed", "void", "_Bool",
              "struct", "union", "enum", "const", "volatile"}
BINARY = [("||",), ("&&",), ("|",), ("^",), ("&",), ("==", "!="), ("<", ">", "<=", ">="),
          ("<<", ">>"), ("@",), ("+", "-"), ("*", "/", "%")]


class Token(tuple):
    """(kind, text), and where the text is in the expression (start, end)."""

    def __new__(cls, kind, text, start, end):
        tok = super().__new__(cls, (kind, text))
        tok.start, tok.end = start, end
        return tok


class NoCall(DebugError):
    """A call that could not be run, with what could be read instead
    (`alternatives`) and the tokens of the call (`span`), so evaluate()
    can show the whole expression rewritten without it."""

    def __init__(self, message, alternatives):
        super().__init__(message)
        self.alternatives = alternatives
        self.span = None


def tokenize(text):
    out, at = [], 0
    text = text.rstrip()
    while at < len(text):
        m = TOKEN.match(text, at)
        if not m or m.end() == at:
            raise DebugError(f"cannot parse expression at '{text[at:].strip()}'")
        kind = m.lastgroup
        out.append(Token(kind, m.group(kind), m.start(kind), m.end()))
        at = m.end()
    return out


class Context:
    """What names mean: frame (may be None), programs, the focused core."""

    def __init__(self, core, frame, program, space, symbolize=None):
        self.core = core
        self.frame = frame
        self.program = program
        self.space = space
        self.symbolize = symbolize
        self.history = None        # print's $1, $2, ... (set by the UI)
        self.call = None           # fn(name, function value, args) -> Value: runs a call, if allowed
        self.why_no_calls = "the machine would have to run"

    def call_function(self, name, fn, args):
        """name(args): run by self.call; if it cannot be, a NoCall that
        knows expressions reading the same kind of value without a call."""
        from .calls import alternatives, function_of
        try:
            if self.call is None:
                raise DebugError(f"cannot call {name}() here: {self.why_no_calls}")
            return self.call(name, fn, args)
        except DebugError as e:
            instead = alternatives(self.program, function_of(fn)[1].target, self.core.id if self.core else 0)
            raise NoCall(str(e), instead) from None

    def variable(self, name):
        frame = self.frame
        if frame and frame.function:
            candidates = frame.function.params + frame.function.visible_locals(frame.pc)
            for var in reversed(candidates):
                if var.name == name:
                    return read_variable(frame, var)
        if self.program:
            g = self.program.global_var(name)
            if g:
                return read_value(self.space, g.type, g.loc["addr"])
            f = self.program.function(name)
            if f:
                return Value(f.type, b"", addr=f.low, space=self.space)
            addr = self.program.info.addr_of(name)
            if addr is not None:
                return Value.of_int(addr, UINT)
            for t in self.program.unit_types.values():   # an enum constant
                for ty in t:
                    for cname, cval in (ty.constants or ()) if ty.kind == "enum" else ():
                        if cname == name:
                            return Value.of_int(cval, ty)
        raise DebugError(f"no symbol \"{name}\" in current context")

    def register(self, name):
        if name == "" or name.isdigit():          # $ and $N: the value history of print
            history = self.history or []
            i = len(history) if name == "" else int(name)
            if not 1 <= i <= len(history):
                raise DebugError(f"history has not yet reached ${name}")
            return history[i - 1]
        n = reg_number(name)
        regs = self.frame.regs if self.frame else self.core.regs
        if name == "pc":
            return Value.of_int(self.frame.pc if self.frame else self.core.pc, CODE_PTR)
        if n is not None:
            value = regs[n]
            if value is None:
                raise DebugError(f"register ${name} is not available in this frame")
            return Value(INT if name not in ("sp", "fp") else pointer_to(VOID), value.to_bytes(4, "little"), reg=n)
        if name in CSR_BY_NAME:
            return Value.of_int(self.core.read_csr(CSR_BY_NAME[name].number), UINT)
        if name == "ring":
            return Value.of_int(self.frame.ring if self.frame else self.core.ring, INT)
        raise DebugError(f"no register ${name}")

    def type_named(self, words):
        """A type from its words ('unsigned int', 'struct proc', 'pte_t')."""
        words = [w for w in words if w not in ("const", "volatile")]
        if words and words[0] in ("struct", "union", "enum"):
            if len(words) != 2:
                raise DebugError(f"bad type '{' '.join(words)}'")
            t = self.program.struct_type(words[0], words[1]) if self.program else None
            if t is None:
                raise DebugError(f"no {words[0]} named '{words[1]}'")
            return t
        key = " ".join(words)
        key = {"long int": "long", "short int": "short", "unsigned long int": "unsigned long",
               "unsigned short int": "unsigned short", "signed char": "signed char"}.get(key, key)
        if key in BASE_TYPES:
            return BASE_TYPES[key]
        if len(words) == 1 and self.program:
            t = self.program.typedef(words[0])
            if t:
                return t
        raise DebugError(f"no type named '{key}'")

    def is_type_name(self, word):
        return word in TYPE_WORDS or bool(self.program and self.program.typedef(word))


def evaluate(text, ctx):
    """Evaluate an expression to a Value."""
    p = _Parser(tokenize(text), ctx)
    if not p.toks:
        raise DebugError("expression expected")
    try:
        v = p.assignment()
    except NoCall as e:
        if not e.alternatives or e.span is None:
            raise
        start, end = p.toks[e.span[0]].start, p.toks[e.span[1] - 1].end
        rewritten = [f"`{text[:start]}{alt}{text[end:].rstrip()}`" for alt in e.alternatives[:3]]
        raise DebugError(f"{e}; without a call, try {' or '.join(rewritten)}") from None
    if p.i < len(p.toks):
        raise DebugError(f"unexpected '{p.toks[p.i][1]}' in expression")
    return v


def parse_type(text, ctx):
    """A type name ('struct point *') or None if text is not one."""
    p = _Parser(tokenize(text), ctx)
    if not p.toks or p.toks[0][0] != "id" or not ctx.is_type_name(p.toks[0][1]):
        return None
    t = p.type_name()
    if p.i < len(p.toks):
        return None
    return t


class _Parser:
    def __init__(self, toks, ctx):
        self.toks = toks
        self.i = 0
        self.ctx = ctx

    def peek(self, k=0):
        return self.toks[self.i + k][1] if self.i + k < len(self.toks) else None

    def take(self, expected=None):
        if self.i >= len(self.toks):
            raise DebugError("unexpected end of expression")
        tok = self.toks[self.i]
        if expected and tok[1] != expected:
            raise DebugError(f"expected '{expected}', got '{tok[1]}'")
        self.i += 1
        return tok

    # --- grammar ----------------------------------------------------------------------
    def assignment(self):
        left = self.binary(0)
        if self.peek() == "=":
            self.take()
            right = self.assignment()
            return _assign(left, right, self.ctx)
        return left

    def binary(self, level):
        if level == len(BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in BINARY[level]:
            op = self.take()[1]
            if op in ("&&", "||"):
                right = self.binary(level + 1)
                a, b = _truth(left), _truth(right)
                left = Value.of_int(int(a and b) if op == "&&" else int(a or b))
            else:
                left = _binop(op, left, self.binary(level + 1), self.ctx)
        return left

    def unary(self):
        op = self.peek()
        if op in ("-", "+", "!", "~", "*", "&"):
            self.take()
            v = self.unary()
            return _unop(op, v, self.ctx)
        if op == "sizeof":
            self.take()
            if self.peek() == "(" and self._type_follows(1):
                self.take("(")
                t = self.type_name()
                self.take(")")
            else:
                t = self.unary().type
            return Value.of_int(t.byte_size, UINT)
        if op == "(" and self._type_follows(1):
            self.take("(")
            t = self.type_name()
            self.take(")")
            return _cast(self.unary(), t)
        return self.postfix()

    def _type_follows(self, k):
        tok = self.toks[self.i + k] if self.i + k < len(self.toks) else None
        return bool(tok and tok[0] == "id" and self.ctx.is_type_name(tok[1]))

    def type_name(self):
        words = []
        while self.i < len(self.toks) and self.toks[self.i][0] == "id":
            word = self.peek()
            if words and words[0] in ("struct", "union", "enum") and len(words) == 2:
                break
            if words and word not in TYPE_WORDS and words[-1] not in ("struct", "union", "enum"):
                break
            words.append(self.take()[1])
            if len(words) == 1 and word not in TYPE_WORDS:
                break                     # a typedef name stands alone
        t = self.ctx.type_named(words)
        while self.peek() == "*":
            self.take()
            t = pointer_to(t)
        return t

    def postfix(self):
        first = self.i
        callee = self.peek()
        v = self.primary()
        while True:
            op = self.peek()
            if op == "[":
                self.take()
                index = self.assignment()
                self.take("]")
                v = _unop("*", _binop("+", v, index, self.ctx), self.ctx)
            elif op == ".":
                self.take()
                v = _member(v, self.take()[1])
            elif op == "->":
                self.take()
                v = _member(_unop("*", v, self.ctx), self.take()[1])
            elif op == "(":
                self.take()
                args = []
                while self.peek() != ")":
                    args.append(self.assignment())
                    if self.peek() != ")":
                        self.take(",")
                self.take(")")
                try:
                    v = self.ctx.call_function(callee if callee and callee.isidentifier() else "the function",
                                               v, args)
                except NoCall as e:
                    e.span = e.span or (first, self.i)
                    raise
            elif op in ("+", "-") and self.peek(1) == op and self.peek(2) is None:
                raise DebugError("++ and -- are not supported: use set var X = X + 1")
            else:
                return v

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            digits = text.rstrip("uUlL")
            unsigned = "u" in text[len(digits):].lower()
            n = int(digits, 16) if digits.lower().startswith("0x") else \
                int(digits, 8) if digits.startswith("0") and digits != "0" else int(digits)
            return Value.of_int(n, INT if n < 1 << 31 and not unsigned else UINT)
        if kind == "chr":
            body = text[1:-1]
            c = ESCAPES.get(body[1], ord(body[1])) if body.startswith("\\") else ord(body)
            return Value.of_int(c, CHAR)
        if kind == "reg":
            return self.ctx.register(text[1:])
        if kind == "id":
            return self.ctx.variable(text)
        if text == "(":
            v = self.assignment()
            self.take(")")
            return v
        raise DebugError(f"unexpected '{text}' in expression")


# --- semantics -------------------------------------------------------------------------
def _truth(v):
    return v.as_int() != 0


def _decay(v):
    """Arrays become pointers to their first element; functions to pointers."""
    t = v.type.strip()
    if t.kind == "array":
        return Value.of_int(v.addr if v.addr is not None else 0, pointer_to(t.target)), t.target
    if t.kind == "function":
        return Value.of_int(v.addr or 0, pointer_to(v.type)), None
    if t.kind == "pointer":
        return v, t.target
    return v, None


def _arith_type(a, b):
    ta, tb = a.type.strip(), b.type.strip()
    if (ta.kind == "int" and not ta.signed and ta.size == 4) or (tb.kind == "int" and not tb.signed and tb.size == 4):
        return UINT
    return INT


def _binop(op, a, b, ctx):
    if op == "@":
        if a.addr is None:
            raise DebugError("only values in memory can be used with '@'")
        n = b.as_int()
        if n <= 0:
            raise DebugError("the count after '@' must be positive")
        return read_value(a.space or ctx.space, array_of(a.type, n), a.addr)
    a, pa = _decay(a)
    b, pb = _decay(b)
    if op in ("+", "-") and pa is not None and pb is None:
        step = max(pa.byte_size, 1)
        n = b.as_int() * step
        return Value.of_int(a.as_int() + n if op == "+" else a.as_int() - n, a.type)
    if op == "+" and pb is not None and pa is None:
        return Value.of_int(b.as_int() + a.as_int() * max(pb.byte_size, 1), b.type)
    if op == "-" and pa is not None and pb is not None:
        return Value.of_int((a.as_int() - b.as_int()) // max(pa.byte_size, 1), INT)
    x, y = a.as_int(), b.as_int()
    rtype = _arith_type(a, b)
    if rtype is UINT:
        x, y = x & MASK, y & MASK
    if op in ("/", "%") and y == 0:
        raise DebugError("division by zero")
    result = {
        "+": lambda: x + y, "-": lambda: x - y, "*": lambda: x * y,
        "/": lambda: int(x / y) if rtype is INT else x // y,
        "%": lambda: x - int(x / y) * y if rtype is INT else x % y,
        "<<": lambda: x << (y & 31), ">>": lambda: x >> (y & 31),
        "&": lambda: x & y, "|": lambda: x | y, "^": lambda: x ^ y,
        "==": lambda: int(x == y), "!=": lambda: int(x != y), "<": lambda: int(x < y),
        ">": lambda: int(x > y), "<=": lambda: int(x <= y), ">=": lambda: int(x >= y),
    }[op]()
    if op in ("==", "!=", "<", ">", "<=", ">="):
        rtype = INT
    return Value.of_int(result, rtype)


def _unop(op, v, ctx):
    if op == "&":
        if v.addr is None:
            raise DebugError("cannot take the address of a value that is not in memory")
        return Value.of_int(v.addr, pointer_to(v.type))
    if op == "*":
        v, target = _decay(v)
        if target is None:
            raise DebugError(f"attempt to take contents of a non-pointer value ('{v.type}')")
        if target.strip().kind == "void":
            raise DebugError("attempt to take contents of a void pointer")
        if target.strip().kind == "function":
            return Value(target, b"", addr=v.as_int(), space=ctx.space)
        return read_value(ctx.space, target, v.as_int())
    n = v.as_int()
    if op == "-":
        return Value.of_int(-n, _arith_type(v, v))
    if op == "+":
        return Value.of_int(n, _arith_type(v, v))
    if op == "!":
        return Value.of_int(int(n == 0))
    return Value.of_int(~n, _arith_type(v, v))


def _member(v, name):
    t = v.type.strip()
    if t.kind not in ("struct", "union"):
        raise DebugError(f"attempt to extract a component of a value that is not a structure ('{v.type}')")
    found = v.type.field(name)
    if not found:
        raise DebugError(f"there is no member named {name}")
    ftype, off = found
    size = ftype.byte_size
    return Value(ftype, v.data[off:off + size], addr=None if v.addr is None else v.addr + off,
                 space=v.space)


def _cast(v, t):
    target = t.strip()
    if target.kind in ("struct", "union", "array"):
        if v.addr is None:
            raise DebugError(f"cannot cast to '{t}'")
        return read_value(v.space, t, v.addr)
    v, _ = _decay(v)
    return Value.of_int(v.as_int(), t)


def _assign(left, right, ctx):
    if left.addr is None and left.reg is None:
        raise DebugError("left operand of assignment is not an lvalue")
    t = left.type.strip()
    if t.kind in ("struct", "union", "array"):
        data = right.data[:left.type.byte_size]
    else:
        right, _ = _decay(right)
        data = Value.of_int(right.as_int(), left.type).data
    if left.addr is not None:
        (left.space or ctx.space).write(left.addr, data)
    else:
        if ctx.frame and ctx.frame.level != 0:
            raise DebugError("can only assign registers in the innermost frame")
        value = int.from_bytes(data.ljust(4, b"\0"), "little")
        if t.kind == "int" and t.signed and t.size < 4 and value >> (8 * t.size - 1):
            value |= MASK ^ ((1 << 8 * t.size) - 1)
        if left.reg:
            ctx.core.regs[left.reg] = value
    return Value(left.type, data, addr=left.addr, reg=left.reg, space=left.space)
