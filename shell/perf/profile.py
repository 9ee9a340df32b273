"""Where the instructions go: exact counts of instructions and cycles by
function, program and ring (`minos prof`, docs/measuring.md).

How it counts. While a Profiler is on (Machine.set_tally), the machine runs
the reference interpreter's tallying loop (interp.run_slice_tallied), which
adds every instruction to a dict by its virtual pc. A run of a core ends at
every trap, iret, device access and csrw, and the Profiler ends one at the
kernel's context switch (`swtch`) too; at the start of each run it picks
the dicts by what the core is running then:

    ring 0:  the kernel (its functions from kernel.img.dbg)
    ring 3:  the program named cpus[core].thread->name (CURRENT; from
             debug/bin/NAME.dbg)

and charges them to the thread (process) running there (its id and name;
id 0: none, the scheduler's own loop). A process's name changes at exec, so a
forked child's code before its exec counts for the parent's program.

so the program is read from the kernel once per run (a few word loads),
not once per instruction. Counting by translated block would be cheaper
but not exact: the fast engine's blocks follow calls and returns across
functions.

Exactness: instructions add up to the machine's counter over the region;
cycles add up to it with two rows that belong to no instruction, the
entries of interrupts and the cycles cores spend waiting (idle).
"""

import json
from dataclasses import dataclass

from lang.debuginfo import DebugInfo
from vm.errors import MinosError
from vm.isa import COST

from .session import difference, snapshot

# What a core runs, as (id, name) KernelView paths: the first pair the
# kernel has is used. Core's threads carry the name (mono's pid is its
# thread's tid); older kernels had one struct proc. A kernel with neither
# shows its user code as program "?".
CURRENT = (("cpus[{core}].thread->tid", "cpus[{core}].thread->name"),
           ("cpus[{core}].proc->pid", "cpus[{core}].proc->name"))
SWITCH = "swtch"          # the kernel's context switch: the current process changes there
INTERRUPTS = "(interrupt entry)"
IDLE = "(idle)"
UNKNOWN = "(no symbol)"      # code outside every function its program's debug info knows


class ProfileError(MinosError):
    pass


@dataclass
class Row:
    function: str
    program: str
    ring: int
    instructions: int
    cycles: int

    def as_dict(self):
        return {"function": self.function, "program": self.program, "ring": self.ring,
                "instructions": self.instructions, "cycles": self.cycles}


class Profiler:
    """Machine.set_tally's tally: counts by (ring, pid, program, pc)."""

    def __init__(self, view, kernel_info, program_dbg):
        self.view = view
        self.kernel_info = kernel_info
        self.program_dbg = program_dbg        # program name -> its .dbg path (or None)
        self.buckets = {}                     # (ring, pid, process name) -> (counts, cycles, stop)
        stop = kernel_info.addr_of(SWITCH)
        self.stop_pc = -1 if stop is None else stop
        self._names = {}
        self._paths = {}                      # core id -> (pid path, name path), or () if unknown
        self.machine = None
        self.start_counters = None
        self.counters = None                  # the region's counters once stopped

    def __call__(self, core):
        if self.start_counters is None:       # start(at_next_run=True): no instruction is in flight now
            self.start_counters = snapshot(self.machine)
        mem = core.mem
        view = self.view
        paths = self._paths.get(core.id)
        if paths is None:
            found = [(i.format(core=core.id), n.format(core=core.id)) for i, n in CURRENT]
            found = [pair for pair in found if view.has(pair[0]) and view.has(pair[1])]
            paths = self._paths[core.id] = found[0] if found else ()
        pid = view.read(mem, paths[0]) if paths else None
        raw = view.read(mem, paths[1]) if pid is not None else None
        name = self._names.get(raw)
        if name is None:
            name = raw.split(b"\0")[0].decode(errors="replace") if raw else "?"
            self._names[raw] = name
        key = (core.ring, pid or 0, name)
        bucket = self.buckets.get(key)
        if bucket is None:
            bucket = self.buckets[key] = ({}, {}, self.stop_pc)
        return bucket

    # --- the region -------------------------------------------------------------------
    def start(self, machine, at_next_run=False):
        """Count from now: called while a console line is printed, the
        store printing it has not completed yet, and is counted in the
        machine's counters but not here. A region that also ends at a
        printed line (stop() called the same way) is exact: its last store
        is counted here but not in the counters. A region that ends when the
        machine stops starts at_next_run: the counters are read when the
        first run of a core begins, with no instruction in flight."""
        self.machine = machine
        self.start_counters = None if at_next_run else snapshot(machine)
        machine.set_tally(self)

    def stop(self):
        if self.machine is None or self.counters is not None:
            return
        self.machine.set_tally(None)
        self.counters = difference(snapshot(self.machine), self.start_counters)

    @property
    def running(self):
        return self.machine is not None and self.counters is None

    # --- the result -------------------------------------------------------------------
    def profile(self):
        """A Profile of the region (stop() first)."""
        self.stop()
        if self.counters is None:
            raise ProfileError("the region to profile never started")
        infos = {}
        rows = {}
        for (ring, pid, process), (counts, cycles, _) in self.buckets.items():
            program = process if ring else "kernel"
            info = self.kernel_info if ring == 0 else infos.get(program)
            if info is None:
                info = infos[program] = self._program_info(program)
            for pc in counts.keys() | cycles.keys():    # cycles only: a fault's trap entry
                found = info.symbol_at(pc)
                name = found[0] if found else UNKNOWN
                row = rows.setdefault((name, program, ring, pid, process), [0, 0])
                row[0] += counts.get(pc, 0)
                row[1] += cycles.get(pc, 0)
        return Profile(rows, self.counters)

    def _program_info(self, program):
        path = self.program_dbg(program)
        return DebugInfo.from_file(path) if path else DebugInfo()


