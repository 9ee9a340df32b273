"""Values of C expressions in the debugger: typed bytes, maybe with a
place they live (memory or a register), and how to print them."""

from vm.isa import MASK
from .ctypes import INT
from .symbols import DebugError

MAX_STRING = 200
MAX_ELEMENTS = 200


class Value:
    """`data` is the value's bytes (little-endian); `addr` its memory
    address (an lvalue in memory), `reg` its register (an lvalue there)."""

    def __init__(self, ctype, data, addr=None, reg=None, space=None):
        self.type = ctype
        self.data = bytes(data)
        self.addr = addr
        self.reg = reg
        self.space = space

    @classmethod
    def of_int(cls, n, ctype=INT):
        size = ctype.strip().size or 4
        return cls(ctype, (n & ((1 << 8 * size) - 1)).to_bytes(size, "little"))

    def as_int(self):
        t = self.type.strip()
        if t.kind in ("array", "function"):
            if self.addr is None:
                raise DebugError("value has no address")
            return self.addr
        if t.kind not in ("int", "enum", "pointer"):
            raise DebugError(f"'{self.type}' is not a number")
        n = int.from_bytes(self.data[:t.size or 4], "little")
        if t.kind != "pointer" and t.signed and n >> (8 * t.size - 1):
            n -= 1 << (8 * t.size)
        return n


def read_value(space, ctype, addr):
    size = ctype.byte_size
    data = space.read(addr, size) if size else b""
    return Value(ctype, data, addr=addr & MASK, space=space)


def _entry_argument(frame, var):
    """Before a function's prologue has moved its parameters to their
    homes, parameter k is still where the caller put it: register a<k>
    (docs/abi.md; the first six). None if that does not apply."""
    fn = frame.function
    if fn is None or frame.program is None or var not in fn.params:
        return None
    if frame.pc >= frame.program.after_prologue(fn):
        return None
    k = fn.params.index(var)
    if fn.ret.strip().kind in ("struct", "union"):
        k += 1                      # slot 0 is the hidden result pointer
    if k >= 6 or frame.regs[1 + k] is None:
        return None
    value = frame.regs[1 + k]
    if var.type.strip().kind in ("struct", "union"):
        return read_value(frame.space, var.type, value)        # passed by address
    size = var.type.byte_size or 4
    return Value(var.type, (value & ((1 << 8 * size) - 1)).to_bytes(size, "little"), space=frame.space)


def read_variable(frame, var):
    """A variable's value in a frame (docs/debuginfo.md locations)."""
    early = _entry_argument(frame, var)
    if early is not None:
        return early
    loc = var.loc
    if not loc:
        raise DebugError(f"'{var.name}' was optimized out")
    if "addr" in loc:
        return read_value(frame.space, var.type, loc["addr"])
    if "fp" in loc:
        if frame.fp is None or frame.frameless:
            raise DebugError(f"'{var.name}' is not available here (the frame is not set up yet)")
        return read_value(frame.space, var.type, frame.fp + loc["fp"])
    if "reg" in loc:
        value = frame.regs[loc["reg"]]
        if value is None:
            raise DebugError(f"'{var.name}' is not available in this frame (in a register not preserved by calls)")
        size = var.type.byte_size or 4
        t = var.type.strip()
        if t.kind in ("struct", "union", "array"):
            return read_value(frame.space, var.type, value)   # a register holding its address
        return Value(var.type, (value & ((1 << 8 * size) - 1)).to_bytes(size, "little"), reg=loc["reg"],
                     space=frame.space)
    raise DebugError(f"'{var.name}': unknown location {loc}")


# --- printing --------------------------------------------------------------------------
def format_number(n, size, fmt):
    """An integer in print's /x /d /u /o /t /c /a formats."""
    bits = 8 * (size or 4)
    u = n & ((1 << bits) - 1)
    if fmt == "x":
        return hex(u)
    if fmt == "z":
        return f"0x{u:0{bits // 4}x}"
    if fmt == "o":
        return "0" + oct(u)[2:] if u else "0"
    if fmt == "t":
        return bin(u)[2:]
    if fmt == "u":
        return str(u)
    if fmt == "c":
        return f"{u & 0xFF} {_char_literal(u & 0xFF)}"
    s = u - (1 << bits) if u >> (bits - 1) else u
    return str(s)


