"""Following control where it goes between address spaces: a message
into the server that receives it (micro), and back with the reply.

`step` on an IPC system call (kernel/include/ipc.h) from user mode does
not stop in the kernel (follow_syscall picks the stepper):

  - call, send, nbsend: FollowMessage runs, on any core, until the thread
    that took the message is back in user mode and, for a call, enters a
    function with line information: the server's handler (serve() calls
    handle(&m)); for a send, reaches a line of C (a receiver's own loop
    takes the message up there). Which thread took it: for a call, the tcb whose `caller`
    is the sender's (kernel/micro/micro.h); for a send, the receiver
    waiting at the head of the endpoint's queue, or, if none waited, the
    first thread back in user mode once the sender's send is done. A
    call's Followed record is kept by the engine: `finish` in that server
    (in the frame where the step stopped, or an outer one) runs
    ReturnToSender: on to the instruction after the sender's `syscall`,
    in the sender's address space and with its sp, where the reply is in
    its registers. (A send has no reply: a finish there is an ordinary
    one.)
  - reply, replyrecv, by a server thread that has a caller to answer:
    FollowReply runs until that caller is back in user mode, after its
    call, with the reply in its registers.
  - signal: it wakes a thread (or leaves its bits in the notification's
    word) and its sender goes on: the step says whom it wakes and steps
    over it, on in the sender.

Each crossing (a step into a server, a finish or step back into a
client) is remembered with the positions before and after it
(Crossing): the reverse commands cross back (reverse-step from where a
crossing stopped returns to where its command started; reverse-finish
in a followed handler returns to the sender's call), and the engine's
followed records are those of the crossings into a server made before
the position it arrives at, not yet crossed back (restore_followed).
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
    reply: bool = True   # a call (a reply comes back), not a send


@dataclass
class Crossing:
    before: int          # the timeline position where the command started
    after: int           # the position where it stopped, on the other side
    record: Followed     # the message
    entered: bool        # True: into the server; False: back into the client


def follow_syscall(engine, core, stepper):
    """At an IPC system call trapped from user mode while stepping: the
    stepper that follows it (for a signal, the same one, told to step
    over it, its lines saying whom it wakes), or None: not one to follow."""
    mk = engine.micro
    number = core.regs[7]
    tcb = mk.current_tcb(core)
    what = mk.describe(core.regs[2:7])
    back = (core.csr[1], stepper.prev_sp, stepper.prev_place)
    if number == mk.sys["call"]:
        return FollowMessage(engine, core, tcb, back, what)
    if number in (mk.sys["send"], mk.sys["nbsend"]):
        ep = mk.endpoint_of(tcb, core.regs[1])
        if ep is None:
            return None
        return FollowMessage(engine, core, tcb, back, what, head=mk.receivers_head(ep))
    if number in (mk.sys["reply"], mk.sys["replyrecv"]) and mk.caller_of(tcb):
        return FollowReply(engine, core, tcb, mk.caller_of(tcb), what)
    if number == mk.sys["signal"]:
        stepper.lines = [mk.signal_note(tcb, core.regs[1])]
        stepper.skip_back_to(stepper.prev_pc + 8)       # over it, in the sender
        return stepper
    return None


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
    """step on a call or a send: into the handler of the thread that takes
    the message. head: for a send, the receiver waiting at the head of the
    endpoint's queue (0: none waited)."""

    def __init__(self, engine, core, sender, back, what, head=None):
        super().__init__(engine, core)
        self.record = Followed(sender, back, what=what, reply=head is None)
        self.head = head
        self.entry = None
        self.lines = []
        self.crossed = None

    def taker(self, mk, tcb):
        """Whether tcb, back in user mode, is the thread that took the message."""
        r = self.record
        if tcb == r.sender:
            return False
        if r.reply:
            return mk.caller_of(tcb) == r.sender
        if self.head:
            return tcb == self.head
        return mk.state_of(r.sender) != "SEND"

    def decide(self, core, pc, tcb, entered):
        mk = self.engine.micro
        r = self.record
        if not r.receiver:
            if tcb == r.sender and pc == r.back[0] and (r.reply or core.regs[1] != 0):
                self.lines = [f"[the {'call' if r.reply else 'send'} came back without a server "
                              f"taking it: a0 = {core.regs[1]}]"]
                return True
            if not entered or not self.taker(mk, tcb):
                return False
            r.receiver, r.where = tcb, place(core)
            r.call = mk.waiting_call(r.sender) if r.reply else None
        if tcb != r.receiver:
            return False
        program = self.engine.programs.for_core(core)
        if program is None:
            return False
        if not r.reply:                 # a send: where the receiver's C code takes it up
            if program.function_at(pc) is None or pc not in program.line_starts:
                return False
        elif self.entry is None:        # a call: the server's handler, after its prologue
            fn = program.function_at(pc)
            if fn is None or pc != fn.low:
                return False
            self.entry = program.after_prologue(fn)
        if r.reply and pc != self.entry:
            return False
        r.cfa = self.engine.cfa_at(core, program, pc)
        tasks = mk.tasks()
        taken = (f"[message {r.what} from {mk.task_name(tasks, mk.task_of(r.sender))} "
                 f"taken by {mk.task_name(tasks, mk.task_of(r.receiver))}: ")
        if r.reply:
            self.engine.followed.append(r)
            self.lines = [taken + "`finish` returns to the caller with the reply]"]
        else:
            self.lines = [taken + "a send, no reply comes back]"]
        self.crossed = Crossing(0, 0, r, True)
        return True


