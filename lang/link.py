"""The linker: object files -> executable image (vm/image.py) + debug file.

    image, dbg = link([obj1, obj2], entry=None, base=0x1000)
    write_output(image, dbg, "prog.img")      # prog.img and prog.img.dbg

Layout. Input sections are grouped into up to four segments, in this order:
text (executable sections), rodata (read-only), data (writable) and bss
(nobits; appended to the data segment as its zero-filled tail). Each
segment starts on a 4096-byte page boundary, so a kernel can map each page
with that segment's permissions. Within a segment, sections come in
command-line object order and keep their alignment.

Fixed writable sections. link(..., fixed=(addr, chosen)) places the
writable sections (data and bss) of the chosen objects (a collection of
the ObjectFiles passed) at addr instead, one after the other in object
order, OUTSIDE the image: no segment holds them, the program maps that
memory itself (GNU ld's NOLOAD). So every program linked with the same
chosen objects finds their variables at the same addresses, and several
programs can share them in memory mapped at addr (the exokernel's Unix
library OS keeps the file-system core's tables there: libos/unix). Since
nothing loads them, they must start zeroed: a chosen object with
initialized writable data is an error. The linker defines _fixed (addr)
and _efixed, the first address past them.

Symbols. Each object's labels are visible inside that object; its global
symbols are visible everywhere. A relocation "abs32 SYMBOL+ADDEND" writes
that address as a 32-bit little-endian word.
"""

import json
import os
import re
import struct

from vm.errors import MinosError
from vm.image import MAX_IMAGE_MEMORY, SEG_R, SEG_W, SEG_X, Image, Segment
from vm.isa import PAGE_SIZE

from .obj import ABS, check_align

GROUPS = ("text", "rodata", "data", "bss")
_WORD = struct.Struct("<I")


class LinkError(MinosError):
    pass


def debug_path(image_path):
    """Where the debug file of an image lives: beside it, IMAGE.dbg."""
    return str(image_path) + ".dbg"


def group_of(sec):
    if sec.nobits:
        return "bss"
    if "x" in sec.flags:
        return "text"
    if "w" in sec.flags:
        return "data"
    return "rodata"


def _align_up(value, n):
    return (value + n - 1) & -n


class _Placed:
    """One input section at its final address, inside an output segment."""
    __slots__ = ("obj", "sec", "addr", "buf", "buf_off")

    def __init__(self, obj, sec, addr, buf, buf_off):
        self.obj, self.sec, self.addr, self.buf, self.buf_off = obj, sec, addr, buf, buf_off


def layout(objects, base, fixed=None):
    """Place every section. Returns (segments, placed, fixed_end) where
    placed maps (object index, section name) -> _Placed, and fixed_end is
    the end of the fixed writable sections (None without fixed)."""
    groups = {g: [] for g in GROUPS}
    pinned = []
    chosen = {id(o) for o in fixed[1]} if fixed else set()
    for i, obj in enumerate(objects):
        for sec in obj.sections:
            g = group_of(sec)
            (pinned if id(obj) in chosen and g in ("data", "bss") else groups[g]).append((i, sec))
    placed = {}
    fixed_end = place_fixed(objects, pinned, fixed[0], placed) if fixed else None
    created = []
    addr = base
    data_seg = None
    for g in GROUPS:
        members = groups[g]
        if not members:
            continue
        if g == "bss" and data_seg is not None:
            seg = data_seg                      # zero tail of the data segment
        else:
            addr = _align_up(addr, PAGE_SIZE)
            seg = Segment(addr, bytearray(), 0, _SEG_FLAGS[g])
            created.append(seg)
        for i, sec in members:
            addr = _align_up(addr, max(sec.align, 1))
            buf_off = None
            if g != "bss":
                seg.data += bytes(addr - seg.vaddr - len(seg.data))
                buf_off = len(seg.data)
                seg.data += sec.data
            placed[(i, sec.name)] = _Placed(objects[i], sec, addr, seg.data, buf_off)
            addr += sec.size
            if "w" in sec.flags:
                seg.flags |= SEG_W
        seg.memsize = addr - seg.vaddr
        if g == "data":
            data_seg = seg
    # A group whose sections are all empty makes no segment.
    return [s for s in created if s.memsize], placed, fixed_end


