"""Following control where it goes between address spaces: a message
into the server that receives it (micro), and back with the reply.

`step` over an IPC call (SYS_call, kernel/include/ipc.h) does not stop
in the kernel: FollowMessage runs, on any core, until the thread that
took the call — the tcb whose `caller` is the sender's (kernel/micro/
micro.h) — is back in user mode and enters a function with line
information: the server's handler (serve() calls handle(&m)). The
engine keeps a Followed record; `finish` in that server (in the frame
where the step stopped, or an outer one) runs ReturnToSender: on to the
instruction after the sender's `syscall`, in the sender's address space
and with its sp, where the reply is in its registers.
"""

from dataclasses import dataclass

from vm.isa import SP
from .stepping import Stepper, place


@dataclass
class Followed:
    sender: int          # the caller's tcb
    back: tuple          # (pc, sp, place) the caller resumes at
    receiver: int = 0    # the server thread's tcb
    cfa: int = 0         # the handler frame's cfa where the step stopped
    where: tuple = None  # the server's place (ring 3, its address space)
    what: str = ""       # the message
    call: int = None     # the caller's tcb.callseq for this call (microaware.waiting_call)


class AnyCore(Stepper):
    """A stepper that watches every core (the other side of a message may
    run anywhere), noticing each core's entries into ring 3."""

    def __init__(self, engine, core):
        super().__init__(engine, core)
        self.core_id = None
        self.origin = core.id
        self.ring = {c.id: c.ring for c in engine.machine.cores}
        self.current = {}        # core id -> the tcb it runs in ring 3

    def check(self, core, pc):
        if core.id == self.origin and self.start_events is not None:
            if core.instructions + sum(core.traps) == self.start_mark:
                return False
            self.start_events = None
        entered = core.ring == 3 and self.ring.get(core.id) != 3
        self.ring[core.id] = core.ring
        if core.ring != 3:
            return False
        if entered or core.id not in self.current:
            self.current[core.id] = self.engine.micro.current_tcb(core)
        return self.decide(core, pc, self.current[core.id], entered)

    def _remember(self, core):
        super()._remember(core)
        self.start_mark = core.instructions + sum(core.traps)


class FollowMessage(AnyCore):
    def __init__(self, engine, core, sender, back, what):
        super().__init__(engine, core)
        self.record = Followed(sender, back, what=what)
        self.entry = None
        self.lines = []

    def decide(self, core, pc, tcb, entered):
        mk = self.engine.micro
        r = self.record
        if not r.receiver:
            if tcb == r.sender and pc == r.back[0]:
                self.lines = [f"[the call came back without a server taking it: a0 = {core.regs[1]}]"]
                return True
            if not entered or mk.caller_of(tcb) != r.sender:
                return False
            r.receiver, r.where, r.call = tcb, place(core), mk.waiting_call(r.sender)
        if tcb != r.receiver:
            return False
        program = self.engine.programs.for_core(core)
        if program is None:
            return False
        if self.entry is None:
            fn = program.function_at(pc)
            if fn is None or pc != fn.low:
                return False
            self.entry = program.after_prologue(fn)
        if pc != self.entry:
            return False
        r.cfa = self.engine.cfa_at(core, program, pc)
        self.engine.followed.append(r)
        tasks = mk.tasks()
        self.lines = [f"[message {r.what} from {mk.task_name(tasks, mk.task_of(r.sender))} "
                      f"taken by {mk.task_name(tasks, mk.task_of(r.receiver))}: "
                      f"`finish` returns to the caller with the reply]"]
        return True


class ReturnToSender(AnyCore):
    """finish in a followed server: run until the caller resumes."""
    reason = "finish"

    def __init__(self, engine, core, record):
        super().__init__(engine, core)
        self.record = record
        self.lines = []

    def decide(self, core, pc, tcb, entered):
        ret_pc, sp, where = self.record.back
        if pc != ret_pc or core.regs[SP] != sp or place(core) != where:
            return False
        mk = self.engine.micro
        self.engine.followed.remove(self.record)
        self.lines = [f"[back in {mk.task_name(mk.tasks(), mk.task_of(self.record.sender))} with the reply: "
                      f"a0 = {core.regs[1]}, {mk.describe(core.regs[2:7])}]"]
        return True
