"""Reading and writing the machine's memory for the debugger: physically,
or virtually through an address space (a page directory), without side
effects (no TLB fills, no accessed bits, no counters)."""

from vm.errors import MinosError
from vm.isa import CSR_NUMBER, MASK, PTE_P, PTE_RING_SHIFT, PTE_W, PTE_X
from .symbols import DebugError

PTBR = CSR_NUMBER["ptbr"]


def space_key(core):
    """The address space a core runs in: (page directory or None, asid)."""
    return (core.csr[PTBR] if core.paging else None, core.asid)


class AddressSpace:
    """An address space: a page directory (ptbr) or None for 'paging off'."""

    def __init__(self, machine, ptbr=None):
        self.machine = machine
        self.ptbr = ptbr

    @classmethod
    def of_core(cls, core):
        return cls(core.machine, core.csr[PTBR] if core.paging else None)

    def translate(self, vaddr):
        if self.ptbr is None:
            return vaddr
        paddr = self.machine.translate(self.ptbr, vaddr & MASK)
        if paddr is None:
            raise DebugError(f"cannot access memory at {vaddr & MASK:#x}: not mapped")
        return paddr

    def read(self, vaddr, n):
        if n < 0 or n > 1 << 20:
            raise DebugError(f"cannot read {n} bytes")
        try:
            if self.ptbr is None:
                return self.machine.read_phys(vaddr & MASK, n)
            return self.machine.read_virtual(self.ptbr, vaddr & MASK, n)
        except MinosError:
            raise DebugError(f"cannot access memory at {vaddr & MASK:#x}") from None

    def write(self, vaddr, data):
        at = 0
        while at < len(data):
            chunk = min(len(data) - at, 4096 - ((vaddr + at) & 0xFFF))
            paddr = self.translate((vaddr + at) & MASK)
            try:
                self.machine.write_phys(paddr, data[at:at + chunk])
            except MinosError:
                raise DebugError(f"cannot access memory at {(vaddr + at) & MASK:#x}") from None
            at += chunk

    def word(self, vaddr):
        return int.from_bytes(self.read(vaddr, 4), "little")


def mappings(machine, ptbr):
    """The mappings of a page directory, merged into ranges of pages with
    the same permissions and contiguous physical pages:
    [(vstart, vend, pstart, perms, ring)]."""
    mem = machine.memory
    out = []
    for di in range(1024):
        pde = mem.word((ptbr & ~0xFFF) + di * 4)
        if not pde or not pde & PTE_P:
            continue
        table = pde & ~0xFFF
        for ti in range(1024):
            pte = mem.word(table + ti * 4)
            if not pte or not pte & PTE_P:
                continue
            vaddr = (di << 22) | (ti << 12)
            paddr = pte & ~0xFFF
            perms = "r" + ("w" if pte & PTE_W else "-") + ("x" if pte & PTE_X else "-")
            ring = (pte >> PTE_RING_SHIFT) & 3
            if out and out[-1][1] == vaddr and out[-1][3] == perms and out[-1][4] == ring \
                    and out[-1][2] + (vaddr - out[-1][0]) == paddr:
                out[-1][1] = vaddr + 4096
            else:
                out.append([vaddr, vaddr + 4096, paddr, perms, ring])
    return [tuple(m) for m in out]
