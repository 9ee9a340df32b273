"""Reading an image's debug file (IMAGE.dbg, written by the linker).

    info = DebugInfo.load("prog.img")        # reads prog.img.dbg if present
    info = DebugInfo.from_file("build/debug/bin/sh.dbg")   # kept elsewhere
    info.symbol_at(0x1010)   -> ("main", 0x10) or None
    info.line_at(0x1010)     -> ("prog.c", 12, 5) or None
    info.addr_of("main")     -> 0x1000 or None
    info.addrs_of_line("prog.c", 12) -> [0x1010, ...]
    info.debug               -> the .debug entries of every object, resolved

docs/formats.md describes the file.
"""

import bisect
import json
import os

from vm.errors import MinosError

from .link import debug_path


class DebugInfoError(MinosError):
    pass


# Which symbol names an address when several start there.
_RANK = {"func": 0, "object": 1, "other": 2}


class DebugInfo:
    def __init__(self, d=None):
        d = d or {}
        _check(d)
        self.present = bool(d)
        self.entry = d.get("entry")
        self.symbols = list(d.get("symbols", []))
        self.lines = [tuple(e) for e in d.get("lines", [])]
        self.debug = list(d.get("debug", []))
        self.sections = sorted(d.get("sections", []), key=lambda s: s["addr"])
        self._index()

    def _index(self):
        best = {}
        for s in self.symbols:
            cur = best.get(s["addr"])
            if cur is None or _key(s) < _key(cur):
                best[s["addr"]] = s
        self._sym_addrs = sorted(best)
        self._sym_best = [best[a] for a in self._sym_addrs]
        self._line_addrs = [e[0] for e in self.lines]
        self._sec_addrs = [s["addr"] for s in self.sections]
        self._by_name = {}
        for s in self.symbols:          # a global wins over a local of the same name
            if s["name"] not in self._by_name or s["global"]:
                self._by_name[s["name"]] = s

    @classmethod
    def load(cls, image_path, required=False):
        """The debug info beside an image; empty (present=False) if there is
        none, unless required."""
        path = debug_path(image_path)
        if not os.path.exists(path):
            if required:
                raise DebugInfoError(f"{path}: no debug file for {image_path}")
            return cls()
        return cls.from_file(path)

    @classmethod
    def from_file(cls, path):
        """Read a debug file kept somewhere else than beside its image."""
        try:
            with open(path) as f:
                d = json.load(f)
        except OSError as e:
            raise DebugInfoError(f"{path}: cannot read: {e.strerror}") from None
        except ValueError as e:
            raise DebugInfoError(f"{path}: not a debug file ({e})") from None
        if not isinstance(d, dict):
            raise DebugInfoError(f"{path}: not a debug file")
        try:
            return cls(d)
        except (KeyError, TypeError, IndexError, ValueError) as e:
            raise DebugInfoError(f"{path}: malformed debug file ({e})") from None

    def section_at(self, addr):
        """The placed input section holding addr ({"name", "object", "addr", "size"})."""
        i = bisect.bisect_right(self._sec_addrs, addr) - 1
        while i >= 0:
            s = self.sections[i]
            if s["addr"] <= addr < s["addr"] + s["size"]:
                return s
            if s["size"]:           # empty sections may share an address
                return None
            i -= 1
        return None

    def _same_section(self, a, b):
        if not self.sections:
            return True
        sa = self.section_at(a)
        return sa is not None and sa is self.section_at(b)

    def symbol_at(self, addr):
        """(name, offset) of the symbol covering addr, or None."""
        i = bisect.bisect_right(self._sym_addrs, addr) - 1
        if i < 0:
            return None
        s = self._sym_best[i]
        if s["size"] and addr >= s["addr"] + s["size"]:
            return None
        if addr != s["addr"] and not s["size"] and not self._same_section(s["addr"], addr):
            return None
        return s["name"], addr - s["addr"]

    def symbols_starting_at(self, addr):
        return [s for s in self.symbols if s["addr"] == addr]

    def line_at(self, addr):
        """(file, line, col) of the code at addr, or None."""
        i = bisect.bisect_right(self._line_addrs, addr) - 1
        if i < 0:
            return None
        start, file, line, col = self.lines[i]
        if start != addr and not self._same_section(start, addr):
            return None
        return file, line, col

    def addrs_of_line(self, file, line):
        """Addresses where code for file:line starts (file matches by suffix)."""
        return [e[0] for e in self.lines
                if e[2] == line and (e[1] == file or e[1].endswith("/" + file))]

    def addr_of(self, name):
        s = self._by_name.get(name)
        return s["addr"] if s else None

    def symbol(self, name):
        return self._by_name.get(name)


# The fields this module reads, and their types: a debug file is input like
# any other, so a wrong one is a DebugInfoError (from_file), not a crash.
_FIELDS = {"symbols": {"name": str, "addr": int, "size": int, "kind": str, "global": bool},
           "sections": {"name": str, "addr": int, "size": int}}
_LINE = (int, str, int, int)        # [address, file, line, column]


def _check(d):
    """ValueError naming the first field of d that has the wrong shape."""
    if d.get("entry") is not None and not isinstance(d["entry"], int):
        raise ValueError(f"entry {d['entry']!r} is not an address")
    for part in ("symbols", "sections", "lines", "debug"):
        if not isinstance(d.get(part, []), list):
            raise ValueError(f"'{part}' is not a list")
    for part, fields in _FIELDS.items():
        for i, entry in enumerate(d.get(part, [])):
            if not isinstance(entry, dict):
                raise ValueError(f"{part}[{i}] is not an object")
            for name, kind in fields.items():
                if not isinstance(entry.get(name), kind):
                    raise ValueError(f"{part}[{i}].{name} is {entry.get(name)!r}, "
                                     f"not a {kind.__name__}")
    for i, entry in enumerate(d.get("lines", [])):
        if (not isinstance(entry, list) or len(entry) != len(_LINE)
                or not all(isinstance(v, t) for v, t in zip(entry, _LINE))):
            raise ValueError(f"lines[{i}] is {entry!r}, not [address, file, line, column]")


def _key(s):
    return (_RANK.get(s["kind"], 3), not s["global"], s["name"])
