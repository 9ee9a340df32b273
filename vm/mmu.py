"""The MMU: a TLB tagged by address-space id, and the two-level page-table walk.

A virtual address splits 10 / 10 / 12: directory index, table index, offset.
The page directory (physical address in csr ptbr) holds 1024 entries; a
present entry points at a page table of 1024 page-table entries (PTEs).
Permissions live in the leaf PTE only (present, writable, executable, ring,
global); the walker sets the accessed and dirty bits in the leaf.

The TLB maps (asid, virtual page) to the leaf PTE. Global entries match every
asid. It holds TLB_ENTRIES entries and evicts the oldest (FIFO), so which
entry goes is deterministic.
"""

from .isa import ACCESS_EXEC, ACCESS_WRITE, CAUSE, PTE_G, PTE_P, PTE_RING_SHIFT, PTE_W, PTE_X

TLB_ENTRIES = 64
KERNEL_RING = 0                 # the ring whose quick maps every asid shares (Tlb)
GLOBAL_TAG = 256 << 20          # tag of global entries: an asid no one can have
ASID_SHIFT = 20
PAGE_KEY = -4096                # vaddr & PAGE_KEY: the quick-map key of a byte access
HALF_KEY = -4095                # ... of a halfword (odd addresses keep bit 0 and miss)
WORD_KEY = -4093                # ... of a word (bits 0-1 kept)
FETCH_KEY = -4089               # ... of an instruction fetch (bits 0-2 kept)


class Trap(Exception):
    """Raised while executing an instruction; the core turns it into a trap."""

    def __init__(self, cause, addr=0, access=0):
        self.cause = cause
        self.addr = addr
        self.access = access


def allowed(pte, ring, access):
    """Whether a PTE lets code in `ring` make this access. (A software-refilled
    TLB can hold an entry that is not present: it allows nothing.)"""
    if not pte & PTE_P or ring > (pte >> PTE_RING_SHIFT) & 3:
        return False
    if access == ACCESS_WRITE:
        return bool(pte & PTE_W)
    if access == ACCESS_EXEC:
        return bool(pte & PTE_X)
    return True


