"""How each kind of step decides where to stop.

A stepper is asked `check(core, pc)` before every instruction the focused
core is about to run (the machine's 'insn' hook), after the previous one
has run, and answers whether to stop there. It sees what happened in
between: the previous instruction (a call?), and whether a trap was taken
(the engine's 'trap' hook tells it). That is what lets `step` follow a
`syscall` into the trap handler and out again through `iret`: the handler
is just code with a line table, in whatever program the core's ring and
address space select.
"""

from vm.isa import SP
from vm.trace import peek_insn
from .access import space_key
from .frames import in_trap_code

SYSCALL, BREAKPOINT = 7, 6


def events(core):
    """Instructions executed plus traps taken by one core (a syscall or brk
    is both an instruction and a trap: counted once)."""
    t = core.traps
    return core.instructions + sum(t) - t[SYSCALL] - t[BREAKPOINT]


def peek(core, pc):
    """The instruction at pc as the core would fetch it, or None."""
    d = peek_insn(core, pc)
    return None if isinstance(d, str) else d


def place(core):
    """What identifies 'the same thread, back here': ring and address space."""
    return (core.ring,) + space_key(core)


def program_has_no_function(engine, core, pc):
    """Whether pc is code with no function debug info (assembly) in the
    program running on core."""
    program = engine.programs.for_core(core)
    return program is not None and program.function_at(pc) is None


class Stepper:
    reason = "step"

    def __init__(self, engine, core):
        self.engine = engine
        self.core_id = core.id
        self.start_events = events(core)
        self._remember(core)
        self.ret = None           # (pc, sp, place) to run to, skipping what is in between

    def _remember(self, core):
        self.prev_pc = core.pc
        self.prev_insn = peek(core, core.pc)
        self.prev_sp = core.regs[SP]
        self.prev_place = place(core)

    def check(self, core, pc):
        if events(core) == self.start_events:
            return False          # still on the instruction we started at
        self.cause = self.engine.trap_cause(core)
        trapped = self.engine.take_trap_flag(core)
        try:
            return self.decide(core, pc, trapped)
        finally:
            self._remember(core)

    def returned(self, core, pc):
        """Whether we are back where a call (or trap) we skip returns to."""
        ret_pc, sp, where = self.ret
        return pc == ret_pc and core.regs[SP] == sp and place(core) == where

    def entered_call(self, pc):
        d = self.prev_insn
        return d is not None and d.insn.name in ("call", "callr") and pc != self.prev_pc + 8

    def skip_back_to(self, pc):
        self.ret = (pc, self.prev_sp, self.prev_place)

    def decide(self, core, pc, trapped):
        raise NotImplementedError


class StepInstruction(Stepper):
    """stepi: one instruction (or trap entry) on the focused core."""

    def decide(self, core, pc, trapped):
        return True


class NextInstruction(Stepper):
    """nexti: one instruction, but a call or a syscall runs to its return."""

    def decide(self, core, pc, trapped):
        if self.ret:
            return self.returned(core, pc)
        d = self.prev_insn
        if trapped and d is not None and d.insn.name == "syscall":
            self.skip_back_to(self.prev_pc + 8)
            return False
        if self.entered_call(pc):
            self.skip_back_to(self.prev_pc + 8)
            return False
        return True


