"""The debugger engine: runs the machine until something the user asked
for happens, and answers questions about the stopped machine.

It drives the machine only through its public interface: run() with an
instruction budget, stop(), and the hooks ('insn' before each instruction,
'trap' on each trap, 'mem' after each load and store). Hooks are installed
only for as long as a command runs and only when needed, so `continue`
with nothing to watch runs at the machine's full speed; with breakpoints
only, the 'insn' hook is one set lookup per instruction.

While a command runs, `on_progress(run, engine)` (if set) is called every
`progress_every` instructions, at the same points in every run: the
terminal's live status line. With the kernel's process table readable
(`input_waiting`, set for a system), a run stops by itself when the
whole machine does nothing but wait for console input (see _idle_hook).

Everything here returns data (Stop, frames, values); shell/debugger/
turns it into text.
"""

from vm.errors import MinosError
from vm.isa import CAUSE, SP
from .access import space_key
from .calls import call_function
from .expr import Context, evaluate
from .frames import unwind
from .points import Breakpoint, Catchpoint, Location, Points, Watchpoint
from .stepping import Finish, NextInstruction, StepInstruction, StepLine, UntilWait, place
from .reverse import ReverseCommands
from .stop import Stop
from .symbols import DebugError
from .timeline import Timeline

DEFAULT_BUDGET = 50_000_000
PROGRESS_EVERY = 1_000_000      # instructions between two calls of on_progress
SYSCALL_CAUSE = CAUSE["syscall"]
TIMER_CAUSE = CAUSE["timer"]
WAITING_FOR_INPUT = "the machine is waiting for input: type it with `input`, or `continue` to wait"


def budget_message(used, budget):
    return (f"stopped after {used} instructions (the budget): `continue` runs {budget} more; "
            f"`set budget N` (or `minos debug --budget N`) changes it")


class DebugInput:
    """Console input typed through the debugger, logged with the position at
    which it was typed, so a replay delivers it at the same moment."""

    def __init__(self, position):
        self.position = position
        self.chunks = []            # (position typed, bytes)
        self.delivered = 0

    def read_nowait(self):
        out = bytearray()
        pos = self.position()
        while self.delivered < len(self.chunks) and self.chunks[self.delivered][0] <= pos:
            out += self.chunks[self.delivered][1]
            self.delivered += 1
        return bytes(out)

    def wait(self):
        return None                 # the debugger never blocks on input: the run stops 'idle'

    def feed(self, data):
        pos = self.position()
        # input typed in a future we went back from belongs to that future: forget it
        self.chunks = self.chunks[:self.delivered] + [c for c in self.chunks[self.delivered:] if c[0] <= pos]
        self.chunks.append((pos, bytes(data)))

    def pending(self):
        """Whether typed input has not reached the console yet."""
        return self.delivered < len(self.chunks)

    def save(self):
        return self.delivered

    def restore(self, n):
        self.delivered = n