def place_fixed(objects, pinned, addr, placed):
    """Place the chosen objects' writable sections from addr (module doc:
    fixed), outside every segment. Returns the address past them."""
    if addr % PAGE_SIZE or not 0 < addr < 1 << 32:
        raise LinkError(f"fixed address {addr:#x} must be a nonzero multiple of {PAGE_SIZE}")
    for i, sec in pinned:
        if any(sec.data) or any(r.section == sec.name for r in objects[i].relocs):
            raise LinkError(f"{object_origin(objects[i])}: section '{sec.name}' has initialized "
                            f"data, but its writable sections are placed at a fixed address "
                            f"that nothing loads: they must start zeroed")
        addr = _align_up(addr, max(sec.align, 1))
        placed[(i, sec.name)] = _Placed(objects[i], sec, addr, None, None)
        addr += sec.size
    if addr > 1 << 32:
        raise LinkError(f"the fixed writable sections do not fit below 4 GiB (end {addr:#x})")
    return addr


_SEG_FLAGS = {"text": SEG_R | SEG_X, "rodata": SEG_R, "data": SEG_R | SEG_W, "bss": SEG_R | SEG_W}


def resolve_symbols(objects, placed):
    """Each object's own symbol table (labels, sections, its globals) and the
    global table. Returns (scopes, globals_): scopes[i] name -> address,
    globals_ name -> (address, object index, Symbol)."""
    scopes, globals_ = [], {}
    for i, obj in enumerate(objects):
        scope = {}
        for sec in obj.sections:                # section names: their start
            scope[sec.name] = placed[(i, sec.name)].addr
        for sym in obj.symbols:
            if sym.section is None:
                continue
            addr = sym.value if sym.section == ABS else placed[(i, sym.section)].addr + sym.value
            scope[sym.name] = addr
            if sym.is_global:
                other = globals_.get(sym.name)
                if other is not None:
                    raise LinkError(f"duplicate global symbol '{sym.name}': defined in "
                                    f"{object_origin(objects[other[1]])} and in "
                                    f"{object_origin(obj)}")
                globals_[sym.name] = (addr, i, sym)
        scopes.append(scope)
    return scopes, globals_


def apply_relocations(objects, placed, scopes, globals_):
    undefined = []
    for i, obj in enumerate(objects):
        scope = scopes[i]
        for rel in obj.relocs:
            addr = scope.get(rel.symbol)
            if addr is None:
                g = globals_.get(rel.symbol)
                if g is None:
                    undefined.append((obj, rel))
                    continue
                addr = g[0]
            p = placed[(i, rel.section)]
            if p.buf_off is None or rel.offset + 4 > p.sec.size or rel.offset < 0:
                raise LinkError(f"{obj.name}: relocation at {rel.section}+{rel.offset:#x} "
                                f"is outside the section")
            _WORD.pack_into(p.buf, p.buf_off + rel.offset, (addr + rel.addend) & 0xFFFFFFFF)
    if undefined:
        obj, rel = undefined[0]
        where, function = reference_site(obj, rel.section, rel.offset)
        msg = (f"{where}: {f'in function {function!r}: ' if function else ''}undefined "
               f"symbol '{rel.symbol}' (in {object_origin(obj)})")
        others = sorted({f"'{r.symbol}' ({reference_site(o, r.section, r.offset)[0]})"
                         for o, r in undefined[1:] if r.symbol != rel.symbol or o is not obj})
        if others:
            msg += f"; also undefined: {', '.join(others[:10])}"
            if len(others) > 10:
                msg += f" and {len(others) - 10} more"
        raise LinkError(msg)


