"""Timelines: what ran where and when, as a Chrome trace-event JSON file
that ui.perfetto.dev and chrome://tracing open (`--timeline FILE.json` on
`minos run`, `boot`, `grade` and `bench`; docs/timeline.md).

What the file shows, for each boot (a Perfetto "process" named
"boot N: KERNEL, C cores"):

- one track per core (a "thread" named "core C"), holding
    - a slice per stretch a process (or server, or environment) runs there,
      named "NAME [TID]";
    - nested in it, a slice per system call, named by the kernel's
      system-call list ("read"); a call that blocks is closed when its
      process leaves the core and opened again, marked resumed, where and
      when the process comes back;
    - with depth D > 0, nested in those, the kernel functions called, D
      levels deep (kept per thread across switches like the calls);
    - instants for interrupts (timer, ipi, console, disk) and the other
      traps (page faults, TLB misses), named by cause;
- counter tracks: the kernel's free pages and each core's run-queue length.

Time is the machine's cycle counter: on the time axis, 1 us is 1 cycle
(each core's own counter, so a track's times only grow).

How it watches. No work is added to the machine's hot loop: the recorder
uses the observation points `minos prof` uses (shell/perf/profile.py):

- the machine's tally (Machine.set_tally), called at the start of every
  run of a core; a run ends at every trap, iret, device access and csrw,
  and before the kernel's context switch (`swtch`), so the ring and the
  thread on the core (cpus[core].thread, read through the kernel's debug
  info by KernelView) are looked at whenever they can have changed. This
  runs the reference interpreter: slower than the fast engine, exact;
- the machine's trap hook (Machine.add_hook("trap")), on every trap and
  interrupt: system-call entries (the number is in t0), instants;
- with depth > 0, the instruction hook as well, to see calls and returns
  (slow: for short runs).

Extension point: kernel probes. PROBES maps a kernel name to a Probe
subclass whose methods are called at system-call entry, at the return to
user mode, and at each run start; they may call BootTrace.flow_out and
flow_in (self.boot) to draw flow arrows (an IPC message from sender to receiver on
micro; an upcall into an environment on exo). Probe (the default) draws
none. A kernel's probe may also name its calls (Probe.call_name).
"""

import json
from pathlib import Path

from vm.errors import MinosError
from vm.core import ADDRESS_CAUSES
from vm.isa import CAUSE, CSR_NUMBER, FIRST_INTERRUPT, LR, SP

SYSCALL = CAUSE["syscall"]
BADADDR = CSR_NUMBER["badaddr"]
SWITCH = "swtch"                                        # the kernel's context switch
THREAD = ("cpus[{core}].thread->tid", "cpus[{core}].thread->name")
FREE_PAGES = "kmem.nfree"
RUN_QUEUE = "cpus[{core}].rq.n"
PHASES = {"B", "E", "i", "C", "M", "s", "f"}            # what the files hold


class TimelineError(MinosError):
    pass


class Probe:
    """What a kernel adds to its timeline (see the module's comment). The
    default names calls from the kernel's system-call list and adds no
    flows."""

    def __init__(self, boot, names):
        self.boot = boot               # the BootTrace: boot.flow_out / boot.flow_in
        self.names = names

    def call_name(self, core, number):
        return self.names.get(number, f"syscall {number}")

    def on_syscall(self, core, tid, number):
        """At a system call's trap, before its slice opens."""

    def on_return(self, core, tid, call):
        """When thread tid is back in user mode after `call`."""

    def on_run(self, core, tid):
        """At the start of every run of a core (tid: its thread, or None)."""


PROBES = {}          # kernel name -> Probe subclass (micro: IPC flows; exo: upcalls)


# Where each kernel lists its system calls, and the prefix of their #defines.
CALL_LISTS = {"mono": ("kernel/include/syscall.h", "SYS_"),
              "micro": ("kernel/include/ipc.h", "SYS_"),
              "exo": ("kernel/exo/exoabi.h", "EXO_")}