class StepLine(Stepper):
    """step / next: run to the start of another source line (or of the
    same line in another frame). `over` (next) runs calls and system calls
    to their return; step goes into them if they have line information."""

    def __init__(self, engine, core, over):
        super().__init__(engine, core)
        self.over = over
        frame = engine.frames(core)[0]
        program = engine.programs.for_core(core)
        self.start_line = program.line_at(core.pc) if program else None
        self.start_cfa = frame.cfa
        self.start_trap = program is not None and in_trap_code(core, program, core.pc)
        self.into_body = None     # entered a function: stop at the end of its prologue
        # stepping in a library's upcall handler (exo): where the faulting
        # code resumes (frames.py unwinds through struct exoframe)
        frames = engine.frames(core)
        self.resume = {(f.pc, f.sp) for f in frames[1:] if f.level and (frames[f.level - 1].trap or "")
                       .startswith("upcall")}
        self.upcall_wait = False  # an exception went to the kernel: see if it comes back as an upcall
        self.lines = []

    def decide(self, core, pc, trapped):
        engine = self.engine
        if trapped and not self.over and engine.follow_call(core, self):
            return False          # an IPC call: the engine follows the message (follow.py)
        if self.resume and core.ring == 3 and (pc, core.regs[SP]) in self.resume:
            return True           # the upcall handler is done: the faulting code runs again
        if self.resume and (core.ring == 0 or program_has_no_function(engine, core, pc)):
            return False          # the upcall's stub and EXO_resume: on to the faulting code
        if trapped and engine.exo is not None and self.prev_place[0] == 3 \
                and self.cause in engine.exo.causes and not self.over:
            self.upcall_wait = True
        if self.upcall_wait:
            if core.ring != 3:
                return False
            self.upcall_wait = False
            exo = engine.exo
            slot = exo.env_slot(core)
            if slot is not None and pc == exo.upcall(slot):
                from .access import AddressSpace
                cause, bad, access, epc = exo.saved(AddressSpace.of_core(core))
                self.lines = [f"[upcall {exo.kind(cause)} to the library's handler: address {bad:#x}, "
                              f"epc {epc:#x}]"]
                return True
            trapped = False       # the kernel dealt with it: go on stepping here
        if self.ret:
            if not self.returned(core, pc):
                return False
            self.ret = None       # back in our frame, in the middle of a line: go on
        program = engine.programs.for_core(core)
        if trapped:
            if self.over:
                self.skip_back_to(core.csr[1])        # epc: where iret will come back to
                return False
            return bool(program and program.line_at(pc))
        if self.entered_call(pc):
            fn = program.function_at(pc) if program else None
            if self.over or not (program and program.line_at(pc)):
                self.skip_back_to(self.prev_pc + 8)
                return False
            if fn:
                self.into_body = program.after_prologue(fn)
                return pc == self.into_body
            return True
        if self.into_body is not None:
            if pc != self.into_body:
                return False
            self.into_body = None
            return True
        if not program or pc not in program.line_starts:
            return False
        line = program.line_starts[pc]
        cfa = engine.cfa_at(core, program, pc)
        if line != self.start_line or cfa != self.start_cfa:
            if self.over and cfa is not None and self.start_cfa is not None and cfa < self.start_cfa \
                    and not self.start_trap and place(core) == self.prev_place:
                return False      # a deeper frame reached without a call we saw (a jump): not ours
            return True
        return False


class UntilWait(Stepper):
    """After idle detection: let the timer's handler finish and stop at
    the `wfi` the idle loop goes back to (so the stop shows that loop), or
    after LIMIT events if it does not get there (then where it is)."""
    reason = "idle"
    LIMIT = 100_000

    def decide(self, core, pc, trapped):
        d = peek(core, pc)
        return d is not None and d.insn.name == "wfi" or events(core) - self.start_events > self.LIMIT


class Finish(Stepper):
    """finish / until: run until the selected frame returns (to `ret_pc`
    with sp back at `sp`), or until one of `targets` in the same frame."""
    reason = "finish"

    def __init__(self, engine, core, ret_pc, sp, where, targets=(), cfa=None):
        super().__init__(engine, core)
        self.ret = (ret_pc, sp, where)
        self.targets = set(targets)
        self.cfa = cfa

    def decide(self, core, pc, trapped):
        if pc in self.targets:
            program = self.engine.programs.for_core(core)
            cfa = self.engine.cfa_at(core, program, pc)
            if self.cfa is None or cfa is None or cfa >= self.cfa:
                self.reason = "step"
                return True
        if self.ret and self.returned(core, pc):
            return True
        return False