def reference_site(obj, section, offset):
    """(where, function) of the code at section+offset of obj, for messages:
    where is "FILE:LINE" from the object's line table ("OBJECT:SECTION+OFFSET"
    when it has none), function the name of the function holding it, or None."""
    where = f"{obj.name}:{section}+{offset:#x}"
    best = -1
    for sec, off, file, line, _col in obj.lines:
        if sec == section and best < off <= offset:
            best, where = off, f"{display_path(file)}:{line}"
    function = None
    for sym in obj.symbols:
        if (sym.kind == "func" and sym.section == section
                and sym.value <= offset < sym.value + (sym.size or 0)):
            function = sym.name
    return where, function


def object_origin(obj):
    """How an error names an object: the compiler's objects are named after
    their assembly text (FILE.c.s), which is never written to disk."""
    source = obj.source
    if source and obj.name == source + ".s":
        return f"the object compiled from {display_path(source)}"
    if source and source != obj.name:
        return f"the object {display_path(obj.name)}, from {display_path(source)}"
    return f"the object {display_path(obj.name)}"


def display_path(path):
    """path relative to the current folder when it is below it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    except ValueError:
        return path


def check_fixed(segments, fixed, fixed_end):
    """The fixed sections overlap no segment of the image."""
    for seg in segments:
        if seg.vaddr < fixed_end and fixed[0] < seg.vaddr + seg.memsize:
            raise LinkError(f"the fixed writable sections [{fixed[0]:#x}, {fixed_end:#x}) overlap "
                            f"the image's segment at {seg.vaddr:#x}")


def linker_symbols(segments, base):
    """Symbols the linker defines unless an object does: _etext (end of the
    text segment), _edata (end of initialized data) and _end (end of the
    image, bss included) — where a kernel's free memory or a heap begins."""
    text_end = max((s.vaddr + s.memsize for s in segments if s.flags & SEG_X), default=base)
    data_end = max((s.vaddr + len(s.data) for s in segments), default=base)
    end = max((s.vaddr + s.memsize for s in segments), default=base)
    return {"_etext": text_end, "_edata": data_end, "_end": end}


def find_entry(entry, globals_, segments, base):
    if entry is None:
        if "_start" in globals_:
            return globals_["_start"][0]
        for seg in segments:
            if seg.flags & SEG_X:
                return seg.vaddr
        return base
    if isinstance(entry, int):
        return entry
    if entry in globals_:
        return globals_[entry][0]
    try:
        return int(entry, 0)
    except ValueError:
        raise LinkError(f"entry symbol '{entry}' is not defined by any object "
                        f"(it must be .global)") from None


def check_sections(objects):
    """Every section's alignment is valid (lang/obj.py check_align) before
    layout pads to it: a bad one would make a gigantic or broken image."""
    for obj in objects:
        for sec in obj.sections:
            problem = check_align(sec.align)
            if problem:
                raise LinkError(f"{obj.name}: section '{sec.name}' has alignment {sec.align}: "
                                f"it {problem}")


def link(objects, entry=None, base=0x1000, fixed=None):
    """Link ObjectFiles -> (vm.image.Image, debug dict). See the module doc
    (fixed: (address, chosen objects))."""
    if not objects:
        raise LinkError("no object files to link")
    if base % PAGE_SIZE or not 0 <= base < 1 << 32:
        raise LinkError(f"base address {base:#x} must be a multiple of {PAGE_SIZE}")
    check_sections(objects)
    segments, placed, fixed_end = layout(objects, base, fixed)
    if not segments:
        names = ", ".join(obj.name for obj in objects[:3]) + (" ..." if len(objects) > 3 else "")
        raise LinkError(f"nothing to link: {names} hold{'s' if len(objects) == 1 else ''} no code "
                        f"or data, and an image needs at least one segment")
    end = max(s.vaddr + s.memsize for s in segments)
    if end > 1 << 32:
        raise LinkError(f"program does not fit in the 32-bit address space (ends at {end:#x})")
    if end - base > MAX_IMAGE_MEMORY:
        raise LinkError(f"program is too large: {end - base:,} bytes from {base:#x} to {end:#x} "
                        f"(no machine has more than {MAX_IMAGE_MEMORY >> 20} MiB)")
    if fixed:
        check_fixed(segments, fixed, fixed_end)
    scopes, globals_ = resolve_symbols(objects, placed)
    extra = {"_fixed": fixed[0], "_efixed": fixed_end} if fixed else {}
    for name, addr in {**linker_symbols(segments, base), **extra}.items():
        globals_.setdefault(name, (addr, None, None))
    apply_relocations(objects, placed, scopes, globals_)
    start = find_entry(entry, globals_, segments, base)
    if not 0 <= start < 1 << 32:
        raise LinkError(f"entry point {start:#x} is not a 32-bit address")
    image = Image(start, [Segment(s.vaddr, bytes(s.data), s.memsize, s.flags) for s in segments])
    dbg = build_debug(objects, placed, scopes, globals_, start)
    return image, dbg


