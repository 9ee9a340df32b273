"""Fault injection from the host: crash or hang one of micro's servers at
a chosen moment, without the guest's cooperation (`minos run --kernel
micro --inject SPEC`, `minos boot ... --inject SPEC`; docs/micro.md, "The
reincarnation server").

A spec is one or more faults separated by ';':

    crash NAME after N requests     the N-th request to NAME is sent (a
    hang NAME after N requests      call or send whose label is in NAME's
                                    range, servers/include/proto.h), and
                                    NAME is hit as it serves it
    crash NAME at instruction N     NAME is hit the first time it runs
    hang NAME at instruction N      once the machine has run N instructions

NAME is a server of the boot bundle (shell/build.py SERVERS, root
excepted): rs, console, disk, fs, pm.

How, from outside: a trap hook (which costs nothing between traps) counts
the requests — at a system-call trap, t0 is the call and a1 its label —
and the instructions. When the moment comes, the injector reads the
kernel's task table (tasks[], through its debug info) for NAME's task and
its page table, and watches every instruction until that page table runs
in user mode (ring 3): then a crash sends the thread to address 0, where
nothing is mapped, so it faults as a wild jump would (the kernel ends a
server that faults: it has no pager), and a hang writes a jump to itself
over the instruction it is at, in the task's own copy of its code, so it
spins forever without answering — the reincarnation server's heartbeat
finds it. A new instance is loaded afresh from the bundle.
"""

import re

from vm.errors import MinosError
import sys

from vm.isa import CAUSE, CSR_NUMBER, encode, reg_number
from vm.record import Record

RING_USER = 3
CSR_PTBR = CSR_NUMBER["ptbr"]
T0, A1 = reg_number("t0"), reg_number("a1")
CALLS = ("SYS_call", "SYS_send", "SYS_nbsend")     # the calls that carry a request
# Each server's label prefix in proto.h (NAME_FIRST .. NAME_LAST).
PREFIX = {"console": "CONS", "disk": "DISK", "fs": "FS", "pm": "PM", "rs": "RS"}

_SPEC = re.compile(r"^(crash|hang)\s+(\w+)\s+(?:after\s+(\d+)\s+requests?|at\s+instruction\s+(\d+))$")


class InjectError(MinosError):
    pass


class Fault(Record):
    def __init__(self, action, name, requests=None, instruction=None, labels=None, seen=0,
                 armed=False, done=False):
        self.action = action            # "crash" or "hang"
        self.name = name                # the server
        self.requests = requests        # after this many requests to it ...
        self.instruction = instruction  # ... or once the machine has run this many
        self.labels = labels            # (first, last): its requests' labels
        self.seen = seen                # requests counted so far
        self.armed = armed              # the moment has come: hit it when it runs
        self.done = done


def _defines(path):
    return {m.group(1): int(m.group(2), 0)
            for m in re.finditer(r"^#define\s+(\w+)\s+(0x[0-9A-Fa-f]+|\d+)", path.read_text(), re.M)}


def parse(spec, root):
    """The faults of a spec; InjectError naming what is wrong."""
    from shell.build import SERVERS
    names = [n for n in SERVERS if n != "root"]
    proto = _defines(root / "servers" / "include" / "proto.h")
    faults = []
    for part in (p.strip() for p in spec.split(";")):
        m = _SPEC.match(part)
        if not m:
            raise InjectError(f"--inject: cannot read {part!r}: expected 'crash|hang NAME after N "
                              f"requests' or 'crash|hang NAME at instruction N'")
        action, name, requests, instruction = m.groups()
        if name not in names:
            raise InjectError(f"--inject: unknown server {name!r} (servers: {', '.join(names)})")
        f = Fault(action, name)
        if requests is not None:
            f.requests = int(requests)
            if f.requests < 1:
                raise InjectError(f"--inject: {part!r}: the count of requests must be at least 1")
            p = PREFIX.get(name)
            if p is None or f"{p}_FIRST" not in proto:
                raise InjectError(f"--inject: {name} has no requests of its own to count "
                                  f"(proto.h gives it no label range)")
            f.labels = (proto[f"{p}_FIRST"], proto[f"{p}_LAST"])
        else:
            f.instruction = int(instruction)
        faults.append(f)
    return faults


