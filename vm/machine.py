"""The machine: cores sharing memory, devices, and the deterministic schedule
that interleaves the cores.

Time advances in rounds of QUANTUM cycles. In each round every core runs
until its cycle counter reaches the end of the round (a waiting core just
jumps there); then devices finish what is due, console input arrives, and
interrupt lines are updated. The order of cores within a round is fixed, or
shuffled by a seeded generator so races show up reproducibly. A core's timer
interrupt lands on the exact instruction at which its cycle counter reaches
the deadline.

When only core 0 can run (the others wait with no timer and nothing
pending) and the order is not shuffled, consecutive rounds are merged into
one: their boundaries would do nothing (no device is due, no input is
queued), so running through them changes nothing but the cost of stopping.
A device access or an IPI cuts the merged round back to the boundary the
unmerged schedule would have reached next, so every effect lands exactly
where it would have.
"""

import os

from . import fast, interp
from .codecache import CACHE
from .core import Core
from .devices import (CLOCK_BASE, CONSOLE_BASE, DEVICE_SPAN, DISK_BASE, POWER_BASE,
                      Clock, Console, Disk, Power)
from .errors import MinosError
from .image import MAX_IMAGE_MEMORY, Image, ImageError
from .isa import CAUSE, CAUSE_NAMES, COST, FIRST_INTERRUPT, MASK
from .memory import PhysicalMemory
from .mmu import Trap, walk
from .record import Record

QUANTUM = 500
MERGE_ROUNDS = 64       # rounds merged at most, so host input still arrives promptly
ENGINES = {"ref": interp.run_slice, "fast": fast.run_slice}
DEFAULT_ENGINE = "fast"     # MINOS_ENGINE=fast|ref overrides it, for differential runs
MAX_CORES = 16
FOREVER = 1 << 62
TIMER_BIT = 1 << (CAUSE["timer"] - FIRST_INTERRUPT)
IPI_BIT = 1 << (CAUSE["ipi"] - FIRST_INTERRUPT)
CONSOLE_BIT = 1 << (CAUSE["console"] - FIRST_INTERRUPT)
DISK_BIT = 1 << (CAUSE["disk"] - FIRST_INTERRUPT)


def engine_of(engine):
    """The engine a Machine made with engine= uses (None: the default)."""
    return engine or os.environ.get("MINOS_ENGINE", DEFAULT_ENGINE)


class RunResult(Record):
    """Why run() returned: 'halt' (powered off), 'limit' (instruction budget
    spent), 'stopped' (a hook or stop() asked), 'idle' (every core waits and
    nothing can wake them), 'powercut' (the disk-write power cut), or
    'doublefault' (a fault while entering that fault's own handler)."""

    def __init__(self, reason, instructions, exit_code=None, message=""):
        self.reason = reason
        self.instructions = instructions
        self.exit_code = exit_code
        self.message = message


class BufferInput:
    """Console input from a byte buffer: deterministic, never blocks."""

    def __init__(self, data=b""):
        self.data = bytearray(data)

    def read_nowait(self):
        data, self.data = bytes(self.data), bytearray()
        return data

    def wait(self):
        return None          # nothing more will come

    def feed(self, data):
        self.data += data


