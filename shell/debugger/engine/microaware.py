"""Micro awareness (issue 15): reading kernel/micro's own tables by name,
through the kernel's debug info, so the debugger can show servers, who
waits on whom, and follow a message.

The tables are kernel/micro's globals (kernel/micro/micro.h): `tasks[]`
(struct task: name, address space, capability slots), `tcbs[]` (struct
tcb, one per core thread: tcbs[i] belongs to threads[i]), `endpoints[]`
and `ntfns[]`; core's `threads[]` and `cpus[]` say what each core runs.
Field offsets come from the debug info (no offsets are written here);
the kernel's data is mapped at its physical address, so it is read
physically. The numbers (SYS_*, CAP_*, RIGHT_*, IPC states) come from
kernel/include/ipc.h and micro.h's enum, message labels from
servers/include/proto.h and ipc.h's LABEL_* (`label_names`): one fact,
one place.
"""

import os
import re
from dataclasses import dataclass, field

from .symbols import DebugError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
IPC_H = os.path.join(ROOT, "kernel", "include", "ipc.h")
PROTO_H = os.path.join(ROOT, "servers", "include", "proto.h")
SYSCALL_H = os.path.join(ROOT, "kernel", "include", "syscall.h")
TABLES = ("tasks", "tcbs", "endpoints", "ntfns", "threads", "cpus")


def _defines(path, pattern):
    """{NAME: value} of `#define NAME VALUE` lines of a header whose value
    matches pattern (a regular expression with one group: the number)."""
    try:
        with open(path) as f:
            text = f.read()
    except OSError:
        return {}
    return {m.group(1): int(m.group(2), 0)
            for m in re.finditer(rf"^#define\s+(\w+)\s+{pattern}", text, re.M)}


def numbers(prefix):
    """NAME -> value of ipc.h's `#define PREFIXname N` (without the prefix)."""
    return {k[len(prefix):]: v for k, v in _defines(IPC_H, r"(\d+)\b").items() if k.startswith(prefix)}


def label_names():
    """label -> name: proto.h's request labels (hex defines below 0x8000,
    not a range's _FIRST/_LAST) and ipc.h's LABEL_* (the kernel's own)."""
    names = {}
    for path in (PROTO_H, IPC_H):
        for name, value in _defines(path, r"(0x[0-9A-Fa-f]+)\b(?!u)").items():
            if value < 0x8000 and not name.endswith(("_FIRST", "_LAST")) and \
                    (path == PROTO_H or name.startswith("LABEL_")):
                names.setdefault(value, name)
    return names


@dataclass
class Cap:
    slot: int
    type: int
    rights: int
    badge: int
    obj: int


@dataclass
class Task:
    slot: int
    addr: int
    name: str
    nthread: int
    pagetable: int
    asid: int
    caps: list = field(default_factory=list)


@dataclass
class Tcb:
    index: int
    addr: int
    thread: int          # its struct thread
    tid: int
    task: int            # its struct task (0: none)
    state: str           # IPC_* without the prefix
    tstate: int          # core's enum threadstate
    obj: int
    next: int
    call: int
    badge: int
    caller: int
    fault: int
    tf: int              # its trap frame (the user registers)


