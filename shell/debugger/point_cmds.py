"""Commands that set, list and change breakpoints, watchpoints and catchpoints."""

import re

from vm.isa import CAUSE

from .engine.conditions import condition_warnings
from .engine.points import Breakpoint, Catchpoint, Watchpoint
from .engine.symbols import DebugError, short_name

TRAP_ALIASES = {"page": "pagefault", "page-fault": "pagefault", "fault": "pagefault",
                "priv": "privileged", "div": "divzero", "brk": "breakpoint"}


class PointCommands:
    def _location(self, text):
        """A breakpoint location as the engine takes it."""
        text = text.strip()
        if not text:
            frame = self.engine.frame()
            return f"*{frame.pc}"
        if text.isdigit():                 # a line of the current file
            frame = self.engine.frame()
            line = frame.program.line_at(frame.pc) if frame.program else None
            if self.list_at and not line:
                return f"{self.list_at[1]}:{text}"
            if not line:
                raise DebugError("no current source file: use FILE:LINE")
            return f"{line[0]}:{text}"
        return text

    def _split_condition(self, arg):
        m = re.match(r"^(.*?)\s+if\s+(.*)$", arg) or re.match(r"^()if\s+(.*)$", arg)
        if m:
            return m.group(1), m.group(2)
        return arg, None

    def _several_programs(self):
        return len(self.engine.programs.programs) > 1

    def _break(self, arg, temporary):
        spec, cond = self._split_condition(arg)
        spec = self._location(spec)
        bp = self.engine.add_breakpoint(spec, cond, temporary)
        word = "Temporary breakpoint" if temporary else "Breakpoint"
        if len(bp.locations) == 1:
            self.write(f"{word} {bp.number} at {bp.what(self._several_programs())}")
        elif len(set(bp.programs())) > 1:
            names = sorted(set(bp.programs()))
            shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
            self.write(f"{word} {bp.number} at {spec}: {len(bp.locations)} locations, one in each "
                       f"program that has it ({shown}); `break PROGRAM:{spec}` sets one, "
                       f"`info breakpoints` lists them")
        else:
            self.write(f"{word} {bp.number} at {spec}: {len(bp.locations)} locations")
        self._report_moved(spec, bp)
        self._check_condition(bp)

    def _report_moved(self, spec, bp):
        """A FILE:LINE with no code (`} else {`, a comment) puts the breakpoint
        on the next line that has some, which may be inside a branch: say so."""
        m = re.match(r"^(?:.*:)?([^:]+):(\d+)$", spec)
        if not m:
            return
        wanted = int(m.group(2))
        moved = set()
        for loc in bp.locations:
            line = loc.program.line_at(loc.addr) if loc.program else None
            if line and line[1] != wanted:
                moved.add(f"{short_name(line[0])}:{line[1]}")
        if moved:
            self.write(f"Note: {m.group(1)}:{wanted} has no code; breakpoint {bp.number} moved to "
                       f"{', '.join(sorted(moved))}, the next line with code (it stops only when that line runs)")

    def _check_condition(self, bp):
        for warning in condition_warnings(bp.condition, bp.locations) if bp.condition else ():
            self.write(warning)

    def cmd_break(self, arg):
        self._break(arg, False)

    def cmd_tbreak(self, arg):
        self._break(arg, True)

    def _numbers(self, arg):
        points = self.engine.points
        if not arg:
            return [p.number for p in points]
        out = []
        for word in arg.replace(",", " ").split():
            if "-" in word:
                a, _, b = word.partition("-")
                if not (a.isdigit() and b.isdigit()):
                    raise DebugError(f"bad breakpoint number range '{word}'")
                out.extend(range(int(a), int(b) + 1))
            elif word.isdigit():
                out.append(int(word))
            else:
                raise DebugError(f"bad breakpoint number '{word}'")
        for n in out:
            if points.get(n) is None:
                raise DebugError(f"No breakpoint number {n}.")
        return out

    def cmd_delete(self, arg):
        for n in self._numbers(arg):
            self.engine.points.delete(n)

    def cmd_disable(self, arg):
        for n in self._numbers(arg):
            self.engine.points.get(n).enabled = False

    def cmd_enable(self, arg):
        for n in self._numbers(arg):
            self.engine.points.get(n).enabled = True

    def cmd_condition(self, arg):
        num, _, cond = arg.partition(" ")
        (n,) = self._numbers(num) if num else (None,)
        if n is None:
            raise DebugError("usage: condition N [EXPRESSION]")
        point = self.engine.points.get(n)
        point.condition = cond.strip() or None
        if not cond.strip():
            self.write(f"Breakpoint {n} now unconditional.")
        elif isinstance(point, Breakpoint):
            self._check_condition(point)

    def _watch(self, arg, access):
        if not arg:
            raise DebugError("usage: watch EXPRESSION")
        w = self.engine.add_watchpoint(arg, access)
        kind = {"write": "Hardware watchpoint", "read": "Hardware read watchpoint",
                "access": "Hardware access (read/write) watchpoint"}[access]
        self.write(f"{kind} {w.number}: {arg}")

    def cmd_watch(self, arg):
        self._watch(arg, "write")

    def cmd_rwatch(self, arg):
        self._watch(arg, "read")

    def cmd_awatch(self, arg):
        self._watch(arg, "access")

    def cmd_catch(self, arg):
        event, _, what = arg.partition(" ")
        what = what.strip()
        engine = self.engine
        if event == "syscall":
            number = None
            label = "syscall" + (f" {what}" if what else "")
            if what:
                if what.isdigit():
                    number = int(what)
                else:
                    found = [n for n, name in engine.syscall_names.items() if name == what]
                    if not found:
                        raise DebugError(f"unknown system call '{what}' (give its number)")
                    number = found[0]
            c = engine.add_catchpoint("syscall", number, label)
        elif event == "trap":
            cause = None
            if what:
                name = TRAP_ALIASES.get(what, what)
                if name.isdigit():
                    cause = int(name)
                elif name in CAUSE:
                    cause = CAUSE[name]
                else:
                    raise DebugError(f"unknown trap cause '{what}' (choose from {', '.join(CAUSE)})")
            c = engine.add_catchpoint("trap", cause, "trap" + (f" {what}" if what else ""))
        elif event in ("ring", "switch"):
            c = engine.add_catchpoint(event, None, event)
        elif event == "ipc":
            from .engine.microaware import IpcWatch
            endpoints, label = self.catch_ipc(what)
            c = engine.add_catchpoint("ipc", IpcWatch(self._micro(), endpoints), label)
        elif event == "upcall":
            from .engine.exoaware import UpcallWatch
            c = engine.add_catchpoint("upcall", UpcallWatch(self._exo_view(), what), "upcall" +
                                      (f" {what}" if what else ""))
        else:
            raise DebugError("usage: catch syscall [NAME|N] | catch trap [CAUSE] | catch ring | catch switch"
                             " | catch ipc [ENDPOINT|SERVER] | catch upcall [KIND]")
        self.write(f"Catchpoint {c.number} ({c.label})")

    def info_breakpoints(self, arg):
        points = list(self.engine.points)
        if not points:
            self.write("No breakpoints, watchpoints or catchpoints.")
            return
        self.write(f"{'Num':<4}{'Type':<15}{'Disp':<5}{'Enb':<4}What")
        for p in points:
            kind = {Breakpoint: "breakpoint", Catchpoint: "catchpoint"}.get(type(p))
            if isinstance(p, Watchpoint):
                kind = {"write": "hw watchpoint", "read": "read watchpoint", "access": "acc watchpoint"}[p.access]
            disp = "del" if p.temporary else "keep"
            several = self._several_programs()
            what = p.what(several) if isinstance(p, Breakpoint) else p.what()
            self.write(f"{p.number:<4}{kind:<15}{disp:<5}{'y' if p.enabled else 'n':<4}{what}")
            if isinstance(p, Breakpoint) and len(p.locations) > 1:
                for i, loc in enumerate(p.locations, 1):
                    self.write(f"{f'{p.number}.{i}':<28}{loc.describe(several)}")
            if p.condition:
                self.write(f"\tstop only if {p.condition}")
            for line in getattr(p, "commands", None) or ():
                self.write(f"        {line}")
            if p.hits:
                times = "time" if p.hits == 1 else "times"
                noun = "breakpoint" if isinstance(p, Breakpoint) else p.kind
                self.write(f"\t{noun} already hit {p.hits} {times}")