def syscall_names(root, kernel):
    """number -> name of kernel's system calls, from the tree at root."""
    from shell.debug_cmd import syscall_names as read
    header, prefix = CALL_LISTS.get(kernel, CALL_LISTS["mono"])
    return read(Path(root) / header, prefix)


class CoreTrack:
    def __init__(self):
        self.shown = None          # (tid, name) of the process slice open, or None
        self.call = None           # the system-call slice open on it, or None
        self.funcs = []            # open function slices: (name, return pc, sp)


class BootTrace:
    """The timeline of one booted machine: a Perfetto process of the file."""

    def __init__(self, recorder, pid, system):
        from lang.debuginfo import DebugInfo

        from shell.perf.kernel_view import KernelView
        self.recorder = recorder
        self.pid = pid
        self.machine = machine = system.machine
        if machine.tally is not None:
            raise TimelineError("a timeline and a profile cannot watch the same run")
        info = DebugInfo.load(str(system.images.kernel_img))
        self.info = info
        self.view = KernelView(info)
        has = self.view.has
        self.thread_paths = [tuple(p.format(core=c.id) for p in THREAD) for c in machine.cores]
        if not all(has(p) for pair in self.thread_paths for p in pair):
            self.thread_paths = None
        self.free_path = FREE_PAGES if has(FREE_PAGES) else None
        self.rq_paths = [RUN_QUEUE.format(core=c.id) for c in machine.cores]
        if not all(has(p) for p in self.rq_paths):
            self.rq_paths = None
        stop = info.addr_of(SWITCH)
        self.stop_pc = -1 if stop is None else stop
        self.probe = PROBES.get(system.kernel, Probe)(self,
                                                      syscall_names(system.images.root,
                                                                    system.kernel))
        self.cores = [CoreTrack() for _ in machine.cores]
        self.pending = {}          # tid -> system call it is in (and not returned from)
        self.fstacks = {}          # tid -> its open function slices while switched out
        self.names = {}            # raw name bytes -> str
        self.now = 0               # the latest time seen on any core (for counters)
        self.counters = {}
        self.scratch = ({}, {})    # the tally's count dicts (not used)
        self.functions = {}
        self.depth = recorder.depth
        self.finished = False
        if self.depth:
            self.functions = {s["addr"]: s["name"] for s in info.symbols
                              if s.get("kind") == "func"}
            self.last_ring = [None] * len(machine.cores)
            machine.add_hook("insn", self._insn)
        else:
            machine.set_tally(self._tally)
        machine.add_hook("trap", self._trap)
        self._meta(f"boot {pid}: {system.kernel}, {len(machine.cores)} "
                   f"core{'s' if len(machine.cores) > 1 else ''}")

    # --- writing events --------------------------------------------------------------
    def _meta(self, title):
        emit = self.recorder.events.append
        emit({"ph": "M", "name": "process_name", "pid": self.pid, "args": {"name": title}})
        emit({"ph": "M", "name": "process_sort_index", "pid": self.pid,
              "args": {"sort_index": self.pid}})
        for c in self.machine.cores:
            emit({"ph": "M", "name": "thread_name", "pid": self.pid, "tid": c.id + 1,
                  "args": {"name": f"core {c.id}"}})
            emit({"ph": "M", "name": "thread_sort_index", "pid": self.pid, "tid": c.id + 1,
                  "args": {"sort_index": c.id}})

    def _event(self, ph, core, name, ts, cat, args=None):
        e = {"ph": ph, "name": name, "cat": cat, "pid": self.pid, "tid": core.id + 1, "ts": ts}
        if args:
            e["args"] = args
        if ph == "i":
            e["s"] = "t"
        self.recorder.events.append(e)
        if ts > self.now:
            self.now = ts

    # --- what runs on a core ---------------------------------------------------------
    def _thread(self, core):
        """(tid, name) of the thread on core, or None (the scheduler, or unknown)."""
        if self.thread_paths is None:
            return None
        tid_path, name_path = self.thread_paths[core.id]
        tid = self.view.read(core.mem, tid_path)
        if tid is None:
            return None
        raw = self.view.read(core.mem, name_path)
        name = self.names.get(raw)
        if name is None:
            name = self.names[raw] = raw.split(b"\0")[0].decode(errors="replace") or "?"
        return tid, name

    def _tally(self, core):
        self._observe(core)
        return self.scratch[0], self.scratch[1], self.stop_pc

    def _observe(self, core):
        """Bring core's track up to date: a return to user mode ends the
        call in progress; another thread (or a new name after exec) ends
        the process slice and starts the next."""
        track = self.cores[core.id]
        now = self._thread(core)
        ts = core.cycles
        if core.ring and now is not None:
            tid = now[0]
            call = self.pending.pop(tid, None)
            if call is not None:
                self._close_calls(core, track, ts)
                self.fstacks.pop(tid, None)
                self.probe.on_return(core, tid, call)
        if now != track.shown:
            self._switch(core, track, now, ts)
        self.probe.on_run(core, now[0] if now else None)

    def _close_calls(self, core, track, ts, keep=False):
        """End the function and call slices open on core (keep: remember
        the functions for the thread's return)."""
        for name, _, _ in reversed(track.funcs):
            self._event("E", core, name, ts, "kernel")
        if keep and track.funcs and track.shown:
            self.fstacks[track.shown[0]] = track.funcs
        track.funcs = []
        if track.call is not None:
            self._event("E", core, track.call, ts, "syscall")
            track.call = None

    def _switch(self, core, track, now, ts):
        self._close_calls(core, track, ts, keep=True)
        if track.shown is not None:
            self._event("E", core, self._label(track.shown), ts, "process")
        track.shown = now
        if now is not None:
            tid = now[0]
            self._event("B", core, self._label(now), ts, "process", {"tid": tid})
            call = self.pending.get(tid)
            if call is not None:
                track.call = call
                self._event("B", core, call, ts, "syscall", {"resumed": True})
                track.funcs = self.fstacks.pop(tid, [])
                for name, _, _ in track.funcs:
                    self._event("B", core, name, ts, "kernel", {"resumed": True})
        self._sample(ts)

    @staticmethod
    def _label(shown):
        return f"{shown[1]} [{shown[0]}]"

    # --- traps ------------------------------------------------------------------------
    def _trap(self, core, cause, epc):
        self._observe(core)
        track = self.cores[core.id]
        ts = core.cycles
        if cause == SYSCALL and track.shown is not None:
            self._close_calls(core, track, ts)      # (none open, unless a return was missed)
            tid = track.shown[0]
            number = core.regs[7]              # t0 (kernel/include/syscall.h)
            self.probe.on_syscall(core, tid, number)
            name = self.probe.call_name(core, number)
            track.call = name
            self._event("B", core, name, ts, "syscall", {"number": number, "tid": tid})
            self.pending[tid] = name
            return
        if cause == SYSCALL:
            return
        args = {"epc": f"{epc:#x}"}
        if cause in ADDRESS_CAUSES:
            args["addr"] = f"{core.csr[BADADDR]:#x}"
        self._event("i", core, self.machine.cause_name(cause), ts,
                    "interrupt" if cause >= FIRST_INTERRUPT else "trap", args)
        if cause >= FIRST_INTERRUPT:
            self._sample(ts)

    # --- kernel functions (depth > 0) ------------------------------------------------
    def _insn(self, core, pc):
        track = self.cores[core.id]
        name = self.functions.get(pc)
        if core.ring != self.last_ring[core.id] or pc == self.stop_pc or name is not None:
            self.last_ring[core.id] = core.ring
            self._observe(core)
        if core.ring or track.shown is None:
            return
        funcs = track.funcs
        sp = core.regs[SP]
        # a function has returned when the stack is above its entry's, or when
        # its return address is reached with the stack as it was at entry
        while funcs and (sp > funcs[-1][2] or pc == funcs[-1][1] and sp == funcs[-1][2]):
            self._event("E", core, funcs.pop()[0], core.cycles, "kernel")
        if name is not None and track.call is not None and len(funcs) < self.depth:
            funcs.append((name, core.regs[LR], sp))
            self._event("B", core, name, core.cycles, "kernel")

    # --- flows (for kernel probes) ----------------------------------------------------
    def flow_out(self, core, key, name):
        """An arrow starts at the slice open on core (an IPC send, say); the
        number key names it until flow_in."""
        self._event("s", core, name, core.cycles, "flow")
        self.recorder.events[-1]["id"] = key

    def flow_in(self, core, key, name):
        """The arrow key ends at the slice open on core (the receive)."""
        self._event("f", core, name, core.cycles, "flow")
        self.recorder.events[-1].update(id=key, bp="e")

    # --- counters ---------------------------------------------------------------------
    def _sample(self, ts):
        mem = self.machine.memory
        ts = max(ts, self.now)
        if self.free_path:
            self._counter("free pages", {"pages": self.view.read(mem, self.free_path) or 0}, ts)
        if self.rq_paths:
            self._counter("run queue", {f"core {i}": self.view.read(mem, p) or 0
                                        for i, p in enumerate(self.rq_paths)}, ts)

    def _counter(self, name, args, ts):
        if self.counters.get(name) == args:
            return
        self.counters[name] = args
        self.recorder.events.append({"ph": "C", "name": name, "pid": self.pid, "ts": ts,
                                     "args": args})

    # --- the end ----------------------------------------------------------------------
    def finish(self):
        """Close what is open, at each core's last cycle; stop watching."""
        m = self.machine
        if self.finished:
            return
        self.finished = True
        for core, track in zip(m.cores, self.cores):
            ts = core.cycles
            self._close_calls(core, track, ts)
            if track.shown is not None:
                self._event("E", core, self._label(track.shown), ts, "process")
                track.shown = None
        if m.tally == self._tally:
            m.set_tally(None)
        m.remove_hook("trap", self._trap)
        if self.depth:
            m.remove_hook("insn", self._insn)


