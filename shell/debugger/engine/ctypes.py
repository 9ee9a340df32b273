"""C types as the debugger sees them, built from the `types` entries the
compiler writes (docs/debuginfo.md), plus the few the debugger makes up
itself (int for a register, a pointer for `&x`, an array for `*p@n`)."""


class CType:
    """kind: void int enum pointer array struct union function typedef.
    Unused attributes stay None."""

    def __init__(self, kind, size=0, name=None, signed=True, target=None, length=None,
                 fields=None, constants=None, params=None, variadic=False):
        self.kind = kind
        self.size = size
        self.name = name
        self.signed = signed
        self.target = target          # pointer: pointee; array: element; typedef: named type; function: return
        self.length = length
        self.fields = fields          # struct/union: [(name, CType, offset)]
        self.constants = constants    # enum: [(name, value)]
        self.params = params          # function: [CType]
        self.variadic = variadic
        self.const = False

    def strip(self):
        """The type under any typedefs."""
        t = self
        while t.kind == "typedef":
            t = t.target
        return t

    @property
    def byte_size(self):
        t = self.strip()
        if t.kind == "array":
            return (t.length or 0) * t.target.byte_size
        return t.size

    def is_scalar(self):
        return self.strip().kind in ("int", "enum", "pointer")

    def field(self, name):
        for fname, ftype, off in self.strip().fields or ():
            if fname == name:
                return ftype, off
            if fname is None:                 # anonymous member: look inside
                inner = ftype.field(name)
                if inner:
                    return inner[0], off + inner[1]
        return None

    # --- spelling, as C writes it ------------------------------------------------
    def __str__(self):
        return self.spell("")

    def spell(self, inner):
        """The declaration of `inner` with this type ('int *p', 'int[4]')."""
        k = self.kind
        pre = "const " if self.const else ""
        if k in ("int", "void"):
            base = pre + (self.name or "void")
        elif k == "typedef":
            base = pre + self.name
        elif k in ("struct", "union", "enum"):
            base = f"{pre}{k} {self.name or '<anonymous>'}"
        elif k == "pointer":
            t = self.target
            star = "*" + (" const" if self.const else "")
            if t.strip().kind in ("array", "function") and t.kind != "typedef":
                return t.spell(f"({star}{inner})")
            return t.spell(star + inner)
        elif k == "array":
            n = "" if self.length is None else str(self.length)
            return self.target.spell(f"{inner}[{n}]")
        elif k == "function":
            args = ", ".join(str(p) for p in self.params or ())
            if self.variadic:
                args += ", ..." if args else "..."
            return self.target.spell(f"{inner}({args or 'void'})")
        else:
            base = k
        if not inner:
            return base
        return base + inner if inner.startswith("[") else f"{base} {inner}"

def _int(name, size, signed):
    return CType("int", size, name, signed)


INT = _int("int", 4, True)
UINT = _int("unsigned int", 4, False)
CHAR = _int("char", 1, True)
UCHAR = _int("unsigned char", 1, False)
VOID = CType("void")
BASE_TYPES = {
    "int": INT, "signed": INT, "signed int": INT, "unsigned": UINT, "unsigned int": UINT,
    "char": CHAR, "signed char": _int("signed char", 1, True), "unsigned char": UCHAR,
    "short": _int("short", 2, True), "unsigned short": _int("unsigned short", 2, False),
    "long": _int("long", 4, True), "unsigned long": _int("unsigned long", 4, False),
    "_Bool": _int("_Bool", 1, False), "void": VOID,
}


def pointer_to(t):
    return CType("pointer", 4, target=t)


def array_of(t, n):
    return CType("array", n * t.byte_size, target=t, length=n)


def build_types(descs):
    """CType objects for one unit's `types` list (ids are list indices).
    Two passes, so a struct can point at itself."""
    out = [CType(d.get("t", "void")) for d in descs]
    for t, d in zip(out, descs):
        k = d.get("t")
        t.size = d.get("size", 0) or 0
        t.name = d.get("name")
        t.const = bool(d.get("const"))
        if k == "int":
            t.signed = bool(d.get("signed", True))
        elif k == "enum":
            t.constants = [tuple(c) for c in d.get("constants", [])]
            t.size = 4
        elif k == "pointer":
            t.target = out[d["to"]]
            t.size = 4
        elif k == "array":
            t.target = out[d["of"]]
            t.length = d.get("length")
        elif k in ("struct", "union"):
            t.fields = [(f.get("name"), out[f["type"]], f.get("offset", 0)) for f in d.get("fields", [])]
        elif k == "function":
            t.target = out[d["ret"]]
            t.params = [out[p] for p in d.get("params", [])]
            t.variadic = bool(d.get("variadic"))
        elif k == "typedef":
            t.target = out[d["to"]]
    return out


CODE_PTR = pointer_to(CType("function", target=VOID, params=[]))
