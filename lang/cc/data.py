"""Static data: globals, static locals, string literals and jump tables.

A variable with no initializer (or an all-zero one) goes to .bss, a const
one to .rodata, the rest to .data; `__attribute__((section("x")))` wins
over all three. Initializer items are already constants of the right size
(the front end's contract), so this is a matter of laying out bytes.
"""

from . import ast as A
from .constexpr import is_zero_init

DIRECTIVE = {1: ".byte", 2: ".half", 4: ".word"}


def section_directive(name, code=False):
    """The directive that switches to section `name` with sensible flags."""
    if name in (".text", ".data", ".rodata", ".bss"):
        return f"\t{name}"
    if name.startswith((".text", ".data", ".rodata", ".bss")):
        return f"\t.section {name}"
    return f'\t.section {name}, "{"ax" if code else "aw"}"'


def _item_values(item):
    """Yield (size, text) pieces for one initializer item."""
    e = item.expr
    size = item.type.size
    if isinstance(e, A.AddressConst):
        off = e.offset
        text = e.label if not off else (f"{e.label}+{off}" if off > 0 else f"{e.label}-{-off}")
        return [(4, text)]
    if isinstance(e, A.IntConst):
        mask = (1 << (8 * size)) - 1
        return [(size, str(e.value & mask))]
    if isinstance(e, A.Cast):
        return _item_values(type(item)(item.offset, item.type, e.expr))
    raise ValueError(f"initializer element is not constant: {e!r}")


def emit_global(gvar, out):
    sym = gvar.symbol
    t = sym.type
    size = max(t.size, gvar.init.size if gvar.init is not None else 0)
    align = max(t.align, sym.attrs.aligned or 1, 4 if size >= 4 else 1)
    if sym.attrs.section:
        out.append(section_directive(sym.attrs.section))
    elif is_zero_init(gvar.init):
        out.append("\t.bss")
    elif t.const or (t.is_array() and t.elem.const):
        out.append("\t.rodata")
    else:
        out.append("\t.data")
    out.append(f"\t.align {align}")
    if sym.is_public:
        out.append(f"\t.global {sym.label}")
    out.append(f"\t.type {sym.label}, @object")
    out.append(f"\t.size {sym.label}, {size}")
    out.append(f"{sym.label}:")
    if is_zero_init(gvar.init):
        out.append(f"\t.space {max(size, 1)}")
        return
    pos = 0
    for item in gvar.init.items:
        if item.offset > pos:
            out.append(f"\t.space {item.offset - pos}")
        for n, text in _item_values(item):
            out.append(f"\t{DIRECTIVE[n]} {text}")
            pos = item.offset + n
    if size > pos:
        out.append(f"\t.space {size - pos}")


def emit_string(s, out):
    out.append("\t.rodata")
    out.append(f"{s.label}:")
    data = bytes(s.data)
    body = "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\' else f"\\x{b:02x}"
                   if b >= 128 or b < 32 else "\\" + chr(b) for b in data)
    out.append(f'\t.ascii "{body}"')


def emit_jump_table(label, targets, out):
    out.append("\t.rodata")
    out.append("\t.align 4")
    out.append(f"{label}:")
    for t in targets:
        out.append(f"\t.word {t}")
