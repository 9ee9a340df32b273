"""A booted OS to measure in: console markers read at the exact moment
they are printed, and the machine's counters between two of them.

A marker is a console line (osbench prints "[osbench start]" and
"[osbench end]"; `minos run`'s shell prints "<<minos-run>>"). The counters
are read when the line's newline is printed: inside the store that prints
it, before that store is counted. Both ends are read the same way, so the
region is exact: from the instruction after the first marker's store to the
second marker's store, both included.

Counters are summed over the cores; `context switches` and `messages`
come from the kernel (KERNEL_COUNTERS), every other one from the machine
(vm/core.py).
"""

from vm.errors import MinosError
from vm.isa import FIRST_INTERRUPT

from ..system import PROMPT, System

# What a kernel counts itself, read through its debug info (KernelView):
# counter name -> (variable, summed over cores {core}). A kernel without the
# variable counts 0: the monolithic kernel sends no messages. A kernel that
# counts something new adds a line here and the bench shows it.
KERNEL_COUNTERS = {
    "context switches": "cpus[{core}].nswitch",
    "messages": "ipc_messages",
}
# The machine's counters the tools show, in order (vm/core.py names).
MACHINE_COUNTERS = ("instructions", "cycles", "traps", "ring_switches", "tlb_misses",
                    "tlb_flushes")
PROMPT_BYTES = PROMPT.encode()


class SessionError(MinosError):
    pass


class LineTap:
    """Console output a line at a time: on_line(text) runs when a line's
    newline is printed, and when a line's text so far ends with the shell's
    prompt ("/$ ": on_line(PROMPT))."""

    def __init__(self, on_line, then=None):
        self.on_line = on_line
        self.then = then              # where the output goes next
        self.line = bytearray()

    def __call__(self, data):
        for byte in data:
            if byte == 10:
                self.on_line(self.line.decode(errors="replace"))
                self.line = bytearray()
            else:
                self.line.append(byte)
                if byte == 32 and self.line.endswith(PROMPT_BYTES):
                    self.on_line(PROMPT)
        if self.then:
            self.then(data)


def snapshot(machine, view=None):
    """The counters now: the machine's summed over cores, the interrupts
    taken, idle cycles, and the kernel's own (KERNEL_COUNTERS) if a
    KernelView is given."""
    cores = machine.cores
    snap = {
        "instructions": sum(c.instructions for c in cores),
        "cycles": sum(c.cycles for c in cores),
        "idle_cycles": sum(c.idle_cycles for c in cores),
        "traps": sum(sum(c.traps) for c in cores),
        "interrupts": sum(sum(c.traps[FIRST_INTERRUPT:]) for c in cores),
        "ring_switches": sum(c.ring_switches for c in cores),
        "tlb_misses": sum(c.tlb_misses for c in cores),
        "tlb_flushes": sum(c.tlb_flushes for c in cores),
    }
    if view is not None:
        for name, path in KERNEL_COUNTERS.items():
            snap[name] = sum(view.read_or(machine.memory, path.format(core=c.id)) or 0
                             for c in cores)
    return snap


def difference(end, start):
    return {k: end[k] - start[k] for k in end}


class Session:
    """A System booted to its shell prompt, with every console line watched:
    marks[line] holds the counters at the moment that line was printed
    (only for lines that `watch` accepts)."""

    def __init__(self, kernel="mono", cores=1, engine=None, bound=200_000_000,
                 watch=lambda line: line.startswith("[osbench"), on_line=None, view=None,
                 on_boot=()):
        self.bound = bound
        self.watch = watch
        self.on_line = on_line
        self.view = view
        self.marks = {}
        self.system = System(kernel=kernel, cores=cores, engine=engine,
                             console_out=LineTap(self._line), on_boot=on_boot)
        self.boot = None              # counters when the first prompt was printed

    def _line(self, text):
        if text == PROMPT and self.boot is None:
            self.boot = snapshot(self.system.machine, self.view)
        if self.watch(text):
            self.marks[text] = snapshot(self.system.machine, self.view)
        if self.on_line:
            self.on_line(text)

    def start(self):
        """Build, boot, and run to the shell prompt; returns the System."""
        self.system.build()
        if self.view is None:
            from lang.debuginfo import DebugInfo

            from .kernel_view import KernelView
            self.view = KernelView(DebugInfo.load(str(self.system.images.kernel_img)))
        self.system.boot()
        self.system.wait_for(PROMPT, self.bound)
        return self.system

    def between(self, command, first="[osbench start]", last="[osbench end]"):
        """Type `command` at the prompt, run it to the next prompt, and
        return the counters from the line `first` to the line `last`."""
        self.marks.pop(first, None)
        self.marks.pop(last, None)
        self.system.type(command + "\n")
        self.system.wait_for(last, self.bound)
        self.system.wait_for(PROMPT, self.bound)
        if first not in self.marks:
            raise SessionError(f"`{command}` printed '{last}' but never '{first}'")
        return difference(self.marks[last], self.marks[first])

    def close(self):
        self.system.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