class Tlb:
    """The TLB, plus quick maps derived from it for the current asid and ring.

    The quick maps hold only translations whose permission check has passed,
    one map per access kind (read, write, execute), keyed by the virtual
    page's base address, each giving the offset to add to a virtual address
    to get the physical one. A word access can look up `vaddr & WORD_KEY`:
    a misaligned address keeps its low bits, so it simply misses. The write
    map leaves out pages holding decoded code, so a store there takes the
    slow path, which throws the stale code away. `blocks` maps a pc to the
    fast engine's translated block there, valid while its page is in the
    execute map; `block_pages` maps a page to the pcs in `blocks` on it, so
    a page leaving the execute map takes only its own pcs with it. It keeps
    them aside (`parked`) and gives them back if the page comes back to the
    same physical page (fill): a TLB entry evicted and filled again does
    not send each block on it the long way once more. Whatever forgets
    blocks (a write to code, a change of paging) forgets parked ones too.

    There is one set of maps per (asid, ring): a trap, its return and a
    switch of address space select another set instead of emptying one.
    Anything that changes what the TLB answers empties the maps concerned
    (a page in every set, an asid's sets, or all), so a quick hit is always
    exactly a TLB hit. An entry of one asid changes only that asid's
    sets; a global entry changes them all.

    The kernel's ring (0) has one set for every asid: the kernel's pages
    are global (PTE_G), the same in every address space, and a set per
    asid made each new process's kernel miss every kernel page the TLB
    held, once more (in `usertests`, 14,500 quick misses: a block leaving,
    the reference translating the address; and the pages' blocks the long
    way again). It holds the view of one asid (`_kernel_asid`): a switch
    to another (select) drops what that asid's own entries put there
    (`_kernel_own`) and the global pages the new asid's own entries hide,
    so it holds only what the TLB would answer the new one."""

    def __init__(self):
        self.entries = {}
        self._sets = {}                 # (asid, ring) -> (read, write, execute, blocks, block pages, parked)
        self._of_asid = {}              # asid -> its sets
        self._holders = {}              # page key -> the (asid, ring) of sets it was put in (fill)
        # the kernel's set, for every asid: (None, 0) in _sets and _holders
        self._kernel = self._sets[None, KERNEL_RING] = ({}, {}, {}, {}, {}, {})
        self._kernel_asid = 0           # the asid whose view it holds
        self._kernel_own = set()        # the pages that asid's own entries put in it
        self.select(0, 0)

    def select(self, asid, ring):
        if ring == KERNEL_RING:
            if asid != self._kernel_asid:
                self._switch_kernel(asid)
            maps = self._kernel
            self._selected = (None, ring)
        else:
            maps = self._sets.get((asid, ring))
            if maps is None:
                maps = self._sets[asid, ring] = ({}, {}, {}, {}, {}, {})
                self._of_asid.setdefault(asid, []).append(maps)
            self._selected = (asid, ring)
        self.quick = maps[:3]           # read, write, execute
        self.blocks = maps[3]
        self.block_pages = maps[4]
        self.parked = maps[5]

    def fill(self, access, key, offset, shared=False):
        """Put a translation whose permission check passed into the
        selected set's quick map of this access kind (shared: from a global
        entry, the same for every asid). The sets a page was put in are
        remembered, so forgetting it visits only those."""
        self.quick[access][key] = offset
        if not shared and self._selected[0] is None:
            self._kernel_own.add(key)
        holders = self._holders.get(key)
        if holders is None:
            self._holders[key] = {self._selected}
        else:
            holders.add(self._selected)
        if access == ACCESS_EXEC and self.parked:
            parked = self.parked.pop(key, None)
            if parked is not None and parked[0] == offset:     # the same physical page again
                self.blocks.update(parked[1])
                self.block_pages.setdefault(key, set()).update(parked[1])

    def add_block(self, pc, block):
        """Take pc straight to block (vm/fast.py) while pc's page stays in
        the execute map."""
        self.blocks[pc] = block
        self.block_pages.setdefault(pc & PAGE_KEY, set()).add(pc)

    def _switch_kernel(self, asid):
        """Make the kernel's set hold asid's view: without the pages the
        last asid's own entries put there, and without the global pages
        asid's own entries hide."""
        tag = asid << ASID_SHIFT
        hidden = [(k & 0xFFFFF) << 12 for k in self.entries if k & ~0xFFFFF == tag]
        for key in [*self._kernel_own, *hidden]:
            self._drop(self._kernel, key)
        self._kernel_own.clear()
        self._kernel_asid = asid

    @staticmethod
    def _drop(maps, key):
        """Take page key out of one set's quick maps; its blocks are
        parked, to come back if it comes back to the same physical page."""
        read, write, execute, blocks, block_pages, parked = maps
        read.pop(key, None)
        write.pop(key, None)
        offset = execute.pop(key, None)
        if offset is not None:
            pcs = block_pages.pop(key, None)
            if pcs:             # kept aside until the page comes back to the same place (fill)
                parked[key] = (offset, {pc: blocks.pop(pc) for pc in pcs if pc in blocks})

    def forget_quick(self):
        for maps in self._sets.values():
            self._empty(maps)
        self._holders.clear()
        self._kernel_own.clear()

    @staticmethod
    def _empty(maps):
        """Empty one set's quick maps, its blocks parked by page."""
        read, write, execute, blocks, block_pages, parked = maps
        for key, pcs in block_pages.items():
            offset = execute.get(key)
            if offset is not None:
                parked[key] = (offset, {pc: blocks[pc] for pc in pcs if pc in blocks})
        for m in maps[:5]:
            m.clear()

    def forget_writes(self):
        """A page became code: no write may bypass the slow path any more."""
        for maps in self._sets.values():
            maps[1].clear()

    def forget_blocks(self):
        for maps in self._sets.values():
            maps[3].clear()
            maps[4].clear()
            maps[5].clear()

    def _forget_page(self, vpn, asid=None):
        """Drop page vpn from the quick maps of asid's sets (None: of every
        set): of those it was put in (fill), which may since have dropped
        it (a flush empties maps and leaves _holders as it was)."""
        key = vpn << 12
        holders = self._holders.get(key)
        if not holders:
            return
        if asid is None:
            del self._holders[key]
        else:
            # (the kernel's set has asid's entries only while it holds asid's view)
            holders = [held for held in holders if held[0] == asid
                       or held[0] is None and asid == self._kernel_asid]
            self._holders[key].difference_update(holders)
        sets = self._sets
        for held in holders:
            self._drop(sets[held], key)

    def lookup(self, asid, vpn):
        entries = self.entries
        pte = entries.get(asid << ASID_SHIFT | vpn)
        if pte is None:
            pte = entries.get(GLOBAL_TAG | vpn)
        return pte

    def insert(self, asid, vpn, pte):
        key = (GLOBAL_TAG if pte & PTE_G else asid << ASID_SHIFT) | vpn
        self._forget_page(vpn, None if pte & PTE_G else asid)
        entries = self.entries
        entries.pop(key, None)
        if len(entries) >= TLB_ENTRIES:
            oldest = next(iter(entries))
            del entries[oldest]
            owner = oldest >> ASID_SHIFT
            self._forget_page(oldest & 0xFFFFF, None if oldest & GLOBAL_TAG else owner)
        entries[key] = pte

    def flush_all(self):
        self.entries.clear()
        self.forget_quick()

    def flush_page(self, vpn):
        self._forget_page(vpn)
        for key in [k for k in self.entries if k & 0xFFFFF == vpn]:
            del self.entries[key]

    def flush_asid(self, asid):
        for maps in self._of_asid.get(asid, ()):
            self._empty(maps)
        if asid == self._kernel_asid:
            for key in self._kernel_own:
                self._drop(self._kernel, key)
            self._kernel_own.clear()
        tag = asid << ASID_SHIFT
        for key in [k for k in self.entries if k & ~0xFFFFF == tag]:
            del self.entries[key]


def walk(ram_word, ptbr, vaddr, access):
    """Walk the page tables for vaddr without side effects. Returns
    (pte address, pte) or raises a page-fault Trap. ram_word(paddr) reads a
    physical word, or returns None where there is no RAM."""
    pde = ram_word((ptbr & ~0xFFF) + ((vaddr >> 22) << 2))
    if not pde or not pde & PTE_P:
        raise Trap(CAUSE["pagefault"], vaddr, access)
    pte_addr = (pde & ~0xFFF) + (((vaddr >> 12) & 0x3FF) << 2)
    pte = ram_word(pte_addr)
    if not pte or not pte & PTE_P:
        raise Trap(CAUSE["pagefault"], vaddr, access)
    return pte_addr, pte
