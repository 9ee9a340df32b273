"""Constant expressions: folding integers and static-initializer addresses.

C needs compile-time values in a few places: array sizes, case labels, enum
values, bit widths, and the initializers of static objects. These work on
the *typed* AST (after sema has inserted every conversion), so the C rules
for wrap-around and signedness come straight from the node types.

    eval_int(e)      -> int, or None if e is not an integer constant
                        expression; raises CompileError for division by zero
    static_value(e)  -> IntConst or AddressConst for a static initializer
                        element, or None if it is not constant
"""

from . import ast as A
from .ctypes import IntType
from .diag import CompileError, Diagnostic


class NotConstant(Exception):
    pass


def eval_int(e):
    """The value of integer constant expression e, or None."""
    try:
        return _int(e)
    except NotConstant:
        return None


def try_fold(e):
    """Like eval_int but never raises (division by zero -> None)."""
    try:
        return _int(e)
    except (NotConstant, CompileError):
        return None


def _wrap(t, v):
    return t.wrap(v) if isinstance(t, IntType) else v & 0xFFFFFFFF


def _int(e):
    """The value of e, remembering on the node when it has none: sema folds
    every operator as it builds it, and `a + a + ... + a` would otherwise
    walk the whole left operand again at each `+` (quadratic)."""
    if isinstance(e, A.IntConst):
        return e.value
    failed = getattr(e, "not_constant", None)
    if failed is not None:
        raise failed.with_traceback(None)
    try:
        return _int_of(e)
    except (NotConstant, CompileError) as err:
        e.not_constant = err
        raise


def _int_of(e):
    if isinstance(e, A.Cast):
        if e.kind in ("int", "noop") and isinstance(e.type, IntType):
            if e.expr.type.is_pointer():
                # (size_t)&((T *)0)->m: the classic offsetof
                target, off = _address(e.expr)
                if target is not None:
                    raise NotConstant
                return _wrap(e.type, off)
            return _wrap(e.type, _int(e.expr))
        if e.kind == "ptr" and e.expr.type.is_integer():
            return _int(e.expr) & 0xFFFFFFFF
        raise NotConstant
    if isinstance(e, A.Unary):
        v = _int(e.operand)
        if e.op == "-":
            return _wrap(e.type, -v)
        if e.op == "~":
            return _wrap(e.type, ~v)
        if e.op == "!":
            return int(v == 0)
    if isinstance(e, A.Binary):
        return binary(e.op, _int(e.left), _int(e.right), e.type, e.loc)
    if isinstance(e, A.Compare):
        return compare(e.op, _int(e.left), _int(e.right), e.left.type)
    if isinstance(e, A.Logical):
        left = _int(e.left)
        if e.op == "&&":
            return int(bool(left) and bool(_int(e.right)))
        return int(bool(left) or bool(_int(e.right)))
    if isinstance(e, A.Cond):
        return _int(e.then) if _int(e.cond) else _int(e.else_)
    raise NotConstant


def binary(op, a, b, t, loc):
    """a OP b in type t (a C integer type), wrapping like the machine."""
    bits = 8 * t.size
    if not t.is_signed():
        a &= (1 << bits) - 1
        b &= (1 << bits) - 1
    if op in ("/", "%"):
        if b == 0:
            raise CompileError(Diagnostic("error", "division by zero in constant expression", loc))
        q = abs(a) // abs(b)
        if (a < 0) != (b < 0):
            q = -q                      # C truncates toward zero
        v = q if op == "/" else a - q * b
    elif op == "+":
        v = a + b
    elif op == "-":
        v = a - b
    elif op == "*":
        v = a * b
    elif op == "&":
        v = a & b
    elif op == "|":
        v = a | b
    elif op == "^":
        v = a ^ b
    elif op == "<<":
        v = a << (b & 31)
    elif op == ">>":
        v = a >> (b & 31)
    else:
        raise NotConstant
    return _wrap(t, v)


def compare(op, a, b, t):
    if not t.is_signed():
        a &= 0xFFFFFFFF
        b &= 0xFFFFFFFF
    return int({"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b,
                ">": a > b, ">=": a >= b}[op])


# --- static initializers ----------------------------------------------------------
_STATIC_KINDS = (A.GLOBAL, A.STATIC_LOCAL, A.FUNCTION)


def is_zero_init(init):
    """A static object with this initializer (None: none) is all zero bytes,
    so it goes to .bss and takes no room in the object file."""
    return init is None or all(isinstance(i.expr, A.IntConst) and i.expr.value == 0
                               for i in init.items)


def static_value(e):
    """e as IntConst / AddressConst for a static initializer, or None."""
    try:
        v = _int(e)
        return A.IntConst(v, e.type, e.loc)
    except NotConstant:
        pass
    try:
        target, off = _address(e)
    except NotConstant:
        return None
    if target is None:
        return A.IntConst(off & 0xFFFFFFFF, e.type, e.loc)
    if e.type.size != 4:
        return None                    # an address does not fit in a char/short
    if isinstance(target, A.Symbol):
        return A.AddressConst(target, None, off, e.type, e.loc)
    return A.AddressConst(None, target, off, e.type, e.loc)


def _address(e):
    """(Symbol or StringLit, offset) of a pointer-valued constant expression.

    The target is None for an absolute address such as (char *)0x1000."""
    if isinstance(e, A.IntConst):
        return None, e.value
    if isinstance(e, A.Cast):
        if e.kind == "decay":
            return _lvalue(e.expr)
        if e.kind in ("ptr", "noop") or (e.kind == "int" and e.type.size == 4):
            return _address(e.expr)
        raise NotConstant
    if isinstance(e, A.AddrOf):
        return _lvalue(e.operand)
    if isinstance(e, (A.PtrAdd, A.PtrSub)):
        target, off = _address(e.pointer)
        n = _int(e.index) * e.scale
        return target, off + n if isinstance(e, A.PtrAdd) else off - n
    if isinstance(e, A.Binary) and e.op in ("+", "-"):
        try:
            target, off = _address(e.left)
            n = _int(e.right)
        except NotConstant:
            if e.op == "-":
                raise
            target, off = _address(e.right)
            n = _int(e.left)
        return target, off + n if e.op == "+" else off - n
    if isinstance(e, A.Comma):
        raise NotConstant
    raise NotConstant


def _lvalue(e):
    """(Symbol or StringLit, offset) of an lvalue with a static address."""
    if isinstance(e, A.Ident):
        if e.symbol.kind in _STATIC_KINDS:
            return e.symbol, 0
        raise NotConstant
    if isinstance(e, A.StringLit):
        return e, 0
    if isinstance(e, A.Member):
        target, off = _lvalue(e.base)
        return target, off + e.offset
    if isinstance(e, A.Deref):
        return _address(e.pointer)
    raise NotConstant
