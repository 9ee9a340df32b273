"""Physical memory: RAM as a bytearray, plus the record of which pages hold
decoded instructions (so a store into code throws the stale decodings away).

Words are read through a memoryview cast to 32-bit units, which needs a
little-endian host (every machine CPython runs on in practice).
"""

import mmap
import sys

from .errors import MinosError

PAGE = 4096


class PhysicalMemory:
    def __init__(self, size):
        if sys.byteorder != "little":
            raise MinosError("the minos machine needs a little-endian host")
        self.size = size
        # RAM: anonymous memory, zero pages until first written. A
        # bytearray(size) writes zeros over all of it first: 22 ms for 16 MiB,
        # about 3% of a cached `minos run -c 'echo hi'`, where the kernel
        # touches a few MiB. (Indexing, slices, and the word view work as
        # on a bytearray; a slice read gives bytes.)
        self.ram = mmap.mmap(-1, size)
        self.words = memoryview(self.ram).cast("I")
        self.decoded = {}        # physical address -> decoded instruction
        self.code_pages = set()  # physical page numbers with entries in decoded
        self.blocks = {}         # physical address -> translated block (vm/fast.py)
        self.branches = {}       # physical address of a branch -> times taken - not taken (vm/fast.py)
        self.block_pages = {}    # physical page -> blocks starting elsewhere made from it too
        self.hot_runs = None     # runs of code before it is translated (set by the machine)
        self.step_makers = None  # what makes the first tier's steps over this memory (vm/replay.py)
        self.rewrites = {}       # physical page number -> times its code was written
        self.tlbs = {}           # core id -> its TLB, whose quick maps follow code changes
        # With paging off, the fast engine's quick maps (vm/mmu.py, Tlb):
        # page base -> offset 0, for reads and for writes outside code.
        self.quick = ({b: 0 for b in range(0, size, PAGE)}, {b: 0 for b in range(0, size, PAGE)})

    def word(self, paddr):
        """The word at an aligned physical address, or None outside RAM."""
        if 0 <= paddr < self.size:
            return self.words[paddr >> 2]
        return None

    def set_word(self, paddr, value):
        self.words[paddr >> 2] = value
        if paddr >> 12 in self.code_pages:
            self.forget_code(paddr >> 12)

    def read(self, paddr, n):
        return bytes(self.ram[paddr:paddr + n])

    def write(self, paddr, data):
        self.ram[paddr:paddr + len(data)] = data
        self.forget_range(paddr, len(data))

    def forget_range(self, paddr, n):
        for page in range(paddr >> 12, (paddr + n - 1 >> 12) + 1 if n else paddr >> 12):
            if page in self.code_pages:
                self.forget_code(page)

    def mark_code(self, page):
        """A physical page now holds decoded code: from now on every write
        there must take the slow path that notices it."""
        if page not in self.code_pages:
            self.code_pages.add(page)
            self.quick[1].pop(page << 12, None)
            for tlb in self.tlbs.values():
                tlb.forget_writes()

    def forget_all_code(self):
        """Drop every decoding and translation (memory was replaced wholesale)."""
        self.decoded.clear()
        self.blocks.clear()
        self.block_pages.clear()
        for page in self.code_pages:
            self.quick[1][page << 12] = 0
        self.code_pages.clear()
        for tlb in self.tlbs.values():
            tlb.forget_blocks()

    def forget_code(self, page):
        """Drop the decoded instructions of one physical page: it was written."""
        for tlb in self.tlbs.values():
            tlb.forget_blocks()
        self.code_pages.discard(page)
        self.quick[1][page << 12] = 0
        self.rewrites[page] = self.rewrites.get(page, 0) + 1
        base = page << 12
        decoded, blocks = self.decoded, self.blocks
        for addr in range(base, base + PAGE, 8):
            decoded.pop(addr, None)
            blocks.pop(addr, None)
        for addr in self.block_pages.pop(page, ()):
            blocks.pop(addr, None)