# --- the debug file --------------------------------------------------------------
_ADDR_REF = re.compile(r"@([A-Za-z_.$][A-Za-z0-9_.$]*)(?:([+-])(\d+))?\Z")


def build_debug(objects, placed, scopes, globals_, entry):
    symbols, lines, debug, sections = [], [], [], []
    for i, obj in enumerate(objects):
        for sec in obj.sections:
            sections.append({"name": sec.name, "object": obj.name,
                             "addr": placed[(i, sec.name)].addr, "size": sec.size})
        for sym in obj.symbols:
            # .L labels are the assembler's own (branch targets): not symbols.
            if sym.section is None or (sym.name.startswith(".L") and not sym.is_global):
                continue
            kind = sym.kind if sym.kind in ("func", "object") else "other"
            symbols.append({"name": sym.name, "addr": scopes[i][sym.name], "size": sym.size or 0,
                            "kind": kind, "global": sym.is_global, "file": obj.source,
                            "object": obj.name})
        for secname, off, file, line, col in obj.lines:
            lines.append([placed[(i, secname)].addr + off, file, line, col])
        resolve = _resolver(obj, scopes[i], globals_)
        for value in obj.debug:
            value = resolve(value)
            if isinstance(value, dict):
                value = {**value, "object": obj.name}
            else:
                value = {"object": obj.name, "value": value}
            debug.append(value)
    symbols.sort(key=lambda s: (s["addr"], s["name"]))
    lines.sort(key=lambda e: e[0])
    return {"entry": entry, "symbols": symbols, "lines": lines, "debug": debug,
            "sections": sections}


def _resolver(obj, scope, globals_):
    """A function replacing "@sym+N" strings in a JSON value by addresses."""
    def address(text):
        m = _ADDR_REF.match(text)
        if not m:
            raise LinkError(f"{obj.name}: bad symbolic address '{text}' in debug info")
        name, sign, n = m.groups()
        addr = scope.get(name)
        if addr is None:
            if name not in globals_:
                raise LinkError(f"{obj.name}: debug info refers to undefined symbol '{name}'")
            addr = globals_[name][0]
        offset = int(n) if n else 0
        return (addr + (offset if sign != "-" else -offset)) & 0xFFFFFFFF

    def walk(v):
        if isinstance(v, str):
            if v.startswith("@"):
                return v[1:] if v.startswith("@@") else address(v)
            return v
        if isinstance(v, list):
            return [walk(x) for x in v]
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        return v
    return walk


def write_output(image, dbg, path):
    """Save the image and its debug file beside it."""
    try:
        image.save(path)
        with open(debug_path(path), "w") as f:
            json.dump(dbg, f, separators=(",", ":"))
    except OSError as e:
        raise LinkError(f"{path}: cannot write: {e.strerror}") from None


def link_files(paths, output, entry=None, base=0x1000):
    from .obj import ObjectFile
    objects = [ObjectFile.load(p) for p in paths]
    image, dbg = link(objects, entry, base)
    write_output(image, dbg, output)
    return image, dbg