class Recorder:
    """Records the timeline of every boot of the Systems it is given (as
    their on_boot), and writes them to one file."""

    def __init__(self, path, depth=0):
        self.path = Path(path)
        if depth < 0:
            raise TimelineError(f"--timeline-depth must be 0 or more, not {depth}")
        if self.path.suffix != ".json":
            raise TimelineError(f"{path}: a timeline is a .json file (Chrome trace events)")
        if not self.path.parent.is_dir():
            raise TimelineError(f"{self.path.parent}: no such folder for the timeline")
        self.depth = depth
        self.events = []
        self.boots = []

    def booted(self, system):
        """System.on_boot: watch the machine just booted."""
        if self.boots:
            self.boots[-1].finish()
        self.boots.append(BootTrace(self, len(self.boots) + 1, system))

    # --- the file ---------------------------------------------------------------------
    def finish(self):
        if self.boots:
            self.boots[-1].finish()

    def write(self):
        """Close what is open and write the file. Returns its summary()."""
        self.finish()
        data = {"traceEvents": self.events, "displayTimeUnit": "ns",
                "otherData": {"minos": "timeline", "time": "machine cycles (1 us = 1 cycle)",
                              "depth": self.depth}}
        with open(self.path, "w") as f:
            json.dump(data, f, separators=(",", ":"))
            f.write("\n")
        return summary(data)


