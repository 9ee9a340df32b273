"""The devices, reached through memory-mapped registers (docs/devices.md).

Each device answers reads and writes of its registers by offset, and tells
the machine which interrupt line it raises. Device time is the machine's
cycle clock, so everything here is deterministic.
"""

import os
from collections import deque

from .errors import MinosError

CONSOLE_BASE = 0xF0000000
DISK_BASE = 0xF0001000
POWER_BASE = 0xF0002000
CLOCK_BASE = 0xF0003000
DEVICE_SPAN = 0x1000

RX_FIFO_DEPTH = 16           # bytes the console's receive FIFO holds
CONSOLE_RX_READY = 1         # Console.STATUS bit 0: the FIFO holds a byte
CONSOLE_RX_FULL = 2          # Console.STATUS bit 1: the FIFO is full (the host holds the rest)

BLOCK_SIZE = 4096
DISK_LATENCY = 4000          # cycles from command to completion
DISK_IDLE, DISK_BUSY, DISK_DONE, DISK_ERROR = 0, 1, 2, 3     # Disk.STATUS values
DISK_READ, DISK_WRITE = 1, 2                                  # Disk.CMD values
CONSOLE_RX_NONE = 0xFFFFFFFF                                  # Console.RX with no input


class Console:
    """A UART: TX prints a byte; RX reads the receive FIFO, which holds up to
    RX_FIFO_DEPTH bytes typed at the host. The host side of the line has
    flow control: bytes sent while the FIFO is full wait in `sending` (the
    host holds them) and move into the FIFO as the kernel reads it, so no
    byte is ever dropped, however fast the host sends.
    (The upper-case class attributes are the register offsets: vm/headergen.py
    exports them as CONSOLE_<NAME>, and the STATUS bits above with them.)"""

    TX, RX, STATUS, CTRL, IRQCORE = 0, 4, 8, 12, 16

    def __init__(self, output):
        self.output = output          # callable taking bytes
        self.rx = deque()             # the receive FIFO (at most RX_FIFO_DEPTH bytes)
        self.sending = deque()        # host bytes waiting for room in the FIFO
        self.rx_irq = 0
        self.irq_core = 0
        self.tx_count = 0
        self.rx_count = 0

    def read(self, offset, core):
        if offset == self.RX:
            if not self.rx:
                return CONSOLE_RX_NONE
            self.rx_count += 1
            byte = self.rx.popleft()
            if self.sending:
                self.rx.append(self.sending.popleft())
            return byte
        if offset == self.STATUS:
            return ((CONSOLE_RX_READY if self.rx else 0) |
                    (CONSOLE_RX_FULL if len(self.rx) >= RX_FIFO_DEPTH else 0))
        if offset == self.CTRL:
            return self.rx_irq
        if offset == self.IRQCORE:
            return self.irq_core
        return 0

    def receive(self, data):
        """The host sends bytes: into the FIFO while it has room, the rest
        held until the kernel reads."""
        self.sending.extend(data)
        while self.sending and len(self.rx) < RX_FIFO_DEPTH:
            self.rx.append(self.sending.popleft())

    def write(self, offset, value, core):
        if offset == self.TX:
            self.tx_count += 1
            self.output(bytes([value & 0xFF]))
        elif offset == self.CTRL:
            self.rx_irq = value & 1
        elif offset == self.IRQCORE:
            self.irq_core = value

    def irq(self):
        return bool(self.rx_irq and self.rx)