class MicroKernel:
    """kernel/micro's tables in one machine, by the kernel's debug info."""

    def __init__(self, engine):
        self.engine = engine
        self.machine = engine.machine
        self.program = None
        for p in engine.programs:
            if p.scope.ring in (0, None) and all(p.global_var(n) is not None for n in TABLES):
                self.program = p
                break
        if self.program is None:
            raise DebugError("this needs kernel/micro's debug info (its tasks, tcbs and endpoints "
                             "tables); none of the loaded programs has them")
        self.g = {}                      # table -> (address, element size, length, element type)
        for name in TABLES:
            v = self.program.global_var(name)
            t = v.type.strip()
            self.g[name] = (v.loc["addr"], t.target.byte_size, t.length or 0, t.target.strip())
        self.sys = numbers("SYS_")
        self.captypes = {v: k for k, v in numbers("CAP_").items() if k not in ("NONE",)}
        self.labels = label_names()
        enum = self.g["tcbs"][3].field("state")[0].strip()
        self.ipcstates = {v: k.replace("IPC_", "") for k, v in (enum.constants or ())}

    # --- raw reads ------------------------------------------------------------
    def word(self, addr):
        return int.from_bytes(self.machine.read_phys(addr, 4), "little")

    def off(self, table, *path):
        t, total = self.g[table][3], 0
        for name in path:
            found = t.field(name)
            if found is None:
                raise DebugError(f"kernel/micro's struct has no field '{name}' (debug info changed?)")
            t, o = found
            t = t.strip()
            total += o
        return total

    def element(self, table, i):
        base, size, _, _ = self.g[table]
        return base + i * size

    def index(self, table, addr):
        base, size, n, _ = self.g[table]
        if addr and base <= addr < base + size * n and (addr - base) % size == 0:
            return (addr - base) // size
        return None

    # --- the tables -------------------------------------------------------------
    def tasks(self):
        out = []
        for i in range(self.g["tasks"][2]):
            a = self.element("tasks", i)
            if not self.word(a + self.off("tasks", "used")):
                continue
            name = self.machine.read_phys(a + self.off("tasks", "name"), 16).split(b"\0")[0]
            asp = self.word(a + self.off("tasks", "as"))
            pt = asid = 0
            if asp:
                as_type = self.g["tasks"][3].field("as")[0].strip().target.strip()
                pt = self.word(asp + as_type.field("pagetable")[1])
                asid = self.word(asp + as_type.field("asid")[1])
            slots = (self.cap(a, slot) for slot in range(self.g["tasks"][3].field("caps")[0].strip().length))
            caps = [Cap(slot, *c) for slot, c in enumerate(slots) if c[0]]
            out.append(Task(i, a, name.decode("latin-1"), self.word(a + self.off("tasks", "nthread")),
                            pt, asid, caps))
        return out

    def tcb(self, i):
        a = self.element("tcbs", i)
        t = self.word(a + self.off("tcbs", "t"))
        if not t:
            return None
        th = self.g["threads"][3]
        return Tcb(i, a, t, self.word(t + th.field("tid")[1]), self.word(a + self.off("tcbs", "task")),
                   self.ipcstates.get(self.word(a + self.off("tcbs", "state")), "?"),
                   self.word(t + th.field("state")[1]), self.word(a + self.off("tcbs", "obj")),
                   self.word(a + self.off("tcbs", "next")), self.word(a + self.off("tcbs", "call")),
                   self.word(a + self.off("tcbs", "badge")), self.word(a + self.off("tcbs", "caller")),
                   self.word(a + self.off("tcbs", "fault")), self.word(t + th.field("tf")[1]))

    def tcbs(self):
        """The tcbs of live threads that belong to a task."""
        out = []
        for i in range(self.g["tcbs"][2]):
            tcb = self.tcb(i)
            if tcb is not None and tcb.task and tcb.tstate not in (0, 5):     # UNUSED, ZOMBIE
                out.append(tcb)
        return out

    def running_thread(self, core):
        """The struct thread core runs now (0: none)."""
        return self.word(self.element("cpus", core.id) + self.off("cpus", "thread"))

    def tcb_of_thread(self, thread):
        i = self.index("threads", thread)
        return self.element("tcbs", i) if i is not None else 0

    def current_tcb(self, core):
        return self.tcb_of_thread(self.running_thread(core))

    def caller_of(self, tcb_addr):
        return self.word(tcb_addr + self.off("tcbs", "caller"))

    def waiting_call(self, tcb_addr):
        """The number of the call a thread waits for the reply to (its
        tcb.callseq: it counts its calls), or None if it waits for none."""
        a = tcb_addr + self.off("tcbs", "state")
        if self.ipcstates.get(self.word(a)) != "REPLY":
            return None
        return self.word(tcb_addr + self.off("tcbs", "callseq"))

    def task_of(self, tcb_addr):
        return self.word(tcb_addr + self.off("tcbs", "task"))

    def state_of(self, tcb_addr):
        """A thread's IPC state (IPC_* without the prefix)."""
        return self.ipcstates.get(self.word(tcb_addr + self.off("tcbs", "state")), "?")

    def who(self, tasks, tcb_addr):
        """'name[tid]' of a thread."""
        tid = self.word(self.word(tcb_addr + self.off("tcbs", "t")) + self.g["threads"][3].field("tid")[1])
        return f"{self.task_name(tasks, self.task_of(tcb_addr))}[{tid}]"

    def object_of(self, tcb_addr, slot, kind):
        """The kernel object (ENDPOINT, NTFN: ipc.h's CAP_*) a thread's task holds in
        slot, or None."""
        cap = self.cap(self.task_of(tcb_addr), slot) if tcb_addr else None
        return cap[3] if cap is not None and self.captypes.get(cap[0]) == kind else None

    def endpoint_of(self, tcb_addr, slot):
        return self.object_of(tcb_addr, slot, "ENDPOINT")

    def receivers_head(self, ep):
        """The thread first in an endpoint's queue of receivers (0: none)."""
        return self.word(ep + self.g["endpoints"][3].field("receivers")[1])

    def signal_note(self, tcb_addr, slot):
        """What a signal on slot does, said before it is made: the thread
        it wakes (waiting on the notification, or receiving with it
        bound), or that its bits wait in the word."""
        n = self.object_of(tcb_addr, slot, "NTFN")
        if n is None:
            return "[signal: slot %d holds no notification]" % slot
        t = self.g["ntfns"][3]
        waiter, bound = (self.word(n + t.field(f)[1]) for f in ("waiter", "bound"))
        woken = waiter or (bound if bound and self.state_of(bound) == "RECV" else 0)
        name = f"ntfn {self.ntfn_number(n)}"
        tasks = self.tasks()
        if woken:
            return f"[signal {name}: wakes {self.who(tasks, woken)}; {self.who(tasks, tcb_addr)} goes on]"
        return f"[signal {name}: no thread waits on it: its bits wait in its word]"

    def cap(self, task_addr, slot):
        """(type, rights, badge, obj) of a task's slot, or None."""
        ctype = self.g["tasks"][3].field("caps")[0].strip()
        if not 0 <= slot < ctype.length:
            return None
        c = task_addr + self.off("tasks", "caps") + slot * ctype.target.byte_size
        t = ctype.target.strip()
        return tuple(self.word(c + t.field(f)[1]) for f in ("type", "rights", "badge", "obj"))

    def message(self, tcb):
        """(info, w0..w3) a blocked sender sends: its trap frame's a1..a5,
        or, for a page fault, the kernel's fmsg."""
        if tcb.fault:
            base = tcb.addr + self.off("tcbs", "fmsg")
        else:
            base = tcb.tf + 4
        return [self.word(base + 4 * k) for k in range(5)]

    # --- naming -----------------------------------------------------------------
    def label(self, info):
        label = info & 0x7FFF
        return self.labels.get(label, f"label {label:#x}")

    def describe(self, words):
        info, *w = words
        text = self.label(info) + " " + " ".join(f"{x:#x}" if x > 0xFFFF else str(x) for x in w)
        length = info >> 16
        return text + (f" (+{length} bytes)" if length else "")

    def task_name(self, tasks, addr):
        for t in tasks:
            if t.addr == addr:
                return t.name
        return "?"

    def endpoint_number(self, addr):
        return self.index("endpoints", addr)

    def ntfn_number(self, addr):
        return self.index("ntfns", addr)

    def receivers_of(self, tasks):
        """endpoint address -> the names of the tasks that serve it. The
        tasks whose threads wait in its receive queue now, if any; else, of
        the tasks holding it with RIGHT_RECV and not receiving on another
        endpoint now, those that hold the fewest such endpoints (rs or the
        root task, which made them all, and pm, which keeps the fs
        server's and rs's to mint copies, hold more than the server)."""
        recv = numbers("RIGHT_")["RECV"]
        names = {t.addr: t.name for t in tasks}
        receiving = {}
        for tcb in self.tcbs():
            if tcb.state == "RECV" and tcb.task in names:
                receiving.setdefault(tcb.obj, [])
                if names[tcb.task] not in receiving[tcb.obj]:
                    receiving[tcb.obj].append(names[tcb.task])
        busy = {n for ns in receiving.values() for n in ns}
        holders, count = {}, {}
        for t in tasks:
            mine = {c.obj for c in t.caps if self.captypes.get(c.type) == "ENDPOINT" and c.rights & recv}
            count[t.name] = len(mine)
            for ep in mine:
                holders.setdefault(ep, []).append(t.name)
        out = {}
        for ep, held in holders.items():
            if ep in receiving:
                out[ep] = receiving[ep]
                continue
            free = [n for n in held if n not in busy] or held
            least = min(count[n] for n in free)
            out[ep] = [n for n in free if count[n] == least]
        return out

    def services(self, tasks):
        """{name: (restarts, state)} from the reincarnation server's table
        (servers/rs/rs.c: `services[]`, its name, restarts and state, SVC_*
        of kernel/include/syscall.h), read in rs's address space with rs's
        debug info; None if no rs runs (or its debug info is not loaded)."""
        from .access import AddressSpace
        from .expr import Context, evaluate
        from .values import read_c_string
        rs = next((t for t in tasks if t.name == "rs"), None)
        program = self.engine.programs.by_name("rs")
        if rs is None or program is None or program.global_var("services") is None:
            return None
        space = AddressSpace(self.machine, rs.pagetable)
        ctx = Context(self.engine.core, None, program, space)
        states = {v: k[4:].lower() for k, v in _defines(SYSCALL_H, r"(\d+)\b").items()
                  if k in ("SVC_UP", "SVC_RESTARTING", "SVC_DEAD")}
        out = {}
        for i in range(evaluate("services", ctx).type.strip().length or 0):
            found = read_c_string(space, evaluate(f"services[{i}].name", ctx).as_int())
            if found is None:
                continue
            state = evaluate(f"services[{i}].state", ctx).as_int()
            out[found[0].decode("latin-1")] = (evaluate(f"services[{i}].restarts", ctx).as_int(),
                                              states.get(state, str(state)))
        return out

    def endpoint_label(self, addr, owners):
        n = self.endpoint_number(addr)
        who = owners.get(addr)
        return f"ep {n}" + (f" ({', '.join(who)})" if who else "")

    def program_name(self, core):
        """The name of the task whose address space is current on core."""
        from .access import PTBR
        for t in self.tasks():
            if t.asid == core.asid and t.pagetable == core.csr[PTBR]:
                return t.name
        return None


