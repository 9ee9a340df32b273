"""Breakpoints, watchpoints and catchpoints: what the user asked to stop at.

They share one numbering (like gdb's), an enabled flag, a hit count and an
optional condition (a C expression, evaluated in the frame that hit).
"""

from dataclasses import dataclass, field

from .symbols import short_name


@dataclass
class Point:
    number: int
    kind: str                   # breakpoint | watchpoint | catchpoint
    enabled: bool = True
    hits: int = 0
    condition: str = None
    temporary: bool = False

    def what(self):
        return ""


@dataclass
class Location:
    """One place a breakpoint stops: an address in one program's code. It
    counts only while that program runs (its scope: ring, address space,
    process), so the same address in another program is not a hit."""
    program: object             # a Program, or None (an address in code without debug info)
    addr: int

    def describe(self, with_program=False):
        prog, a = self.program, self.addr
        where = ""
        if prog:
            fn = prog.function_at(a)
            line = prog.line_at(a)
            if fn:
                where = f" in {fn.name}"
            if line:
                where += f" at {short_name(line[0])}:{line[1]}"
            if with_program:
                where += f" ({prog.name})"
        return f"{a:#010x}{where}"


@dataclass
class Breakpoint(Point):
    locations: list = field(default_factory=list)     # [Location]
    spec: str = ""              # what the user typed
    commands: list = None       # `commands N ... end`: lines to run when it stops

    def what(self, with_program=False):
        """One location: where; several (one per program): <MULTIPLE>."""
        if len(self.locations) == 1:
            return self.locations[0].describe(with_program)
        return "<MULTIPLE>"

    def programs(self):
        return [loc.program.name for loc in self.locations if loc.program]


@dataclass
class Watchpoint(Point):
    expr: str = ""
    access: str = "write"       # write (watch) | read (rwatch) | access (awatch)
    vaddr: int = 0
    size: int = 4
    paddrs: list = field(default_factory=list)    # [(paddr, n)] pieces, for value checks
    space_key: tuple = None     # (ptbr, asid) it was set in, for read/access matching
    ctype: object = None
    old: bytes = b""

    def what(self):
        return self.expr


@dataclass
class Catchpoint(Point):
    event: str = ""             # syscall | trap | ring | switch
    filter: int = None          # syscall number or trap cause, None for any
    label: str = ""

    def what(self):
        return self.label


class Points:
    def __init__(self):
        self.all = {}
        self.next_number = 1

    def add(self, point_cls, **kw):
        p = point_cls(number=self.next_number, **kw)
        self.all[p.number] = p
        self.next_number += 1
        return p

    def get(self, n):
        return self.all.get(n)

    def delete(self, n):
        return self.all.pop(n, None)

    def enabled(self, cls=None):
        return [p for p in self.all.values() if p.enabled and (cls is None or isinstance(p, cls))]

    def __iter__(self):
        return iter(sorted(self.all.values(), key=lambda p: p.number))
