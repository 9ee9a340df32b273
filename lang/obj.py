"""The object file: what the assembler writes and the linker reads.

An object file is JSON text (docs/formats.md describes every field), so a
student can open one in an editor. It holds:

- sections: name, flags ("r", "rw", "rx", "rwx"), alignment, and either the
  bytes (hex) or, for a nobits section (.bss*), only a size;
- symbols: name, section (None for an undefined symbol, "*abs*" for a
  constant), value (offset in the section), global or local, kind, size;
- relocations: "write the address of SYMBOL + ADDEND as a 32-bit word at
  OFFSET in SECTION" (kind "abs32", the only kind);
- lines: the line table, [section, offset, file, line, col] entries;
- debug: the JSON values of the source's .debug directives, still symbolic.
"""

import json

from vm.errors import MinosError
from vm.image import MAX_IMAGE_MEMORY
from vm.isa import PAGE_SIZE
from vm.record import Record

FORMAT = "minos-object"
VERSION = 1
ABS = "*abs*"           # the section of a symbol that is a plain number
KINDS = ("func", "object", "other", "section")
# A section's alignment is a power of two from 1 to MAX_ALIGN: a page, the
# largest boundary a segment is guaranteed to start on (lang/link.py).
MAX_ALIGN = PAGE_SIZE


# A section with bytes holds at most MAX_SECTION_DATA of them (the object
# file keeps them as hex text, the tools in memory); a nobits section, which
# stores only its size, may be as large as the most memory a machine has.
MAX_SECTION_DATA = 64 << 20
MAX_SECTION_NOBITS = MAX_IMAGE_MEMORY


def section_limit(nobits):
    """The most bytes a section may hold, and how to say so."""
    if nobits:
        return MAX_SECTION_NOBITS, f"{MAX_SECTION_NOBITS >> 20} MiB, the most memory any machine has"
    return MAX_SECTION_DATA, f"{MAX_SECTION_DATA >> 20} MiB of initialized bytes"


def check_align(n):
    """None if n is a valid section alignment, else what is wrong with it."""
    if not isinstance(n, int) or n <= 0 or n & (n - 1) or n > MAX_ALIGN:
        return f"must be a power of two from 1 to {MAX_ALIGN}"
    return None


# JSON in an object file (and a .debug directive) nests at most this deep:
# the linker and the debugger walk it recursively.
MAX_JSON_DEPTH = 64


def load_json(text):
    """json.loads, with a ValueError (not a RecursionError) for JSON nested
    deeper than MAX_JSON_DEPTH."""
    try:
        value = json.loads(text)
    except RecursionError:
        value = None
        depth = MAX_JSON_DEPTH + 1
    else:
        depth, stack = 0, [(value, 1)]
        while stack and depth <= MAX_JSON_DEPTH:
            v, d = stack.pop()
            depth = max(depth, d)
            if isinstance(v, dict):
                stack.extend((x, d + 1) for x in v.values())
            elif isinstance(v, list):
                stack.extend((x, d + 1) for x in v)
    if depth > MAX_JSON_DEPTH:
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    return value


class ObjectError(MinosError):
    """A malformed or unreadable object file."""


class Section(Record):
    def __init__(self, name, flags="r", align=1, data=None, nobits=False, bss_size=0):
        self.name = name
        self.flags = flags              # letters from "rwx"
        self.align = align
        self.data = bytearray() if data is None else data
        self.nobits = nobits            # .bss: no bytes stored, only a size
        self.bss_size = bss_size

    @property
    def size(self):
        return self.bss_size if self.nobits else len(self.data)


class Symbol(Record):
    def __init__(self, name, section=None, value=0, is_global=False, kind="other", size=None):
        self.name = name
        self.section = section          # None: undefined here (defined by another object)
        self.value = value              # offset within the section (or the number, for ABS)
        self.is_global = is_global
        self.kind = kind                # func, object, other, or section
        self.size = size


class Reloc(Record):
    def __init__(self, section, offset, symbol, addend=0, kind="abs32"):
        self.section = section
        self.offset = offset
        self.symbol = symbol
        self.addend = addend
        self.kind = kind


