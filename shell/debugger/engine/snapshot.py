"""Whole-machine snapshots, so the debugger can go back in time.

The machine is deterministic: from the same state it always does the same
thing. So to reach any earlier moment it is enough to restore a snapshot
taken before it and run forward exactly the right number of steps
(timeline.py does that). A snapshot therefore holds *everything*
that influences the future: each core's registers, control registers,
TLB, timer and counters; physical memory; the devices (console, disk); the
round schedule and the seeded shuffler; and how much console input had
been consumed and output produced.

Memory is kept in blocks of 4 pages, and a block that did not change since
the previous snapshot shares its bytes with it, so a snapshot costs little
more than the blocks written since the last one.

Disk contents are not copied at all: the disk's block writes are logged
with the contents they overwrote (DiskLog), and restoring undoes the writes
made after the snapshot.
"""

from vm.memory import PAGE

BLOCK = 4 * PAGE       # the unit of sharing between snapshots (RAM is a multiple of 1 MiB)

# Core attributes that are not state (links, hooks) or are handled apart.
_CORE_SKIP = {"machine", "mem", "tlb", "trap_hooks", "mem_hooks", "load", "store"}
_MACHINE_FIELDS = ("time", "halted", "exit_code", "message", "_round_end", "_merged")
_CONSOLE_FIELDS = ("rx_irq", "irq_core", "tx_count", "rx_count")
_DISK_FIELDS = ("block", "addr", "status", "irq_enabled", "irq_core", "pending",
                "reads", "writes", "errors")


_FIELDS = []


def _core_fields():
    """The names of a core's state attributes, found once on a throwaway
    core, so a field added to vm/core.py is saved without a change here.
    (Not vars() of the live cores: asking an object for its __dict__ makes
    every later attribute access on it slower in CPython 3.11+.)"""
    if not _FIELDS:
        from vm.machine import Machine
        spare = Machine(cores=1, mem_mib=1)
        _FIELDS.extend(k for k in vars(spare.cores[0]) if k not in _CORE_SKIP)
    return _FIELDS


def _holds(ram, block, at):
    """Whether RAM holds block at offset at, compared in place: RAM is an
    mmap (vm/memory.py), which has no startswith; find within exactly
    that span is the same test, in C, with no copy."""
    return ram.find(block, at, at + len(block)) == at


def _copy(value):
    """A copy of a plain state value (ints, lists and dicts of ints)."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


class Snapshot:
    """The state of the machine at one position (see Timeline.position)."""

    __slots__ = ("position", "cores", "pages", "machine", "console", "disk",
                 "disk_log_len", "rng", "round", "output_len", "input_pos")


class DiskLog:
    """Records every block the disk writes, with the contents it replaced,
    so writes can be undone. Installed by wrapping the disk's one write
    method on this machine's disk object (not the class): the rest of the
    machine is untouched."""

    def __init__(self, disk):
        self.disk = disk
        self.entries = []            # (block, old contents)
        original = self._raw_write = disk._write_block

        def logged_write(block, data):
            # read what is there first, then write as the disk always does
            self.entries.append((block, disk._read_block(block)))
            original(block, data)

        disk._write_block = logged_write

    def undo_to(self, length):
        """Undo the writes logged after the first `length` ones."""
        while len(self.entries) > length:
            block, old = self.entries.pop()
            self._raw_write(block, old)      # undoing is not logged


class Snapshotter:
    """Takes and restores snapshots of one machine."""

    def __init__(self, machine, output_log, input_source=None):
        self.machine = machine
        self.output_log = output_log         # bytearray of all console output so far
        self.input_source = input_source     # DebugInput, or None
        self.disk_log = DiskLog(machine.disk)
        self._last_pages = None

    # --- taking -----------------------------------------------------------------
    def take(self, position):
        m = self.machine
        s = Snapshot()
        s.position = position
        s.cores = [self._core_state(c) for c in m.cores]
        s.pages = self._pages()
        s.machine = {k: _copy(getattr(m, k)) for k in _MACHINE_FIELDS}
        s.round = [(c.id, end) for c, end in m._round]
        s.rng = m.rng.getstate() if m.rng else None
        con = m.console
        s.console = {k: getattr(con, k) for k in _CONSOLE_FIELDS}
        s.console["rx"] = list(con.rx)
        s.console["sending"] = list(con.sending)
        s.disk = {k: getattr(m.disk, k) for k in _DISK_FIELDS}
        s.disk_log_len = len(self.disk_log.entries)
        s.output_len = len(self.output_log)
        s.input_pos = self.input_source.save() if self.input_source else None
        return s

    @staticmethod
    def _core_state(core):
        state = {k: _copy(getattr(core, k)) for k in _core_fields()}
        state["tlb"] = dict(core.tlb.entries)
        return state

    def _pages(self):
        """Memory as a list of blocks of BLOCK bytes; a block that did not
        change since the previous snapshot shares its bytes object with
        it. Comparing in place (_holds) copies nothing, so a snapshot costs
        one pass over memory plus the blocks that changed."""
        ram = self.machine.memory.ram
        last = self._last_pages
        if last is None:
            pages = [bytes(ram[at:at + BLOCK]) for at in range(0, len(ram), BLOCK)]
        else:
            pages = [old if _holds(ram, old, at) else bytes(ram[at:at + BLOCK])
                     for old, at in zip(last, range(0, len(ram), BLOCK))]
        self._last_pages = pages
        return pages

    # --- restoring -----------------------------------------------------------------
    def restore(self, s):
        m = self.machine
        for core, state in zip(m.cores, s.cores):
            for k, v in state.items():
                if k != "tlb":
                    setattr(core, k, _copy(v))
            core.tlb.entries = dict(state["tlb"])
            core.tlb.forget_quick()          # derived from the TLB: rebuilt on use
            core.tlb.select(core.asid, core.ring)
        mem = m.memory
        ram = mem.ram
        for i, block in enumerate(s.pages):
            at = i * BLOCK
            if not _holds(ram, block, at):
                ram[at:at + BLOCK] = block
        # decoded instructions and translated blocks are caches of memory
        mem.forget_all_code()
        self._last_pages = s.pages
        for k, v in s.machine.items():
            setattr(m, k, _copy(v))
        m._round = [(m.cores[cid], end) for cid, end in s.round]
        if s.rng is not None:
            m.rng.setstate(s.rng)
        m.stop_requested = False
        m._stopped_at = None
        con = m.console
        for k in _CONSOLE_FIELDS:
            setattr(con, k, s.console[k])
        con.rx.clear()
        con.rx.extend(s.console["rx"])
        con.sending.clear()
        con.sending.extend(s.console["sending"])
        for k in _DISK_FIELDS:
            setattr(m.disk, k, s.disk[k])
        self.disk_log.undo_to(s.disk_log_len)
        del self.output_log[s.output_len:]
        if self.input_source and s.input_pos is not None:
            self.input_source.restore(s.input_pos)


def state_digest(machine):
    """A hash of the whole architectural state (registers, csrs, counters,
    memory): equal digests mean the same machine state. For tests and for
    `info state`."""
    import hashlib
    h = hashlib.sha256()
    for c in machine.cores:
        fields = (c.regs, c.pc, c.ring, c.ie, c.paging, c.swtlb, c.asid, c.csr,
                  c.instructions, c.cycles, c.idle_cycles, c.traps, c.tlb_hits,
                  c.tlb_misses, c.tlb_flushes, c.ring_switches, c.ipend,
                  c.timer_deadline, c.waiting, sorted(c.tlb.entries.items()))
        h.update(repr(fields).encode())
    h.update(bytes(machine.memory.ram))
    return h.hexdigest()