class ReturnToSender(AnyCore):
    """finish in a followed server: run until the caller resumes."""
    reason = "finish"

    def __init__(self, engine, core, record):
        super().__init__(engine, core)
        self.record = record
        self.lines = []
        self.crossed = None

    def decide(self, core, pc, tcb, entered):
        ret_pc, sp, where = self.record.back
        if pc != ret_pc or core.regs[SP] != sp or place(core) != where:
            return False
        self.crossed = back_in_client(self.engine, core, self.record, self.lines)
        return True


def back_in_client(engine, core, record, lines):
    """The caller of a followed message runs again, with the reply: it is
    no longer followed; its Crossing back; lines say so."""
    mk = engine.micro
    if record in engine.followed:
        engine.followed.remove(record)
    lines[:] = [f"[back in {mk.task_name(mk.tasks(), mk.task_of(record.sender))} with the reply: "
                f"a0 = {core.regs[1]}, {mk.describe(core.regs[2:7])}]"]
    return Crossing(0, 0, record, False)


class FollowReply(AnyCore):
    """step on a reply or replyrecv: on into the caller it answers, where
    it resumes after its call with the reply."""

    def __init__(self, engine, core, server, caller, what):
        super().__init__(engine, core)
        followed = [r for r in engine.followed if r.sender == caller]
        self.record = followed[-1] if followed else Followed(caller, None, receiver=server, what=what)
        self.caller = caller
        self.lines = []
        self.crossed = None

    def decide(self, core, pc, tcb, entered):
        if tcb != self.caller:
            return False
        self.crossed = back_in_client(self.engine, core, self.record, self.lines)
        return True


def restore_followed(engine, position):
    """The engine's followed records at a position the reverse commands
    arrived at: the calls crossed into before it and not crossed back."""
    state = {}
    for c in sorted(engine.crossings, key=lambda c: c.after):
        if c.after <= position and c.record.reply:
            state[id(c.record)] = c.record if c.entered else None
    engine.followed = [r for r in state.values() if r is not None]


def crossing_to_undo(engine, position):
    """The crossing whose command stopped at position, if any (the latest)."""
    found = [c for c in engine.crossings if c.after == position]
    return found[-1] if found else None