class Disk:
    """A block device backed by a file (or a bytearray), with DMA and a
    completion interrupt. One request at a time; a command while busy is ignored."""

    BLOCK, ADDR, CMD, STATUS, NBLOCKS, CTRL, IRQCORE = 0, 4, 8, 12, 16, 20, 24

    def __init__(self, machine, backing=None):
        self.machine = machine
        self.file = None
        self.data = None
        if isinstance(backing, (bytearray, bytes)):
            # a caller's bytearray is used in place, so it sees the writes
            self.data = backing if isinstance(backing, bytearray) else bytearray(backing)
            size = len(self.data)
        elif backing is not None:
            try:
                self.file = open(backing, "r+b")
            except OSError as e:
                raise MinosError(f"{backing}: cannot open disk image: {e.strerror}") from None
            size = os.fstat(self.file.fileno()).st_size
        else:
            size = 0
        self.nblocks = size // BLOCK_SIZE
        self.block = self.addr = 0
        self.status = DISK_IDLE
        self.irq_enabled = 0
        self.irq_core = 0
        self.pending = None           # (completion time, command, block, addr)
        self.reads = self.writes = self.errors = 0

    def read(self, offset, core):
        return {self.BLOCK: self.block, self.ADDR: self.addr, self.STATUS: self.status,
                self.NBLOCKS: self.nblocks, self.CTRL: self.irq_enabled,
                self.IRQCORE: self.irq_core}.get(offset, 0)

    def write(self, offset, value, core):
        if offset == self.BLOCK:
            self.block = value
        elif offset == self.ADDR:
            self.addr = value
        elif offset == self.CMD and value in (DISK_READ, DISK_WRITE) and self.status != DISK_BUSY:
            self.status = DISK_BUSY
            self.pending = (core.cycles + DISK_LATENCY, value, self.block, self.addr)
            self.machine.trace("disk", core, f"{'read' if value == DISK_READ else 'write'} block {self.block} "
                                             f"<-> phys {self.addr:#x}")
        elif offset == self.STATUS:
            if self.status != DISK_BUSY:
                self.status = DISK_IDLE
        elif offset == self.CTRL:
            self.irq_enabled = value & 1
        elif offset == self.IRQCORE:
            self.irq_core = value

    def next_event(self):
        return self.pending[0] if self.pending else None

    def tick(self, now):
        """Complete the request if its time has come. Returns True if a write completed."""
        if not self.pending or self.pending[0] > now:
            return False
        _, cmd, block, addr = self.pending
        self.pending = None
        mem = self.machine.memory
        if block >= self.nblocks or addr + BLOCK_SIZE > mem.size or addr % 4:
            self.status = DISK_ERROR
            self.errors += 1
            self.machine.trace("disk", None, f"error: block {block} addr {addr:#x}")
            return False
        self.status = DISK_DONE
        if cmd == DISK_READ:
            self.reads += 1
            mem.write(addr, self._read_block(block))
            return False
        self.writes += 1
        self._write_block(block, mem.read(addr, BLOCK_SIZE))
        return True

    def _read_block(self, block):
        if self.data is not None:
            return bytes(self.data[block * BLOCK_SIZE:(block + 1) * BLOCK_SIZE])
        return os.pread(self.file.fileno(), BLOCK_SIZE, block * BLOCK_SIZE)

    def _write_block(self, block, data):
        if self.data is not None:
            self.data[block * BLOCK_SIZE:(block + 1) * BLOCK_SIZE] = data
        else:
            os.pwrite(self.file.fileno(), data, block * BLOCK_SIZE)

    def irq(self):
        return bool(self.irq_enabled and self.status in (DISK_DONE, DISK_ERROR))

    def close(self):
        if self.file:
            self.file.close()
            self.file = None


class Power:
    """Writing V to OFF powers the machine off with exit code V."""

    OFF = 0

    def __init__(self, machine):
        self.machine = machine

    def read(self, offset, core):
        return 0

    def write(self, offset, value, core):
        if offset == self.OFF:
            self.machine.power_off(value, core)


class Clock:
    """The reading core's cycle counter, for software that wants time."""

    LOW, HIGH = 0, 4

    def read(self, offset, core):
        return core.cycles & 0xFFFFFFFF if offset == self.LOW else core.cycles >> 32 & 0xFFFFFFFF

    def write(self, offset, value, core):
        pass