def add_options(p):
    """--timeline FILE.json and --timeline-depth D for a command that boots."""
    p.add_argument("--timeline", metavar="FILE.json",
                   help="write a Perfetto / chrome://tracing timeline of the run "
                        "(docs/timeline.md)")
    p.add_argument("--timeline-depth", type=int, default=0, metavar="D",
                   help="with --timeline: also show kernel functions, D calls deep (slow)")


def recorder_for(args):
    """The Recorder the options ask for, or None."""
    if not getattr(args, "timeline", None):
        if getattr(args, "timeline_depth", 0):
            raise TimelineError("--timeline-depth goes with --timeline FILE.json")
        return None
    return Recorder(args.timeline, args.timeline_depth)


def report(recorder, command):
    """Write the file and say what is in it (one line on stderr)."""
    import sys
    s = recorder.write()
    print(f"minos {command}: wrote the timeline {recorder.path} ({s['boots']} boot"
          f"{'s' if s['boots'] != 1 else ''}, {s['slices']:,} slices of which "
          f"{s['syscalls']:,} system calls, {s['instants']:,} instants; open it in "
          f"ui.perfetto.dev)", file=sys.stderr)
    return s


# --- checking a file -------------------------------------------------------------------

def check(data):
    """Check a timeline against the trace-event format: known phases,
    begin/end matched and nested on every track, times that never go back
    on a track (or a counter), flows matched. Returns summary(data);
    raises TimelineError naming the first problem."""
    if not isinstance(data, dict) or not isinstance(data.get("traceEvents"), list):
        raise TimelineError("not a trace: no traceEvents list")
    stacks, last, flows = {}, {}, {}
    for n, e in enumerate(data["traceEvents"]):
        ph = e.get("ph")
        if ph not in PHASES:
            raise TimelineError(f"event {n}: unknown phase {ph!r}")
        if ph == "M":
            continue
        track = (e["pid"], e.get("tid")) if ph != "C" else (e["pid"], "C", e["name"])
        ts = e.get("ts")
        if not isinstance(ts, int) or ts < last.get(track, 0):
            raise TimelineError(f"event {n} ({e['name']}): time {ts} before {last.get(track)} "
                                f"on its track {track}")
        last[track] = ts
        if ph == "B":
            stacks.setdefault(track, []).append(e["name"])
        elif ph == "E":
            stack = stacks.get(track)
            if not stack:
                raise TimelineError(f"event {n}: end of {e['name']!r} with nothing open on "
                                    f"{track}")
            top = stack.pop()
            if top != e["name"]:
                raise TimelineError(f"event {n}: end of {e['name']!r} while {top!r} is open "
                                    f"on {track}")
        elif ph == "s":
            flows[e["id"]] = flows.get(e["id"], 0) + 1
        elif ph == "f":
            if not flows.get(e["id"]):
                raise TimelineError(f"event {n}: flow {e['id']!r} ends before it starts")
            flows[e["id"]] -= 1
    open_ = {t: s for t, s in stacks.items() if s}
    if open_:
        track, stack = next(iter(open_.items()))
        raise TimelineError(f"{stack[-1]!r} is never ended on {track}")
    return summary(data)


def summary(data):
    """Counts: boots, slices (begin events not resumed), of which system
    calls, by call name, instants, counters, flows."""
    events = data["traceEvents"]
    begins = [e for e in events if e["ph"] == "B" and not e.get("args", {}).get("resumed")]
    calls = [e for e in begins if e.get("cat") == "syscall"]
    by_call = {}
    for e in calls:
        by_call[e["name"]] = by_call.get(e["name"], 0) + 1
    return {"boots": sum(1 for e in events if e["ph"] == "M" and e["name"] == "process_name"),
            "slices": len(begins), "syscalls": len(calls), "by_call": by_call,
            "processes": sum(1 for e in begins if e.get("cat") == "process"),
            "instants": sum(1 for e in events if e["ph"] == "i"),
            "counters": sum(1 for e in events if e["ph"] == "C"),
            "flows": sum(1 for e in events if e["ph"] == "f")}