class Injector:
    """The faults of a spec, watching one booted machine (System.on_boot)."""

    def __init__(self, spec, root):
        self.root = root
        self.faults = parse(spec, root)
        ipc = _defines(root / "kernel" / "include" / "ipc.h")
        self.calls = {ipc[c] for c in CALLS}
        self.log = []              # what was done: (action, name, instructions)

    def __call__(self, system):
        """Attach to a freshly booted system."""
        from lang.debuginfo import DebugInfo
        from shell.perf.kernel_view import KernelView
        if system.kernel != "micro":
            raise InjectError(f"--inject works on the micro kernel only (its servers are what it "
                              f"hits), not on {system.kernel}")
        self.machine = system.machine
        self.view = KernelView(DebugInfo.load(str(system.images.kernel_img)))
        self.targets = {}          # page table -> the armed fault it will hit
        self.watching = False
        for f in self.faults:
            f.seen, f.armed, f.done = 0, False, False
        self.machine.add_hook("trap", self._trap)

    # --- when ---------------------------------------------------------------------------
    def _trap(self, core, cause, epc):
        pending = [f for f in self.faults if not f.armed and not f.done]
        if not pending:
            return
        regs = core.regs
        request = cause == CAUSE["syscall"] and regs[T0] in self.calls
        label = regs[A1] & 0x7FFF
        for f in pending:
            if f.labels is not None:
                if request and f.labels[0] <= label <= f.labels[1]:
                    f.seen += 1
                    if f.seen == f.requests:
                        self._arm(f)
            elif sum(c.instructions for c in self.machine.cores) >= f.instruction:
                self._arm(f)

    def _arm(self, f):
        pagetable = self._pagetable(f.name)
        if pagetable is None:
            raise InjectError(f"--inject: no task called {f.name} is running")
        f.armed = True
        self.targets[pagetable] = f
        if not self.watching:
            self.watching = True
            self.machine.add_hook("insn", self._insn)

    def _pagetable(self, name):
        """The page table of the live task called name, from tasks[]."""
        view, memory = self.view, self.machine.memory
        count = view.resolve("tasks")[2] // view.resolve("tasks[0]")[2]
        for i in range(count):
            if not view.read(memory, f"tasks[{i}].used"):
                continue
            raw = view.read(memory, f"tasks[{i}].name")
            if raw.split(b"\0")[0].decode("ascii", "replace") == name:
                return view.read(memory, f"tasks[{i}].as->pagetable")
        return None

    # --- what ---------------------------------------------------------------------------
    def _insn(self, core, pc):
        if core.ring != RING_USER:
            return
        f = self.targets.pop(core.csr[CSR_PTBR], None)
        if f is None:
            return
        if f.action == "crash":
            core.pc = 0                 # nothing is mapped there: it faults
        else:
            paddr = self.machine.translate(core.csr[CSR_PTBR], pc)
            self.machine.memory.write(paddr, encode("jmp", imm=pc))
        f.done = True
        self.log.append((f.action, f.name, sum(c.instructions for c in self.machine.cores)))
        if not self.targets:
            self.watching = False
            self.machine.remove_hook("insn", self._insn)


def add_inject_option(p):
    """--inject SPEC (shell/inject.py), for `minos run` and `minos boot`."""
    p.add_argument("--inject", metavar="SPEC",
                   help="micro: crash or hang a server from the host, e.g. 'crash disk after 40 "
                        "requests', 'hang console at instruction 5000000' (several: ';'; "
                        "docs/micro.md)")


def injector_for(args, root):
    """The Injector of --inject (None without it); a bad spec is an error now."""
    if not getattr(args, "inject", None):
        return None
    if args.kernel != "micro":
        raise InjectError(f"--inject works on the micro kernel only, not on {args.kernel}")
    return Injector(args.inject, root)


def report_injected(injector, command):
    """Say on stderr what --inject did."""
    if injector is None:
        return
    for action, name, at in injector.log:
        print(f"minos {command}: injected: {action} {name} at instruction {at:,}", file=sys.stderr)
    if not injector.log:
        print(f"minos {command}: injected nothing: the moment never came", file=sys.stderr)