def format_value(v, symbolize=None, top=True, fmt=None):
    t = v.type.strip()
    k = t.kind
    if fmt and k in ("int", "enum", "pointer"):
        return format_number(v.as_int(), t.size, fmt)
    if k == "int":
        n = v.as_int()
        if t.size == 1:
            return f"{n} {_char_literal(n & 0xFF)}"
        return str(n)
    if k == "enum":
        n = v.as_int()
        for name, value in t.constants or ():
            if value == n:
                return name
        return str(n)
    if k == "pointer":
        n = v.as_int()
        target = t.target.strip()
        if target.kind == "function":
            name = symbolize(n) if symbolize else None
            return f"({v.type}) {n:#x}" + (f" <{name}>" if name else "")
        text = f"{n:#x}" if n else "0x0"
        if target.kind == "int" and target.size == 1 and n and v.space:
            text += " " + _read_string(v.space, n)
        elif top:
            text = f"({v.type}) {text}"
        return text
    if k == "array":
        elem = t.target
        size = elem.byte_size
        n = t.length or 0
        if elem.strip().kind == "int" and size == 1 and not fmt:
            raw = v.data[:n]
            end = raw.find(0)
            return _quote(raw if end < 0 else raw[:end])
        parts = []
        for i in range(min(n, MAX_ELEMENTS)):
            sub = Value(elem, v.data[i * size:(i + 1) * size],
                        addr=None if v.addr is None else v.addr + i * size, space=v.space)
            parts.append(format_value(sub, symbolize, top=False, fmt=fmt))
        more = "..." if n > MAX_ELEMENTS else ""
        return "{" + ", ".join(_repeats(parts)) + more + "}"
    if k in ("struct", "union"):
        parts = []
        for name, ftype, off in t.fields or ():
            sub = Value(ftype, v.data[off:off + ftype.byte_size],
                        addr=None if v.addr is None else v.addr + off, space=v.space)
            parts.append(f"{name} = {format_value(sub, symbolize, top=False, fmt=fmt)}")
        return "{" + ", ".join(parts) + "}"
    if k == "function":
        name = symbolize(v.addr) if symbolize and v.addr is not None else None
        return f"{{{v.type}}} {v.addr or 0:#x}" + (f" <{name}>" if name else "")
    if k == "void":
        return "void"
    return "?"


def _repeats(parts):
    """gdb-style '0 <repeats 10 times>' for long runs of one element."""
    out, i = [], 0
    while i < len(parts):
        j = i
        while j < len(parts) and parts[j] == parts[i]:
            j += 1
        if j - i >= 10:
            out.append(f"{parts[i]} <repeats {j - i} times>")
        else:
            out.extend(parts[i:j])
        i = j
    return out


def _char_literal(c):
    escapes = {0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r",
               39: "\\'", 92: "\\\\"}
    if c in escapes:
        return f"'{escapes[c]}'"
    if 32 <= c < 127:
        return f"'{chr(c)}'"
    return f"'\\{c:03o}'"


def _quote(raw):
    out = []
    for c in raw:
        if c == 34:
            out.append('\\"')
        elif c == 92:
            out.append("\\\\")
        elif c == 10:
            out.append("\\n")
        elif c == 9:
            out.append("\\t")
        elif 32 <= c < 127:
            out.append(chr(c))
        else:
            out.append(f"\\{c:03o}")
    return '"' + "".join(out) + '"'


def read_c_string(space, addr, limit=MAX_STRING):
    """(bytes, complete): the NUL-terminated string at addr, at most
    `limit` bytes of it; complete is False if it was cut short (too long,
    or memory ended). None if not even its first byte can be read."""
    raw = bytearray()
    try:
        while len(raw) < limit:
            b = space.read(addr + len(raw), 1)[0]
            if b == 0:
                return bytes(raw), True
            raw.append(b)
    except DebugError:
        if not raw:
            return None
    return bytes(raw), False


def _read_string(space, addr):
    found = read_c_string(space, addr)
    if found is None:
        return "<error: cannot access memory>"
    raw, complete = found
    return _quote(raw) + ("" if complete else "...")