class Profile:
    """Counts by (function, program, ring, pid, process name) and the
    region's counters. program is the process's for user code, "kernel"
    for the kernel's."""

    def __init__(self, by_key, counters):
        self.by_key = by_key                   # key -> [instructions, cycles]
        self.counters = counters

    @property
    def instructions(self):
        return sum(v[0] for v in self.by_key.values())

    @property
    def cycles(self):
        return sum(v[1] for v in self.by_key.values())

    def pids(self):
        return sorted({k[3] for k in self.by_key})

    def programs(self):
        return sorted({k[4] for k in self.by_key})

    def rows(self, pid=None, program=None, kernel_only=False, outside=True):
        """Rows by (function, program, ring), most instructions first. pid:
        only what ran for that process (its user code and the kernel's on
        its behalf); program: the same for the processes while they ran
        that program; kernel_only: ring 0 only. outside: with no filter,
        add the cycles no instruction took."""
        merged = {}
        for (function, prog, ring, p, process), (n, c) in self.by_key.items():
            if pid is not None and p != pid:
                continue
            if program is not None and process != program:
                continue
            if kernel_only and ring:
                continue
            row = merged.setdefault((function, prog, ring), [0, 0])
            row[0] += n
            row[1] += c
        rows = [Row(f, prog, ring, n, c) for (f, prog, ring), (n, c) in merged.items()]
        rows.sort(key=lambda r: (-r.instructions, -r.cycles, r.function, r.program))
        if outside and pid is None and program is None and not kernel_only:
            interrupts = self.counters["interrupts"] * COST["trap"]
            rows.append(Row(INTERRUPTS, "-", 0, 0, interrupts))
            rows.append(Row(IDLE, "-", 0, 0, self.counters["idle_cycles"]))
        return rows


def table(rows, top=None, total=None):
    """The rows as text: function, program, ring, instructions, cycles, share
    (of `total` instructions, default the rows')."""
    total = total or sum(r.instructions for r in rows) or 1
    shown = rows if top is None else [r for r in rows[:top]]
    lines = [("function", "program", "ring", "instructions", "cycles", "share")]
    for r in shown:
        lines.append((r.function, r.program, str(r.ring), f"{r.instructions:,}", f"{r.cycles:,}",
                      f"{100 * r.instructions / total:.1f}%"))
    text = format_columns(lines, right=(3, 4, 5))
    hidden = [r for r in rows if r not in shown]
    if hidden:
        text += (f"\n... {len(hidden)} more rows: {sum(r.instructions for r in hidden):,} "
                 f"instructions, {sum(r.cycles for r in hidden):,} cycles")
    return text


def number(x):
    """A count for a table, to one decimal, without the decimal if it is 0."""
    x = round(x, 1) + 0.0            # + 0.0: no "-0"
    return f"{x:,.0f}" if x == int(x) else f"{x:,.1f}"


def format_columns(lines, right=()):
    """Text columns: lines[0] is the header; columns in `right` align right."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]

    def fmt(line):
        return "  ".join(cell.rjust(w) if i in right else cell.ljust(w)
                         for i, (cell, w) in enumerate(zip(line, widths))).rstrip()
    out = [fmt(lines[0]), fmt(tuple("-" * w for w in widths))]
    out += [fmt(line) for line in lines[1:]]
    return "\n".join(out)


def as_json(profile, rows):
    return json.dumps({"instructions": profile.counters["instructions"],
                       "cycles": profile.counters["cycles"],
                       "rows": [r.as_dict() for r in rows]}, indent=1)