class IpcWatch:
    """What `catch ipc` watches: a message sent on an endpoint (at the
    sender's send/call/nbsend trap), and a message received from it (when
    a thread whose recv/replyrecv named it comes back to user mode with
    the message in its registers). endpoints: a set of endpoint
    addresses, or None for all."""

    def __init__(self, mk, endpoints):
        self.mk = mk
        self.endpoints = endpoints
        self.sending = {mk.sys[k]: k for k in ("send", "call", "nbsend")}
        self.receiving = {mk.sys[k] for k in ("recv", "nbrecv", "replyrecv")}
        self.pending = {}            # tcb -> endpoint of a receive in progress
        for t in mk.tcbs():          # (those that wait already)
            if t.state == "RECV" and (endpoints is None or t.obj in endpoints):
                self.pending[t.addr] = t.obj

    def at_trap(self, core):
        """At a system call: a description if it sends on a watched endpoint."""
        mk, number = self.mk, core.regs[7]
        if number not in self.sending and number not in self.receiving:
            return None
        tcb = mk.current_tcb(core)
        ep = mk.endpoint_of(tcb, core.regs[1])
        if ep is None:
            return None
        if self.endpoints is not None and ep not in self.endpoints:
            return None
        if number in self.receiving:
            self.pending[tcb] = ep
            return None
        tasks = mk.tasks()
        return (f"ipc: {mk.who(tasks, tcb)} {self.sending[number]}s "
                f"{mk.endpoint_label(ep, mk.receivers_of(tasks))}: {mk.describe(core.regs[2:7])}")

    def at_user_entry(self, core):
        """Back in ring 3: a description if this thread received on a watched endpoint."""
        if not self.pending:
            return None
        mk = self.mk
        tcb = mk.current_tcb(core)
        ep = self.pending.pop(tcb, None)
        if ep is None or core.regs[1] != 0:      # (a0: 0, or the receive failed)
            return None
        tasks = mk.tasks()
        return (f"ipc: {mk.who(tasks, tcb)} received {mk.describe(core.regs[2:7])} on "
                f"{mk.endpoint_label(ep, mk.receivers_of(tasks))}, badge {core.regs[7]:#x}")