class Engine(ReverseCommands):
    def __init__(self, machine, programs, on_output=None, snapshot_interval=20000,
                 budget=DEFAULT_BUDGET):
        self.machine = machine
        self.programs = programs
        self.on_output = on_output or (lambda data: None)
        self.budget = budget
        self.output_log = bytearray()
        machine.console.output = self._console_out
        self.input = DebugInput(self.position)
        machine.input = self.input
        self.timeline = Timeline(machine, self.output_log, self.input, snapshot_interval)
        self.points = Points()
        self.focus = 0
        self.selected = 0           # selected frame number
        self._frames = None
        self._trap_flags = {}
        self._stop = None
        self._interrupted = False
        self._forward = True        # detections count hits and stop (False while scanning)
        self._found = []            # scanning: positions of detections
        self._last_state = {}       # per core: (ring, ptbr, asid) for catch ring/switch
        self._last_exec = None
        self._start_mark = None
        self._stepper = None
        self._bp_pcs = {}
        self._value_watches = self._access_watches = []
        self._trap_catches = self._state_catches = []
        self.syscall_names = {}     # number -> name, for catch syscall (from the kernel's syscall.h)
        self.on_progress = None     # fn(instructions run, engine), every progress_every instructions
        self.progress_every = PROGRESS_EVERY
        # fn(engine) -> True if, by the OS's own tables, only console input can
        # wake the machine (no process runnable or sleeping on the clock);
        # None: no OS to ask (a bare machine stops 'idle' by itself)
        self.input_waiting = None
        self._waited_at = None      # position of the last stop for input ("continue to wait")
        self._idle_seen = {}        # per core: idle cycles at its previous interrupt
        self._idle_core = None      # the core whose timer tick found the machine idle
        self._views = {}            # "micro"/"exo" -> the kernel's tables (or None: not that kernel)
        self.followed = []          # follow.Followed: messages `step` followed into a server
        self.crossings = []         # follow.Crossing: each step or finish across a message

    # --- basic facts -------------------------------------------------------------------
    @property
    def core(self):
        return self.machine.cores[self.focus]

    def position(self):
        return self.timeline.position()

    def _console_out(self, data):
        self.output_log += data
        if not self.timeline.replaying:
            self.on_output(data)

    @property
    def micro(self):
        """kernel/micro's tables (microaware.MicroKernel), or None on another kernel."""
        return self._view("micro")

    @property
    def exo(self):
        """kernel/exo's tables (exoaware.ExoKernel), or None on another kernel."""
        return self._view("exo")

    def _view(self, kind):
        if kind not in self._views:
            from .exoaware import ExoKernel
            from .microaware import MicroKernel
            try:
                self._views[kind] = {"micro": MicroKernel, "exo": ExoKernel}[kind](self)
            except DebugError:
                self._views[kind] = None
        return self._views[kind]

    def trap_cause(self, core):
        return self._trap_flags.get(core.id)

    def follow_call(self, core, stepper):
        """At a trap taken while stepping: if it is an IPC system call from
        user mode on micro, follow it (follow.py: a message into the server
        that takes it, a reply into the client it answers) instead of
        stepping over it. True if it does."""
        mk = self.micro
        if mk is None or stepper.cause != SYSCALL_CAUSE or stepper.prev_place[0] != 3:
            return False
        from .follow import follow_syscall
        follower = follow_syscall(self, core, stepper)
        if follower is None:
            return False
        self._stepper = follower
        return True

    def _note_crossing(self, start):
        """After a command that stopped on the other side of a message
        (its stepper's `crossed`): remember where it started and stopped,
        for the reverse commands (follow.py)."""
        crossed = getattr(self._stepper, "crossed", None)
        if crossed is not None:
            crossed.before, crossed.after = start, self.position()
            self.crossings = [c for c in self.crossings if c.after != crossed.after] + [crossed]

    def take_trap_flag(self, core):
        return self._trap_flags.pop(core.id, None) is not None

    def feed_input(self, data):
        self.input.feed(data)
        self._waited_at = None
        if self.machine.halted == "idle":
            self.machine.halted = None
            self.machine.message = ""

    def set_focus(self, n):
        if not 0 <= n < len(self.machine.cores):
            raise DebugError(f"no core {n} (the machine has {len(self.machine.cores)})")
        self.focus = n
        self.invalidate()

    def invalidate(self):
        self._frames = None
        self.selected = 0
        self.programs.forget()

    # --- frames and expressions -----------------------------------------------------------
    def frames(self, core=None):
        if core is None or core is self.core:
            if self._frames is None:
                self._frames = unwind(self.core, self.programs, interrupted=self._upcall_entry(self.core))
            return self._frames
        return unwind(core, self.programs, interrupted=self._upcall_entry(core))

    def _upcall_entry(self, core):
        """On exo, at the first instruction of an env's upcall: the
        interrupted code's (pc, ring, registers, 'upcall: KIND'); its pc
        and t0 are in the save area (exoaware.py), the rest still in the
        registers. None anywhere else."""
        if core.ring != 3 or self.exo is None:
            return None
        exo = self.exo
        slot = exo.env_slot(core)
        if slot is None or core.pc != exo.upcall(slot):
            return None
        from .access import AddressSpace
        space = AddressSpace.of_core(core)
        cause, _, _, epc = exo.saved(space)
        regs = list(core.regs)
        regs[0], regs[7] = 0, space.word(exo.save + 40)
        return epc, 3, regs, "upcall: " + exo.kind(cause)

    def frame(self):
        frames = self.frames()
        return frames[min(self.selected, len(frames) - 1)]

    def select_frame(self, n):
        frames = self.frames()
        if not 0 <= n < len(frames):
            raise DebugError(f"no frame {n} (the stack has {len(frames)} frames)")
        self.selected = n
        return frames[n]

    def cfa_at(self, core, program, pc):
        fn = program.function_at(pc) if program else None
        if fn and pc >= fn.body and not fn.frameless:
            return (core.regs[13] + 8) & 0xFFFFFFFF
        return core.regs[SP]

    def context(self, frame=None, space=None):
        """The context of expressions the user types: they may call functions."""
        frame = frame or self.frame()
        program = frame.program or self.programs.for_core(self.core)
        ctx = Context(self.core, frame, program, space or frame.space,
                      program.symbolize if program else None)
        ctx.call = lambda name, fn, args: call_function(self, name, fn, args)
        return ctx

    def evaluate(self, text, frame=None, space=None):
        return evaluate(text, self.context(frame, space))

    def running(self):
        """What the focused core runs, for a progress line: its process
        (from the OS's tables) or program, and its ring."""
        core = self.core
        process = self.programs.process_of(core)
        program = self.programs.for_core(core)
        what = (f"process {process}" if process else
                f"{program.name}" if program else f"pc {core.pc:#x}")
        return f"core {core.id} in {what}, ring {core.ring}"

    def symbolize(self, addr, core=None):
        program = self.programs.for_core(core or self.core)
        return program.symbolize(addr) if program else None

    # --- points ---------------------------------------------------------------------------
    def add_breakpoint(self, spec, condition=None, temporary=False):
        return self.points.add(Breakpoint, kind="breakpoint", locations=self.locations(spec),
                               spec=str(spec), condition=condition, temporary=temporary)

    def locations(self, spec):
        """Where a breakpoint on `spec` stops, one Location per program that
        has it (libc's `write` is in every user program): `*ADDRESS` (in
        the program running now), `PROGRAM:*ADDRESS`, `PROGRAM:FUNCTION` or `PROGRAM:FILE:LINE`
        (that program only), `FILE:LINE` or `FUNCTION` (every program
        that has it)."""
        current = self.programs.for_core(self.core) or next(iter(self.programs), None)
        if spec.startswith("*"):
            return [Location(current, self.evaluate(spec[1:]).as_int() & 0xFFFFFFFF)]
        if current is None:
            raise DebugError("no debug information: use break *ADDRESS")
        name, _, rest = spec.partition(":")
        if rest.startswith("*") and self.programs.by_name(name) is not None:     # PROGRAM:*ADDRESS
            return [Location(self.programs.by_name(name), self.evaluate(rest[1:]).as_int() & 0xFFFFFFFF)]
        if rest and not rest.strip().isdigit():
            named = self.programs.by_name(name)
            if named is None:
                raise DebugError(f"bad location '{spec}': no program '{name}' is loaded "
                                 f"(PROGRAM:FUNCTION), and '{rest}' is not a line (FILE:LINE)")
            return [Location(named, a) for a in named.resolve_location(rest.strip())]
        found, error = [], None
        for program in self.programs:
            try:
                found += [Location(program, a) for a in program.resolve_location(spec)]
            except DebugError as e:
                if program is current:
                    error = e
        if not found:
            if len(self.programs.programs) == 1:
                raise error
            raise DebugError(f"{error}, nor in any other loaded program (info programs lists them)")
        return found

    def add_watchpoint(self, expr, access="write"):
        v = self.evaluate(expr)
        if v.addr is None:
            raise DebugError(f"cannot watch '{expr}': it is not in memory")
        size = v.type.byte_size or 4
        space = v.space or self.frame().space
        pieces, at = [], 0
        while at < size:
            chunk = min(size - at, 4096 - ((v.addr + at) & 0xFFF))
            pieces.append((space.translate(v.addr + at), chunk))
            at += chunk
        core = self.core
        w = self.points.add(Watchpoint, kind="watchpoint", expr=expr, access=access, vaddr=v.addr,
                            size=size, paddrs=pieces, ctype=v.type,
                            space_key=space_key(core))
        w.old = self._watched_bytes(w)
        return w

    def add_catchpoint(self, event, filter=None, label=""):
        return self.points.add(Catchpoint, kind="catchpoint", event=event, filter=filter, label=label)

    def _watched_bytes(self, w):
        ram = self.machine.memory.ram
        return b"".join(bytes(ram[p:p + n]) for p, n in w.paddrs)

    # --- running ----------------------------------------------------------------------------
    def interrupt(self):
        """^C: stop the running machine at the next instruction boundary."""
        self._interrupted = True
        self.machine.stop()

    def cont(self, budget=None):
        return self._resume(None, budget)

    def _steps(self, n, stepper):
        """n steps, each with a new stepper(); a stop for another reason ends them."""
        stop = None
        for _ in range(n):
            stop = self._resume(stepper())
            if stop.reason != "step":
                break
        return stop

    def stepi(self, n=1):
        return self._steps(n, lambda: StepInstruction(self, self.core))

    def nexti(self, n=1):
        return self._steps(n, lambda: NextInstruction(self, self.core))

    def step(self, n=1, over=False):
        return self._steps(n, lambda: StepLine(self, self.core, over))

    def finish(self):
        frames = self.frames()
        frame = frames[self.selected] if self.selected < len(frames) else frames[-1]
        if frame.level + 1 >= len(frames):
            raise DebugError('"finish" not meaningful in the outermost frame')
        caller = frames[frame.level + 1]
        followed = self._followed_here(frame)
        if followed is not None:         # a server's handler: back to the caller of the message
            from .follow import ReturnToSender
            return self._resume(ReturnToSender(self, self.core, followed))
        sp = frame.cfa if not frame.frameless else caller.sp
        if caller.function is None and (caller.trap or "").startswith("upcall") \
                and caller.level + 1 < len(frames):
            caller = frames[caller.level + 1]          # a library's upcall handler: back to the faulting code
            sp = caller.sp
        where = (caller.ring,) + space_key(self.core)
        stop = self._resume(Finish(self, self.core, caller.pc, sp, where))
        if stop.reason == "finish" and frame.function:
            stop.value_type = frame.function.ret
        return stop

    def _followed_here(self, frame):
        """The followed message whose server thread runs here, if the frame
        is the handler the step stopped in or an outer one."""
        if not self.followed or self.micro is None or self.core.ring != 3:
            return None
        mk = self.micro
        # (a caller that got its reply some other way, `continue`, is no longer followed)
        self.followed = [r for r in self.followed if mk.waiting_call(r.sender) == r.call]
        if not self.followed:
            return None
        r = self.followed[-1]
        if self.micro.current_tcb(self.core) == r.receiver and frame.cfa is not None and frame.cfa >= r.cfa:
            return r
        return None

    def until(self, spec):
        """Run until a location in the current frame is reached, or it returns."""
        frames = self.frames()
        frame = frames[0]
        program = frame.program
        if program is None:
            raise DebugError("no debug information here")
        targets = program.resolve_location(spec)
        if len(frames) > 1:
            caller = frames[1]
            ret = (caller.pc, frame.cfa, (caller.ring,) + space_key(self.core))
        else:
            ret = (None, None, None)
        f = Finish(self, self.core, *ret, targets=targets, cfa=frame.cfa)
        if ret[0] is None:
            f.ret = None
        return self._resume(f)

    def _resume(self, stepper, budget=None):
        m = self.machine
        if m.halted and m.halted != "idle":
            raise DebugError(f"the machine is not running ({m.halted}: {m.message or 'powered off'})")
        self.invalidate()
        budget = budget or self.budget
        self._stop = None
        self._interrupted = False
        self._stepper = stepper
        self._trap_flags.clear()
        core = self.core
        self._start_mark = (core.id, core.instructions, core.pc)
        self._last_state = {c.id: (c.ring, place(c)) for c in m.cores}
        self._last_exec = None
        self._forward = True
        hooks = self._install(stepper is not None)
        hooks += self._install_idle()
        start = self.position()
        report_at = self.progress_every
        try:
            while True:
                used = self.position() - start
                if used >= report_at:
                    report_at = (used // self.progress_every + 1) * self.progress_every
                    if self.on_progress:
                        self.on_progress(used, self)
                if self._interrupted:
                    return Stop("signal", self.focus, ["Program stopped (interrupted)."])
                if self.timeline.due():
                    self.timeline.take()
                if used >= budget:
                    return Stop("limit", self.focus, [budget_message(used, budget)])
                result = m.run(max_instructions=min(budget - used, self.timeline.next_due(),
                                                    report_at - used))
                if result.reason == "limit":
                    continue
                if self._idle_core is not None and self._stop is None:
                    hooks = self._run_to_wait(hooks)
                    continue
                stop = self._result_stop(result)
                if stop.reason == "idle":
                    stop.lines = [WAITING_FOR_INPUT]
                    self._waited_at = self.position()
                self._note_crossing(start)
                return stop
        finally:
            self._uninstall(hooks)
            self._stepper = None
            self._idle_core = None
            self.invalidate()

    # --- waiting for input ---------------------------------------------------------------
    def _install_idle(self):
        """The trap hook that notices an idle machine, unless there is no OS
        to ask or the user chose to wait (`continue` right after the stop)."""
        if self.input_waiting is None or self._waited_at == self.position():
            return []
        self._idle_seen = {c.id: c.idle_cycles for c in self.machine.cores}
        hook = self._idle_hook          # one bound method: remove_hook matches it by identity
        self.machine.add_hook("trap", hook)
        return [("trap", hook)]

    def _idle_hook(self, core, cause, epc):
        """At a timer interrupt: if the core slept in wfi since its last
        interrupt, every other core sleeps with nothing pending, no input,
        disk transfer or other interrupt is on its way, and the OS says
        the tick will wake no process, then nothing but console input can
        change anything but the clock: stop instead of running the idle
        loop through the whole budget."""
        waited = core.idle_cycles != self._idle_seen.get(core.id)
        self._idle_seen[core.id] = core.idle_cycles
        if cause != TIMER_CAUSE or not waited or self._stop is not None or not self._forward:
            return
        m = self.machine
        if (core.ipend or m.console.rx or m.console.sending or self.input.pending()
                or m.disk.next_event() is not None):
            return
        if not all(c.waiting and not c.ipend for c in m.cores if c is not core):
            return
        try:
            if not self.input_waiting(self):
                return
        except MinosError:
            return
        self._idle_core = core.id
        m.stop()

    def _run_to_wait(self, hooks):
        """Idle found at a timer interrupt: run its handler on to the idle
        loop's wfi, where the stop is shown."""
        self._uninstall(hooks)
        core = self.machine.cores[self._idle_core]
        self.focus = core.id
        self._stepper = UntilWait(self, core)
        hooks = self._install(True)
        self._idle_core = None
        return hooks

    def _result_stop(self, result):
        if result.reason == "stopped":
            if self._stop:
                stop = self._stop
                self.focus = stop.core
                return stop
            return Stop("signal", self.focus, ["Program stopped (interrupted)."])
        if result.reason == "halt":
            return Stop("halt", self.focus, [f"[machine powered off with exit code {result.exit_code}]"],
                        exit_code=result.exit_code)
        if result.reason == "idle" and self.machine.console.rx_irq:
            return Stop("idle", self.focus)     # it sleeps until the console interrupts: input
        return Stop(result.reason, self.focus, [f"[machine stopped: {result.message or result.reason}]"])

    # --- hooks --------------------------------------------------------------------------------
    def _install(self, stepping):
        m = self.machine
        points = self.points.enabled()
        self._bp_pcs = {}
        for p in points:
            if isinstance(p, Breakpoint):
                for loc in p.locations:
                    self._bp_pcs.setdefault(loc.addr, []).append((p, loc.program))
        self._value_watches = [p for p in points if isinstance(p, Watchpoint) and p.access == "write"]
        self._access_watches = [p for p in points if isinstance(p, Watchpoint) and p.access != "write"]
        catches = [p for p in points if isinstance(p, Catchpoint)]
        self._trap_catches = [c for c in catches if c.event in ("syscall", "trap", "ipc")]
        self._state_catches = [c for c in catches if c.event in ("ring", "switch", "ipc", "upcall")]
        for w in self._value_watches:
            w.old = self._watched_bytes(w)
        hooks = []
        if stepping or self._bp_pcs or self._value_watches or self._access_watches or self._state_catches:
            hooks.append(("insn", self._insn_hook))
        if stepping or self._trap_catches:
            hooks.append(("trap", self._trap_hook))
        if self._access_watches:
            hooks.append(("mem", self._mem_hook))
        for kind, fn in hooks:
            m.add_hook(kind, fn)
        return hooks

    def _uninstall(self, hooks):
        for kind, fn in hooks:
            self.machine.remove_hook(kind, fn)

    def _found_stop(self, stop):
        """A detection: stop the machine (running) or note where (scanning)."""
        if self._forward:
            if self._stop is None:
                self._stop = stop
                self.machine.stop()
        else:
            self._found.append((self.position(), stop))

    def _insn_hook(self, core, pc):
        if self._value_watches:
            self._check_values()
        if self._state_catches:
            self._check_state(core)
        bps = self._bp_pcs.get(pc)
        if bps and (core.id, core.instructions, pc) != self._start_mark:
            self._check_breakpoints(core, pc, bps)
        stepper = self._stepper
        if stepper is not None and stepper.core_id in (None, core.id) and self._stop is None:
            if stepper.check(core, pc):
                self._found_stop(Stop(self._stepper.reason, core.id, list(getattr(self._stepper, "lines", []))))
        self._last_exec = (core.id, pc)

    def _trap_hook(self, core, cause, epc):
        self._trap_flags[core.id] = cause
        for c in self._trap_catches:
            if c.event == "syscall" and cause == SYSCALL_CAUSE:
                number = core.regs[7]          # t0: the system-call number (kernel/include/syscall.h)
                if c.filter is None or c.filter == number:
                    self._hit(c, core, [f"Catchpoint {c.number} (syscall {self.syscall_label(number)}) "
                                        f"on core {core.id}, from {epc - 8:#x}"])
            elif c.event == "ipc" and cause == SYSCALL_CAUSE:
                what = c.filter.at_trap(core)
                if what:
                    self._hit(c, core, [f"Catchpoint {c.number} ({what}) on core {core.id}"])
            elif c.event == "trap" and (c.filter is None or c.filter == cause):
                self._hit(c, core, [f"Catchpoint {c.number} (trap {self.machine.cause_name(cause)}) "
                                    f"on core {core.id}, epc {epc:#x}"])

    def _mem_hook(self, core, vaddr, size, access, value):
        key = space_key(core)
        for w in self._access_watches:
            if vaddr < w.vaddr + w.size and w.vaddr < vaddr + size and key == w.space_key:
                if access == 0 or w.access == "access":
                    verb = "read" if access == 0 else "write"
                    v = self._watch_value(w, self._watched_bytes(w))
                    self._hit(w, core, [f"Hardware {'read' if w.access == 'read' else 'access (read/write)'} "
                                        f"watchpoint {w.number}: {w.expr}", "",
                                        f"Value = {v}" if verb == "read" else f"New value = {v}",
                                        f"({verb} by the instruction at {core.pc:#x} on core {core.id})"])

    def _check_values(self):
        for w in self._value_watches:
            now = self._watched_bytes(w)
            if now != w.old:
                old, w.old = w.old, now
                who = self._last_exec
                writer = "written"
                if who:
                    sym = self.symbolize(who[1])
                    writer = (f"written by the instruction at {who[1]:#x}" + (f" <{sym}>" if sym else "")
                              + f" on core {who[0]}")
                self._hit(w, self.machine.cores[who[0]] if who else self.core,
                          [f"Hardware watchpoint {w.number}: {w.expr}", "",
                           f"Old value = {self._watch_value(w, old)}",
                           f"New value = {self._watch_value(w, now)}", f"({writer})"])

    def _watch_value(self, w, data):
        from .values import Value, format_value
        return format_value(Value(w.ctype, data), None)

    def _check_state(self, core):
        now = (core.ring, place(core))
        before = self._last_state.get(core.id)
        self._last_state[core.id] = now
        if before is None or before == now:
            return
        for c in self._state_catches:
            if c.event == "ring" and before[0] != now[0]:
                self._hit(c, core, [f"Catchpoint {c.number} (ring {before[0]} -> {now[0]}) on core {core.id}"])
            elif c.event in ("ipc", "upcall") and before[0] == 0 and now[0] == 3:
                what = c.filter.at_user_entry(core)
                if what:
                    self._hit(c, core, [f"Catchpoint {c.number} ({what}) on core {core.id}"])
            elif c.event == "switch" and before[1][1:] != now[1][1:]:
                old, new = before[1], now[1]
                self._hit(c, core, [f"Catchpoint {c.number} (address space switch on core {core.id}: "
                                    f"ptbr {old[1] or 0:#x} asid {old[2]} -> ptbr {new[1] or 0:#x} asid {new[2]})"])

    def _check_breakpoints(self, core, pc, bps):
        if any(program is not None and program.scope.by_process for _, program in bps):
            self.programs.forget()      # which program an address space runs changes with exec
        for bp, program in bps:
            if program is not None and not self.programs.applies(program, core):
                continue
            if bp.condition:
                try:
                    frame = unwind(core, self.programs, limit=1)[0]
                    ctx = Context(core, frame, frame.program or program, frame.space)
                    ctx.why_no_calls = "a breakpoint condition is evaluated while the machine runs"
                    if not evaluate(bp.condition, ctx).as_int():
                        continue
                except MinosError as e:
                    self._hit(bp, core, [f"Error in the condition of breakpoint {bp.number}: {e}"])
                    return
            where = f"Breakpoint {bp.number}" if not bp.temporary else "Temporary breakpoint " + str(bp.number)
            self._hit(bp, core, [where])
            return

    def _hit(self, point, core, lines):
        if self._forward:
            if self._stop is not None:
                return
            point.hits += 1
            if point.temporary:
                self.points.delete(point.number)
        self._found_stop(Stop(point.kind, core.id, lines, point))

    # --- naming things ------------------------------------------------------------------------------
    def syscall_label(self, number):
        name = self.syscall_names.get(number)
        return f"{number} {name}" if name else str(number)
