"""Constant folding: compute operations on known values exactly as the machine would.

Values are Python ints kept in the range of their C type (signed types hold
negative numbers); the ALU names are vm/isa.py's, so folding follows the
instruction table's semantics.
"""

MASK = 0xFFFFFFFF


def wrap(v, type):
    """v converted to an integer type (pointers are 32-bit unsigned)."""
    if type.is_integer():
        return type.wrap(v)
    return v & MASK


def _s(x):
    x &= MASK
    return x - (1 << 32) if x >> 31 else x


def _trunc_div(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def fold_binary(alu, a, b, type):
    """a ALU b in type, or None when it must not be folded (division by zero)."""
    ua, ub = a & MASK, b & MASK
    if alu in ("div", "rem", "divu", "remu") and ub == 0:
        return None                      # leave it to trap at run time
    r = {
        "add": lambda: ua + ub,
        "sub": lambda: ua - ub,
        "mul": lambda: ua * ub,
        "and": lambda: ua & ub,
        "or": lambda: ua | ub,
        "xor": lambda: ua ^ ub,
        "shl": lambda: ua << ub if ub < 32 else 0,
        "shr": lambda: ua >> ub if ub < 32 else 0,
        "sar": lambda: _s(ua) >> min(ub, 31),
        "div": lambda: _trunc_div(_s(ua), _s(ub)),
        "rem": lambda: _s(ua) - _trunc_div(_s(ua), _s(ub)) * _s(ub),
        "divu": lambda: ua // ub,
        "remu": lambda: ua % ub,
        "slt": lambda: int(_s(ua) < _s(ub)),
        "sltu": lambda: int(ua < ub),
        "sgt": lambda: int(_s(ua) > _s(ub)),
        "sgtu": lambda: int(ua > ub),
        "seq": lambda: int(ua == ub),
        "sne": lambda: int(ua != ub),
    }[alu]()
    return wrap(r, type)


def fold_compare(op, a, b, signed):
    if signed:
        a, b = _s(a), _s(b)
    else:
        a, b = a & MASK, b & MASK
    return int({"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b,
                ">": a > b, ">=": a >= b}[op])