class ObjectFile(Record):
    # (Records, not dataclasses: importing dataclasses brings inspect, ast
    # and tokenize, about 15 ms of CPU in every `minos run`, which loads
    # the compiler's cache and so this module: vm/record.py)
    def __init__(self, name, source="", sections=None, symbols=None, relocs=None, lines=None, debug=None):
        self.name = name                # where it came from (path), used in messages
        self.source = source            # the source file (first .file, else the .s path)
        self.sections = [] if sections is None else sections
        self.symbols = [] if symbols is None else symbols
        self.relocs = [] if relocs is None else relocs
        self.lines = [] if lines is None else lines     # [section, offset, file, line, col]
        self.debug = [] if debug is None else debug

    def section(self, name):
        for sec in self.sections:
            if sec.name == name:
                return sec
        return None

    # --- JSON ------------------------------------------------------------------
    def to_dict(self):
        return {
            "format": FORMAT,
            "version": VERSION,
            "source": self.source,
            "sections": [_section_dict(s) for s in self.sections],
            "symbols": [{"name": s.name, "section": s.section, "value": s.value,
                         "global": s.is_global, "kind": s.kind, "size": s.size}
                        for s in self.symbols],
            "relocations": [{"section": r.section, "offset": r.offset, "symbol": r.symbol,
                             "addend": r.addend, "kind": r.kind} for r in self.relocs],
            "lines": self.lines,
            "debug": self.debug,
        }

    def to_json(self):
        return json.dumps(self.to_dict(), separators=(",", ":"))

    @classmethod
    def from_json(cls, text, name="object"):
        try:
            d = load_json(text)
        except (ValueError, UnicodeDecodeError) as e:
            raise ObjectError(f"{name}: not a minos object file (bad JSON: {e})") from None
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ObjectError(f"{name}: not a minos object file")
        if d.get("version") != VERSION:
            raise ObjectError(f"{name}: unsupported object file version {d.get('version')}")
        try:
            return cls._from_dict(d, name)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise ObjectError(f"{name}: malformed object file ({type(e).__name__}: {e})") from None

    @classmethod
    def _from_dict(cls, d, name):
        obj = cls(name, str(d.get("source", "")))
        for s in d["sections"]:
            sec = Section(str(s["name"]), str(s["flags"]), int(s["align"]),
                          nobits=bool(s.get("nobits", False)))
            if sec.nobits:
                sec.bss_size = int(s["size"])
                if sec.bss_size < 0:
                    raise ValueError(f"section '{sec.name}' has negative size {sec.bss_size}")
            else:
                sec.data = bytearray.fromhex(s["data"])
            obj.sections.append(sec)
        names = {s.name for s in obj.sections}
        for s in d["symbols"]:
            size = s.get("size")
            sym = Symbol(str(s["name"]), s["section"], int(s["value"]), bool(s["global"]),
                         str(s["kind"]), None if size is None else int(size))
            if sym.size is not None and sym.size < 0:
                raise ValueError(f"symbol '{sym.name}' has negative size {sym.size}")
            if sym.section is not None and not isinstance(sym.section, str):
                raise ValueError(f"symbol '{sym.name}' has section {sym.section!r}, not a name")
            if sym.section is not None and sym.section != ABS and sym.section not in names:
                raise ValueError(f"symbol '{sym.name}' is in unknown section '{sym.section}'")
            obj.symbols.append(sym)
        for r in d["relocations"]:
            rel = Reloc(r["section"], int(r["offset"]), str(r["symbol"]), int(r["addend"]), r["kind"])
            if rel.kind != "abs32":
                raise ValueError(f"unknown relocation kind '{rel.kind}'")
            if rel.section not in names:
                raise ValueError(f"relocation in unknown section '{rel.section}'")
            obj.relocs.append(rel)
        for secname, offset, file, line, col in d.get("lines", []):
            if secname not in names:
                raise ValueError(f"line table entry in unknown section '{secname}'")
            obj.lines.append([secname, int(offset), str(file), int(line), int(col)])
        obj.debug = list(d.get("debug", []))
        return obj

    def save(self, path):
        try:
            with open(path, "w") as f:
                f.write(self.to_json())
        except OSError as e:
            raise ObjectError(f"{path}: cannot write object file: {e.strerror}") from None

    @classmethod
    def load(cls, path):
        try:
            with open(path, "rb") as f:
                blob = f.read()
        except OSError as e:
            raise ObjectError(f"{path}: cannot read object file: {e.strerror}") from None
        return cls.from_json(blob, str(path))


def _section_dict(s):
    d = {"name": s.name, "flags": s.flags, "align": s.align, "nobits": s.nobits}
    if s.nobits:
        d["size"] = s.bss_size
    else:
        d["data"] = s.data.hex()
    return d
