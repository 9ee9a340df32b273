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
GLOBAL_TAG = 256 << 20          # tag of global entries: an asid no one can have
ASID_SHIFT = 20


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
    """The TLB, plus three quick maps derived from it (virtual page -> physical
    page base) for the current asid and ring, one per access kind, holding
    only translations whose permission check has passed. They answer most
    accesses with one dict lookup; any change to the TLB, the ring or the asid
    empties them, so a quick hit is always exactly a TLB hit."""

    def __init__(self):
        self.entries = {}
        self.quick = ({}, {}, {})      # read, write, execute

    def forget_quick(self):
        for q in self.quick:
            q.clear()

    def lookup(self, asid, vpn):
        entries = self.entries
        pte = entries.get(asid << ASID_SHIFT | vpn)
        if pte is None:
            pte = entries.get(GLOBAL_TAG | vpn)
        return pte

    def insert(self, asid, vpn, pte):
        key = (GLOBAL_TAG if pte & PTE_G else asid << ASID_SHIFT) | vpn
        self.forget_quick()
        entries = self.entries
        entries.pop(key, None)
        if len(entries) >= TLB_ENTRIES:
            del entries[next(iter(entries))]
        entries[key] = pte

    def flush_all(self):
        self.entries.clear()
        self.forget_quick()

    def flush_page(self, vpn):
        self.forget_quick()
        for key in [k for k in self.entries if k & 0xFFFFF == vpn]:
            del self.entries[key]

    def flush_asid(self, asid):
        self.forget_quick()
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
