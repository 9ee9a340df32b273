"""What the debugger knows about one program: its functions, variables,
types and line table (from the image's .dbg file, lang/debuginfo.py), and
*when* that knowledge applies.

A Program has a scope: the ring and the address space in which its code
runs. The kernel's debug info applies in ring 0; a user program's only
while its address space (csr ptbr / asid) is current and the core is in
ring 3. A bare program applies everywhere. Programs.for_core() picks the
one that describes what a core is running right now, which is how the
symbols switch by themselves when a system call enters the kernel.
"""

import bisect
import os
from dataclasses import dataclass, field

from lang.debuginfo import DebugInfo

from vm.errors import MinosError
from vm.isa import CSR_NUMBER
from .ctypes import build_types

PTBR = CSR_NUMBER["ptbr"]


def short_name(file):
    """How a source file is shown: its base name (the line table may hold full paths)."""
    return os.path.basename(file) if file else file


class DebugError(MinosError):
    """A debugger command that cannot be done (bad expression, no symbol...)."""


@dataclass
class Variable:
    name: str
    type: object
    loc: dict            # {"fp": N} | {"reg": N} | {"addr": A} | None
    scope: tuple = None  # (start, end) pcs, or None: the whole function


@dataclass
class Function:
    name: str
    unit: str
    file: str
    line: int
    low: int
    body: int
    high: int
    ret: object
    type: object
    params: list
    locals: list
    saved_regs: dict = field(default_factory=dict)   # reg -> fp offset
    frameless: bool = False     # a leaf without a frame: the return address stays in lr

    def visible_locals(self, pc):
        """Locals in scope at pc, innermost last (so a later one wins)."""
        inside = [v for v in self.locals if v.scope is None or v.scope[0] <= pc < v.scope[1]]
        inside.sort(key=lambda v: -(v.scope[1] - v.scope[0]) if v.scope else float("-inf"))
        return inside


@dataclass
class Scope:
    """Where a program's code runs. None means 'any'. A `by_process` scope
    (user programs under a kernel) applies where the kernel's process
    table says a process of that program's name runs (Programs.resolver)."""
    ring: int = None
    asid: int = None
    ptbr: int = None
    by_process: bool = False

    def matches(self, core):
        if self.ring is not None and core.ring != self.ring:
            return False
        if self.asid is not None and core.asid != self.asid:
            return False
        if self.ptbr is not None and core.csr[PTBR] != self.ptbr:
            return False
        return True

    def __str__(self):
        parts = []
        if self.ring is not None:
            parts.append(f"ring {self.ring}")
        if self.asid is not None:
            parts.append(f"asid {self.asid}")
        if self.ptbr is not None:
            parts.append(f"ptbr {self.ptbr:#x}")
        if self.by_process:
            parts.append("in the address space of a process running it")
        return ", ".join(parts) or "everywhere"


