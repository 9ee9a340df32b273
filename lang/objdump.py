"""objdump: look inside an image or an object file.

    -h  headers: an image's segments (vaddr, memsize, filesize, perms) and
        symbols; an object's sections, symbols and relocations.
    -d  disassembly of the executable segments/sections, with symbol labels,
        branch targets shown as <sym+off>, and (with -l) source lines.

An image's symbols come from IMAGE.dbg beside it, when present, or from
the debug file the caller names (`minos objdump` finds a built program's
in build/<kernel>/debug/bin/).
"""

from vm.disasm import format_insn
from vm.errors import MinosError
from vm.image import MAGIC, SEG_X, Image
from vm.isa import decode

from .debuginfo import DebugInfo
from .obj import ObjectFile


class ObjdumpError(MinosError):
    pass


def objdump(path, disassemble=False, headers=False, lines=False, dbg=None):
    """The text objdump prints for the file at path; an image's debug info
    comes from dbg if given, else from IMAGE.dbg beside it."""
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError as e:
        raise ObjdumpError(f"{path}: cannot read: {e.strerror}") from None
    out = []
    if blob.startswith(MAGIC):
        image = Image.from_bytes(blob, str(path))
        info = DebugInfo.from_file(str(dbg)) if dbg else DebugInfo.load(path)
        if lines and disassemble and not info.present:
            raise ObjdumpError(f"{path}: -l: no debug info ({path}.dbg does not exist; "
                               "give --dbg FILE)")
        if headers:
            out += image_headers(path, image, info)
        if disassemble:
            out += image_disassembly(image, info, lines)
    elif blob.lstrip().startswith(b"{"):
        obj = ObjectFile.from_json(blob, str(path))
        if headers:
            out += object_headers(obj)
        if disassemble:
            out += object_disassembly(obj, lines)
    else:
        raise ObjdumpError(f"{path}: not a minos image or object file")
    return "\n".join(out).lstrip("\n") + "\n"


def _sym_text(found):
    if found is None:
        return None
    name, off = found
    return name if off == 0 else f"{name}+{off:#x}"


def _hexbytes(data):
    return " ".join(f"{b:02x}" for b in data)


def _insn_lines(addr, data, symbolize):
    """One line per 8-byte instruction (or leftover bytes) of data at addr."""
    text = format_insn(decode(int.from_bytes(data[0:4], "little"),
                              int.from_bytes(data[4:8], "little")), symbolize) \
        if len(data) == 8 else None
    if text is None or text == "(illegal)":
        words = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data) - 3, 4)]
        text = (".word " + ", ".join(f"{w:#010x}" for w in words)) if len(data) % 4 == 0 \
            else ".byte " + ", ".join(f"{b:#04x}" for b in data)
    return f"{addr:8x}:  {_hexbytes(data):<23}  {text}"


# --- images ----------------------------------------------------------------------
def image_headers(path, image, info):
    entry = _sym_text(info.symbol_at(image.entry))
    out = [f"{path}: minos executable image, entry {image.entry:#010x}"
           + (f" <{entry}>" if entry else ""), "", "Segments:",
           "  Idx  VAddr       MemSize     FileSize    Perms"]
    for i, seg in enumerate(image.segments):
        out.append(f"  {i:3}  {seg.vaddr:#010x}  {seg.memsize:#010x}  {len(seg.data):#010x}  {seg.perms}")
    out += ["", "Symbols:" if info.present else f"Symbols: none (no debug file beside {path})"]
    if info.present:
        out.append("  Address     Size        Kind    Bind    Name")
        for s in info.symbols:
            bind = "global" if s["global"] else "local"
            out.append(f"  {s['addr']:#010x}  {s['size']:#010x}  {s['kind']:<6}  {bind:<6}  {s['name']}")
    return out


def image_disassembly(image, info, show_lines):
    out = []
    starts = {}
    for s in info.symbols:
        starts.setdefault(s["addr"], []).append(s["name"])

    def symbolize(addr):
        return _sym_text(info.symbol_at(addr))

    for seg in image.segments:
        if not seg.flags & SEG_X:
            continue
        out += ["", f"Disassembly of segment at {seg.vaddr:#010x} ({seg.perms}):"]
        last_line = None
        for off in range(0, len(seg.data), 8):
            addr = seg.vaddr + off
            for name in starts.get(addr, ()):
                out += ["", f"{addr:08x} <{name}>:"]
            if show_lines:
                where = info.line_at(addr)
                if where and where != last_line:
                    out.append(f"          # {where[0]}:{where[1]}")
                last_line = where
            out.append(_insn_lines(addr, seg.data[off:off + 8], symbolize))
    return out


# --- object files ---------------------------------------------------------------
def _reloc_text(rel):
    if rel.addend:
        return f"{rel.symbol}{rel.addend:+d}"
    return rel.symbol


def object_headers(obj):
    out = [f"{obj.name}: minos object file (source {obj.source})", "", "Sections:",
           "  Idx  Name              Size        Align  Flags  Type"]
    for i, sec in enumerate(obj.sections):
        out.append(f"  {i:3}  {sec.name:<16}  {sec.size:#010x}  {sec.align:<5}  {sec.flags:<5}  "
                   f"{'nobits' if sec.nobits else 'progbits'}")
    out += ["", "Symbols:", "  Value       Section           Kind    Bind    Size        Name"]
    for s in obj.symbols:
        sec = s.section if s.section is not None else "*UND*"
        bind = "global" if s.is_global else "local"
        size = f"{s.size:#010x}" if s.size is not None else "-"
        out.append(f"  {s.value & 0xFFFFFFFF:#010x}  {sec:<16}  {s.kind:<6}  {bind:<6}  {size:<10}  {s.name}")
    out += ["", f"Relocations ({len(obj.relocs)}):", "  Section           Offset      Kind   Target"]
    for r in obj.relocs:
        out.append(f"  {r.section:<16}  {r.offset:#010x}  {r.kind}  {_reloc_text(r)}")
    return out


def object_disassembly(obj, show_lines):
    out = []
    line_at = {(e[0], e[1]): e for e in obj.lines}
    for sec in obj.sections:
        if "x" not in sec.flags or sec.nobits:
            continue
        starts = {}
        for s in obj.symbols:
            if s.section == sec.name:
                starts.setdefault(s.value, []).append(s.name)
        relocs = {r.offset: r for r in obj.relocs if r.section == sec.name}
        out += ["", f"Disassembly of section {sec.name}:"]
        for off in range(0, len(sec.data), 8):
            for name in starts.get(off, ()):
                out += ["", f"{off:08x} <{name}>:"]
            e = line_at.get((sec.name, off))
            if show_lines and e:
                out.append(f"          # {e[2]}:{e[3]}")
            rel = relocs.get(off + 4)
            symbolize = (lambda addr, r=rel: _reloc_text(r)) if rel else None
            out.append(_insn_lines(off, sec.data[off:off + 8], symbolize))
            for r in (relocs.get(off), rel):
                if r is not None:
                    out.append(f"{'':10}{r.offset:x}: {r.kind} {_reloc_text(r)}")
    return out