class Machine:
    def __init__(self, cores=1, mem_mib=16, disk=None, seed=None, quantum=QUANTUM,
                 console_out=None, console_in=b"", power_cut_after_writes=None, engine=None,
                 code_cache=None):
        if not 1 <= cores <= MAX_CORES:
            raise MinosError(f"cores must be between 1 and {MAX_CORES}, not {cores}")
        if not 1 <= mem_mib <= MAX_IMAGE_MEMORY >> 20:
            raise MinosError(f"memory must be between 1 and {MAX_IMAGE_MEMORY >> 20} MiB, not {mem_mib}")
        engine = engine_of(engine)
        if engine not in ENGINES:
            raise MinosError(f"unknown engine '{engine}' (choose from {', '.join(ENGINES)})")
        self.engine = engine
        self.run_slice = ENGINES[engine]
        # a folder where the fast engine keeps compiled blocks between runs
        self.code_cache = CACHE.file_in(code_cache) if code_cache and engine == "fast" else None
        if self.code_cache:
            CACHE.load(self.code_cache)
        self.memory = PhysicalMemory(mem_mib << 20)
        self.memory.hot_runs = fast.HOT_RUNS
        self.cores = [Core(self, i) for i in range(cores)]
        self.output = bytearray()
        self.console = Console(console_out or self.output.extend)
        self.disk = Disk(self, disk)
        self.devices = {CONSOLE_BASE: self.console, DISK_BASE: self.disk,
                        POWER_BASE: Power(self), CLOCK_BASE: Clock()}
        self.input = console_in if hasattr(console_in, "read_nowait") else BufferInput(console_in)
        self.quantum = quantum
        if seed is not None:
            import random           # (only a seeded machine shuffles: start-up time)
            self.rng = random.Random(seed)
        else:
            self.rng = None
        self.power_cut_after_writes = power_cut_after_writes
        self.time = 0
        self.halted = None           # a RunResult reason once the machine has stopped for good
        self.exit_code = None
        self.message = ""
        self.stop_requested = False
        self._stopped_at = None      # (core, instructions, pc) where a hook stopped the run
        self.insn_hooks = []
        self.tally = None            # a profiler's tally(core): see set_tally
        self.tracer = None
        self.tracing = False
        self._round = []             # (core, end cycle) still to run in this round
        self._merged = False         # the round in progress is several merged rounds
        self._cut = False            # ... and was just cut back (see _cut_round)
        self._left = None            # the budget of the slice running in _run_core (see go_on)
        self._round_end = 0
        self._deliver_input()

    # --- loading ---------------------------------------------------------------------
    def load_image(self, image):
        """Copy an image's segments into physical memory at their addresses and
        point every core at its entry."""
        if not isinstance(image, Image):
            image = Image.load(image)
        for i, seg in enumerate(image.segments):
            if seg.vaddr + seg.memsize > self.memory.size:
                raise ImageError(f"segment {i} at {seg.vaddr:#x} (size {seg.memsize}) does not fit "
                                 f"in {self.memory.size >> 20} MiB of RAM")
            self.memory.write(seg.vaddr, seg.data)
            self.memory.write(seg.vaddr + len(seg.data), bytes(seg.memsize - len(seg.data)))
        for core in self.cores:
            core.reset(image.entry)
        return image

    def load_bytes(self, paddr, data):
        self.memory.write(paddr, data)

    # --- running ---------------------------------------------------------------------
    def run(self, max_instructions=None):
        """Run until the machine halts, the budget of instructions is spent,
        a hook asks to stop, or nothing can happen any more."""
        budget = FOREVER if max_instructions is None else max_instructions
        used = 0
        self.stop_requested = False
        while True:
            if self.halted:
                return RunResult(self.halted, used, self.exit_code, self.message)
            if used >= budget:
                return RunResult("limit", used, message=f"instruction limit of {max_instructions} reached")
            if self.stop_requested:
                return RunResult("stopped", used)
            if not self._round:
                if not self._start_round():
                    self.halted = "idle"
                    self.message = "every core is waiting for an interrupt and nothing can raise one"
                continue          # the devices may have stopped the machine: look again
            core, end = self._round[0]
            spent, finished = self._run_core(core, end, budget - used)
            used += spent
            if finished:
                self._round.pop(0)

    def step(self, core_id=0):
        """Execute exactly one instruction (or take one trap or interrupt) on a
        core, outside the round schedule. For debuggers; returns the budget
        used (0 if the core is waiting with nothing pending, or halted)."""
        core = self.cores[core_id]
        if self.halted:
            return 0
        self._check_timer(core)
        if core.waiting:
            if not core.ipend:
                return 0
            core.waiting = False
        if core.take_interrupt():
            return 1
        return self._execute(core, core.cycles + 1)

    @staticmethod
    def _check_timer(core):
        """Turn a deadline that has passed into a pending timer interrupt."""
        if core.timer_deadline is not None and core.cycles >= core.timer_deadline:
            core.ipend |= TIMER_BIT
            core.timer_deadline = None

    def stop(self):
        self.stop_requested = True

    def _run_core(self, core, end, budget):
        """Run one core towards the end of its slice. Returns (budget used, slice finished)."""
        used = 0
        while core.cycles < end and used < budget and not self.halted and not self.stop_requested:
            self._check_timer(core)
            deadline = core.timer_deadline
            if core.waiting:
                if not core.ipend:
                    wake = end if deadline is None else min(end, deadline)
                    core.idle_cycles += wake - core.cycles
                    core.cycles = wake
                    continue
                core.waiting = False
            if core.take_interrupt():
                used += 1
                continue
            self._left = budget - used
            try:
                used += self._execute(core, self._slice_limit(core, end, budget - used))
            finally:
                self._left = None
            if core.waiting:
                self._cut_round(core, done=True)    # the unmerged schedule looks at a boundary
            if self._cut:
                self._cut = False
                end = self._round[0][1]
        return used, core.cycles >= end

    @staticmethod
    def _slice_limit(core, end, left):
        """The limit of a slice towards `end` with `left` of the budget: never
        past the core's timer deadline."""
        limit = min(end, core.cycles + left)
        deadline = core.timer_deadline
        return limit if deadline is None else min(limit, deadline)

    def go_on(self, core, used):
        """After a device access ended a slice (the reference ends it there, so
        that an interrupt the device raised is taken at once): the limit of
        the slice _run_core would start next for this core, or 0 if it would
        do anything else first (take an interrupt, stop, end the round or
        the budget). used: what the slice used so far. The fast engine goes
        on with it in the same slice (vm/fast.py: run_slice)."""
        left = self._left
        if left is None or self.halted or self.stop_requested or not self._engine_runs(core):
            return 0                    # not in _run_core (Machine.step), stopping, or hooks
                                        # set meanwhile (a profiler starting at a printed line)
        end = self._round[0][1]         # (the access may have cut the round back)
        left -= used
        if core.cycles >= end or left <= 0:
            return 0
        self._check_timer(core)
        if core.waiting or core.ie and core.ipend:
            return 0
        return self._slice_limit(core, end, left)

    def _engine_runs(self, core):
        """Whether the next slice of core runs on the machine's engine: no
        hook or profiler asks for the reference's own loops."""
        return not (self.insn_hooks or self.tally is not None or core.mem_hooks)

    def _execute(self, core, limit):
        if self._engine_runs(core):
            return self.run_slice(core, limit)
        if not self.insn_hooks:
            if self.tally is not None:
                return interp.run_slice_tallied(core, limit, *self.tally(core))
            return interp.run_slice(core, limit)   # memory hooks: blocks would bypass them
        used = 0
        while core.cycles < limit and not self.stop_requested and not self.halted:
            here = (core.id, core.instructions, core.pc)
            if here != self._stopped_at:     # resuming: the hooks saw this one already
                for hook in self.insn_hooks:
                    hook(core, core.pc)
            self._stopped_at = None
            if self.stop_requested:
                self._stopped_at = here
                break
            used += interp.run_slice(core, core.cycles + 1)
            if core.limit == 0:      # the instruction asked the machine to look at interrupts
                break
        return used

    def _start_round(self):
        """Finish the round that ended: devices, input, interrupt lines; then
        plan the next. Returns False if the machine can never run again."""
        self.time = self._round_end
        self._tick_devices()
        if self.halted:
            return True
        self._deliver_input()
        self._update_irq_lines()
        end = self.time + self.quantum
        if all(c.waiting and not c.ipend for c in self.cores):
            upcoming = [c.timer_deadline for c in self.cores if c.timer_deadline is not None]
            if self.disk.next_event() is not None:
                upcoming.append(self.disk.next_event())
            if not upcoming:
                if self.console.sending:
                    return False                # the FIFO is full and nobody reads it
                data = self.input.wait()        # the machine sleeps until the host types
                if data is None:
                    return False
                self.console.receive(data)
                self._update_irq_lines()
                if all(c.waiting and not c.ipend for c in self.cores):
                    return True
            else:
                end = max(end, min(upcoming))   # skip ahead to the next event
        self._merged = self.rng is None and self._only_core0_runs()
        if self._merged:
            end = self._merged_end(end)
        self._round_end = end
        order = list(self.cores)
        if self.rng:
            self.rng.shuffle(order)
            self._round = [(c, max(c.cycles, end) + self.rng.randrange(self.quantum)) for c in order]
        else:
            self._round = [(c, max(c.cycles, end)) for c in order]
        return True

    def _only_core0_runs(self):
        first, *others = self.cores
        return not first.waiting and all(
            c.waiting and not c.ipend and c.timer_deadline is None for c in others)

    def _merged_end(self, end):
        """The end of up to MERGE_ROUNDS rounds from `end`, stopping at the
        boundary where the disk's next event would be seen."""
        merged = end + (MERGE_ROUNDS - 1) * self.quantum
        event = self.disk.next_event()
        if event is not None and event < merged:
            rounds = max(1, -(-(event - self.time) // self.quantum))
            merged = max(end, self.time + rounds * self.quantum)
        return merged

    def _cut_round(self, core, done=False):
        """In a merged round, `core` (core 0) is about to do something a
        device or another core may react to (done=False: the instruction's
        cycles are not counted yet), or has just stopped to wait (done=True).
        End the round at the boundary the unmerged schedule would process
        next; the waiting cores, which run after core 0, catch up to the
        start of that round as if they had idled through the rounds before."""
        if not self._merged:
            return
        ahead = core.cycles - self.time - (1 if done else 0)
        boundary = self.time + (ahead // self.quantum + 1) * self.quantum
        start = boundary - self.quantum
        for c in self.cores[1:]:
            if c.cycles < start:
                c.idle_cycles += start - c.cycles
                c.cycles = start
        if boundary < self._round_end:
            self._round_end = boundary
            self._round = [(c, max(c.cycles, boundary)) for c, _ in self._round]
            self._cut = True
        self._merged = False            # what is left is one ordinary round

    def _tick_devices(self):
        if self.disk.tick(self.time) and self.power_cut_after_writes is not None:
            if self.disk.writes >= self.power_cut_after_writes:
                self.halted = "powercut"
                self.message = f"power cut after disk write {self.disk.writes}"

    def _deliver_input(self):
        """Take the host's new input, once the console has sent what it held
        (flow control: the host waits for room, see Console)."""
        if self.console.sending:
            return
        data = self.input.read_nowait()
        if data:
            self.console.receive(data)

    def _update_irq_lines(self):
        for line, device in ((CONSOLE_BIT, self.console), (DISK_BIT, self.disk)):
            raised = device.irq()
            for core in self.cores:
                if raised and core.id == device.irq_core % len(self.cores):
                    core.ipend |= line
                else:
                    core.ipend &= ~line

    def feed_input(self, data):
        """Type bytes at the console (they arrive at the end of the current round)."""
        if isinstance(data, str):
            data = data.encode()
        if isinstance(self.input, BufferInput):
            self.input.feed(data)
        else:
            self.console.receive(data)
        self._cut_round(self.cores[0], done=True)   # it arrives at the next unmerged boundary
        if self.halted == "idle":
            self.halted = None
            self.message = ""

    # --- what instructions reach ----------------------------------------------------------
    def mmio_read(self, core, paddr, vaddr):
        device = self.devices.get(paddr & ~(DEVICE_SPAN - 1))
        if device is None or paddr & 3:
            raise Trap(CAUSE["pagefault"], vaddr, 0)
        self._cut_round(core)
        core.cycles += COST["mmio"]
        value = device.read(paddr & (DEVICE_SPAN - 1), core)
        self._device_done(core)
        return value

    def mmio_write(self, core, paddr, vaddr, value):
        device = self.devices.get(paddr & ~(DEVICE_SPAN - 1))
        if device is None or paddr & 3:
            raise Trap(CAUSE["pagefault"], vaddr, 1)
        self._cut_round(core)
        core.cycles += COST["mmio"]
        device.write(paddr & (DEVICE_SPAN - 1), value, core)
        self._device_done(core)

    def _device_done(self, core):
        """After a device access: the interrupt lines may have changed, so the
        slice ends (core.after_device says why: see go_on)."""
        self._update_irq_lines()
        core.limit = 0
        core.after_device = True

    def send_ipi(self, target, sender):
        if target < len(self.cores):
            self.cores[target].ipend |= IPI_BIT
        self._cut_round(sender)

    def power_off(self, code, core):
        self.halted = "halt"
        self.exit_code = code
        self.trace("irq", core, f"power off, exit code {code}")

    def double_fault(self, core, trap, pc):
        self.halted = "doublefault"
        self.message = (f"core {core.id}: {self.cause_name(trap.cause)} at {pc:#x}, "
                        f"the entry of its own trap handler (is the vector table mapped?)")

    # --- inspection ----------------------------------------------------------------------
    @staticmethod
    def cause_name(cause):
        return CAUSE_NAMES.get(cause, str(cause))

    @staticmethod
    def cause_names():
        return CAUSE_NAMES

    @property
    def console_output(self):
        return bytes(self.output)

    def read_phys(self, paddr, n):
        if paddr < 0 or paddr + n > self.memory.size:
            raise MinosError(f"physical range {paddr:#x}+{n} is outside RAM")
        return self.memory.read(paddr, n)

    def write_phys(self, paddr, data):
        if paddr < 0 or paddr + len(data) > self.memory.size:
            raise MinosError(f"physical range {paddr:#x}+{len(data)} is outside RAM")
        self.memory.write(paddr, data)

    def translate(self, ptbr, vaddr):
        """Physical address of vaddr under the page directory at ptbr, or None.
        No side effects: no TLB, no accessed bits."""
        try:
            _, pte = walk(self.memory.word, ptbr, vaddr, 0)
        except Trap:
            return None
        return (pte & ~0xFFF) | (vaddr & 0xFFF)

    def read_virtual(self, ptbr, vaddr, n):
        """Bytes at a virtual address under a page directory (None: paging off)."""
        out = bytearray()
        while n > 0:
            paddr = vaddr if ptbr is None else self.translate(ptbr, vaddr)
            if paddr is None:
                raise MinosError(f"virtual address {vaddr:#x} is not mapped")
            chunk = min(n, 4096 - (vaddr & 0xFFF))
            out += self.read_phys(paddr, chunk)
            vaddr = (vaddr + chunk) & MASK
            n -= chunk
        return bytes(out)

    def counters(self):
        """Counters summed over the cores, plus the devices' and each core's."""
        per_core = [c.counters() for c in self.cores]
        total = {k: sum(pc[k] for pc in per_core) for k in per_core[0] if k != "traps"}
        total["traps"] = {name: sum(pc["traps"][name] for pc in per_core) for name in per_core[0]["traps"]}
        total["devices"] = {"console_tx": self.console.tx_count, "console_rx": self.console.rx_count,
                            "disk_reads": self.disk.reads, "disk_writes": self.disk.writes,
                            "disk_errors": self.disk.errors}
        total["cores"] = per_core
        return total

    total_counters = counters

    # --- hooks and tracing ----------------------------------------------------------------
    def add_hook(self, kind, fn):
        """kind 'insn': fn(core, pc) before each instruction (call stop() to
        pause); 'trap': fn(core, cause, epc) on every trap and interrupt;
        'mem': fn(core, vaddr, size, access, value) after each load and store
        an instruction makes. No hook costs nothing when none is set."""
        if kind == "insn":
            self.insn_hooks.append(fn)
        elif kind == "trap":
            for core in self.cores:
                core.trap_hooks = (core.trap_hooks or []) + [fn]
        elif kind == "mem":
            for core in self.cores:
                core.add_memory_hook(fn)
        else:
            raise MinosError(f"unknown hook kind '{kind}' (insn, trap, mem)")

    def remove_hook(self, kind, fn):
        if kind == "insn":
            self.insn_hooks.remove(fn)
        elif kind == "mem":
            for core in self.cores:
                core.remove_memory_hook(fn)
        else:
            for core in self.cores:
                core.trap_hooks = [h for h in core.trap_hooks or [] if h is not fn] or None

    def set_tally(self, tally):
        """Count instructions and cycles by address (a profiler; None: stop).
        Before each run of a core, tally(core) returns (counts, cycles,
        stop_pc): the dicts that the instructions of that run add to, by
        virtual pc (interp.run_slice_tallied), and a pc before which the
        run ends so that tally is asked again. A run ends anyway at every
        trap, iret, device access and csrw, so the ring, address space and
        control registers are the same for all of a run. Runs the
        reference interpreter: exact, a few times slower than the fast
        engine."""
        self.tally = tally

    def set_tracer(self, tracer):
        """tracer(kind, core, text) receives events of kinds trap, irq, tlb, disk, ring."""
        self.tracer = tracer
        self.tracing = tracer is not None

    def trace(self, kind, core, text):
        if self.tracer:
            self.tracer(kind, core, text)

    def translate_sooner(self):
        """This run is made to fill the code cache for later runs (a build
        boots its kernel once, quietly: System.translate_ahead): translate
        code once it has run fast.HOT_RUNS_AHEAD times instead of
        fast.HOT_RUNS. A run of its own translates only code hot enough to
        pay for translating it within that run."""
        self.memory.hot_runs = fast.HOT_RUNS_AHEAD

    def close(self):
        self.disk.close()
        if self.code_cache:
            CACHE.save(self.code_cache)