class Program:
    def __init__(self, name, info, scope=None, source_dirs=()):
        self.name = name
        self.info = info
        self.scope = scope or Scope()
        self.source_dirs = list(source_dirs)
        self.functions = []
        self.globals = {}
        self.unit_types = {}
        self._load()

    @classmethod
    def from_image(cls, image_path, name=None, scope=None):
        info = DebugInfo.load(image_path)
        dirs = [os.path.dirname(os.path.abspath(image_path)), os.getcwd()]
        return cls(name or os.path.basename(image_path), info, scope, dirs)

    def _load(self):
        for e in self.info.debug:
            if e.get("kind") == "types":
                self.unit_types[e.get("unit")] = build_types(e.get("types", []))
        for e in self.info.debug:
            types = self.unit_types.get(e.get("unit"), [])
            kind = e.get("kind")
            if kind == "function":
                self.functions.append(self._function(e, types))
            elif kind == "global" and not e.get("function"):
                self.globals.setdefault(e["name"], []).append(
                    Variable(e["name"], types[e["type"]], {"addr": e["addr"]}))
        self.functions.sort(key=lambda f: f.low)
        self._lows = [f.low for f in self.functions]
        self.line_starts = {}
        for addr, file, line, _col in self.info.lines:
            self.line_starts[addr] = (file, line)

    @staticmethod
    def _function(e, types):
        def var(v):
            scope = tuple(v["scope"]) if v.get("scope") else None
            return Variable(v["name"], types[v["type"]], v.get("loc"), scope)
        return Function(e["name"], e.get("unit"), e.get("file"), e.get("line"), e["low"],
                        e.get("body", e["low"]), e["high"], types[e["ret"]], types[e["type"]],
                        [var(p) for p in e.get("params", [])], [var(v) for v in e.get("locals", [])],
                        {r: off for r, off in e.get("saved_regs", [])}, e.get("frameless", False))

    # --- lookups ---------------------------------------------------------------------
    def function_at(self, pc):
        i = bisect.bisect_right(self._lows, pc) - 1
        if i >= 0 and pc < self.functions[i].high:
            return self.functions[i]
        return None

    def after_prologue(self, fn):
        """Where a breakpoint on a function goes: after the prologue, and
        after the moves of the parameters into their homes (which the line
        table gives the function's own line), so parameters read right."""
        starts = sorted(a for a in self.line_starts if fn.body <= a < fn.high)
        for a in starts:
            if self.line_starts[a][1] != fn.line:
                return a
        return fn.body

    def function(self, name):
        for f in self.functions:
            if f.name == name:
                return f
        return None

    def line_at(self, pc):
        found = self.info.line_at(pc)
        return (found[0], found[1]) if found else None

    def symbolize(self, addr):
        found = self.info.symbol_at(addr)
        if not found:
            return None
        name, off = found
        return f"{name}+{off}" if off else name

    def global_var(self, name):
        found = self.globals.get(name)
        return found[0] if found else None

    def struct_type(self, kind, name):
        for types in self.unit_types.values():
            for t in types:
                if t.kind == kind and t.name == name:
                    return t
        return None

    def typedef(self, name):
        for types in self.unit_types.values():
            for t in types:
                if t.kind == "typedef" and t.name == name:
                    return t
        return None

    def resolve_location(self, spec):
        """Addresses for `FILE:LINE`, `LINE` (in the given file), `FUNCTION`
        or `*ADDR` (ADDR already an int). Raises DebugError if none."""
        if isinstance(spec, int):
            return [spec]
        if ":" in spec:
            file, _, line = spec.rpartition(":")
            if not line.strip().isdigit():
                raise DebugError(f"bad location '{spec}' (expected FILE:LINE)")
            addrs = self.line_addrs(file.strip(), int(line))
            if not addrs:
                raise DebugError(f"no code at {spec} in {self.name}")
            return addrs
        f = self.function(spec)
        if f:
            return [self.after_prologue(f)]
        addr = self.info.addr_of(spec)
        if addr is not None:
            return [addr]
        raise DebugError(f"function '{spec}' not defined in {self.name}")

    def line_addrs(self, file, line):
        """The first address of each run of code for file:line (a line may
        have several: a loop's test and its step). If the line has no code,
        the next line that has some."""
        for n in range(line, line + 20):
            addrs = sorted(self.info.addrs_of_line(file, n))
            if addrs:
                # one address per function: the lowest (a loop's test and
                # step share its line but the breakpoint is for entering it)
                per_function = {}
                for a in addrs:
                    f = self.function_at(a)
                    if f and a < f.body:
                        a = self.after_prologue(f)     # a function's first line: after the prologue
                    key = f.name if f else None
                    per_function[key] = min(a, per_function.get(key, a))
                return sorted(per_function.values())
        return []

    def source_path(self, file):
        if os.path.isabs(file) and os.path.exists(file):
            return file
        for d in self.source_dirs:
            p = os.path.join(d, file)
            if os.path.exists(p):
                return p
        return None


class Programs:
    """Every program the debugger knows, most specific scope first.

    `resolver(core)`, if set, names the program a core runs in ring 3 (the
    OS awareness module reads it from the kernel's process table); answers
    are cached per address space until forget() (the engine calls it at
    every stop, since exec can change the program of an address space)."""

    def __init__(self):
        self.programs = []
        self.resolver = None
        self._resolved = {}

    def forget(self):
        self._resolved = {}

    def process_of(self, core):
        """The name of the program the process current on `core` runs, or
        None (no OS tables to read, or no process)."""
        key = (core.csr[PTBR], core.asid)
        if key not in self._resolved:
            name = None
            if self.resolver is not None:
                try:
                    name = self.resolver(core)
                except MinosError:
                    name = None
            self._resolved[key] = name
        return self._resolved[key]

    def applies(self, program, core, ring=None):
        ring = core.ring if ring is None else ring
        s = program.scope
        if s.ring is not None and s.ring != ring:
            return False
        if s.asid is not None and core.asid != s.asid:
            return False
        if s.ptbr is not None and core.csr[PTBR] != s.ptbr:
            return False
        if s.by_process and self.process_of(core) != program.name:
            return False
        return True

    def add(self, program):
        self.programs.append(program)
        # a program tied to an address space wins over a ring-wide one, which wins over 'everywhere'
        self.programs.sort(key=lambda p: -((p.scope.asid is not None or p.scope.ptbr is not None
                                            or p.scope.by_process) * 2 + (p.scope.ring is not None)))

    def for_core(self, core):
        return self.for_state(core, core.ring)

    def for_state(self, core, ring):
        """The program running on `core` in `ring` (its address space is the
        core's current one)."""
        for p in self.programs:
            if self.applies(p, core, ring):
                return p
        return None

    def by_name(self, name):
        for p in self.programs:
            if p.name == name or os.path.splitext(p.name)[0] == name:
                return p
        return None

    def __iter__(self):
        return iter(self.programs)
