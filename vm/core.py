"""One core: its registers, control registers, TLB, timer and counters, and
the memory accesses and trap entry that every execution engine shares.

What an instruction does is in vm/interp.py; this module is the state the
instructions act on and the rules for reaching memory through the MMU.
"""

from .isa import (ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, CAUSE, COST, CSR_NUMBER,
                  FIRST_INTERRUPT, MASK, NCAUSES, NREGS, PTE_A, PTE_D, PTE_G, SP,
                  STATUS_IE, STATUS_PG, STATUS_RING_SHIFT, STATUS_SWTLB)
from .mmu import PAGE_KEY, Tlb, Trap, allowed, walk

C = CSR_NUMBER
ACCESS_KINDS = (ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC)
PAGEFAULT, TLBMISS, MISALIGNED = CAUSE["pagefault"], CAUSE["tlbmiss"], CAUSE["misaligned"]
ADDRESS_CAUSES = (PAGEFAULT, TLBMISS, MISALIGNED)
# Control registers that a write only stores (the others change paging, the
# TLB's address space, the timer or interrupts): the fast engine runs such a
# csrw inside a block.
STORED_CSRS = frozenset(C[n] for n in ("epc", "estatus", "vec", "ksp", "usp", "ptbr", "scratch"))
# Control registers whose value depends on the cycle or instruction counts:
# reading them needs exact counters, so the fast engine leaves such a csrr
# to the reference (a block or a replayed run adds its counts when it ends).
TIMED_CSRS = frozenset(C[n] for n in ("cycle", "cycleh", "instret", "timer"))


class Core:
    def __init__(self, machine, core_id):
        self.machine = machine
        self.mem = machine.memory
        self.id = core_id
        self.reset_state()
        # counters
        self.instructions = 0
        self.cycles = 0
        self.idle_cycles = 0
        self.traps = [0] * NCAUSES
        self.tlb_hits = 0
        self.tlb_misses = 0
        self.tlb_flushes = 0
        self.ring_switches = 0
        # debugger hooks, see Machine.add_hook
        self.trap_hooks = None   # None or a list of callables
        self.mem_hooks = []

    def reset_state(self):
        """Everything a reset sets: registers, rings, control registers, TLB,
        timer, pending interrupts. (Counters keep counting.)"""
        self.regs = [0] * NREGS
        self.pc = 0
        self.ring = 0
        self.ie = 0              # status.IE
        self.paging = 0          # status.PG
        self.swtlb = 0           # status.SWTLB
        self.asid = 0
        self.csr = [0] * 32
        self.tlb = Tlb()
        self.mem.tlbs[self.id] = self.tlb   # so new code can empty its quick maps
        self.waiting = False     # in wfi
        self.limit = 0           # the run loop runs while cycles < limit
        self.resume_limit = 0    # the fast engine: the limit to go on with after an iret (vm/fast.py)
        self.after_device = False    # the slice ended at a device access (Machine.go_on)
        self.timer_deadline = None
        self.ipend = 0           # pending interrupts, bit (cause - 8)

    def reset(self, entry):
        """The state at power-on: a0 = core id, a1 = bytes of RAM, pc = entry."""
        self.reset_state()
        self.regs[1] = self.id
        self.regs[2] = self.mem.size
        self.pc = entry

    # --- status and control registers -----------------------------------------
    @property
    def status(self):
        return (self.ie * STATUS_IE | self.paging * STATUS_PG | self.swtlb * STATUS_SWTLB
                | self.ring << STATUS_RING_SHIFT)

    def set_status(self, value):
        self.ie = value & STATUS_IE and 1
        paging = 1 if value & STATUS_PG else 0
        if paging != self.paging:
            self.tlb.forget_blocks()    # translated blocks are made for one mode
        self.paging = paging
        self.swtlb = 1 if value & STATUS_SWTLB else 0

    def read_csr(self, n):
        if n == C["status"]:
            return self.status
        if n == C["coreid"]:
            return self.id
        if n == C["ncores"]:
            return len(self.machine.cores)
        if n == C["cycle"]:
            return self.cycles & MASK
        if n == C["cycleh"]:
            return self.cycles >> 32 & MASK
        if n == C["instret"]:
            return self.instructions & MASK
        if n == C["timer"]:
            return 0 if self.timer_deadline is None else max(0, self.timer_deadline - self.cycles) & MASK
        if n == C["ipend"]:
            return self.ipend
        if n == C["asid"]:
            return self.asid
        if n == C["memsize"]:
            return self.mem.size
        return self.csr[n]

    @staticmethod
    def csr_expression(n):
        """read_csr(n) as a Python expression over a core `c`, for the fast
        engine to inline (cycle, instret and timer need exact counters, so it
        never asks for those). tests/engines checks they agree."""
        special = {C["status"]: "c.status", C["coreid"]: "c.id", C["ncores"]: "len(c.machine.cores)",
                   C["ipend"]: "c.ipend", C["asid"]: "c.asid", C["memsize"]: "c.mem.size"}
        return special.get(n, f"c.csr[{n}]")

    def write_csr(self, n, value):
        if n == C["status"]:
            self.set_status(value)
        elif n == C["timer"]:
            self.timer_deadline = self.cycles + value if value else None
        elif n == C["ipi"]:
            self.machine.send_ipi(value, self)
        elif n == C["ipend"]:
            self.ipend &= ~value
        elif n == C["asid"]:
            self.asid = value & 0xFF
            self.tlb.select(self.asid, self.ring)
        elif n in STORED_CSRS:
            self.csr[n] = value
        # read-only registers ignore writes

    # --- address translation ------------------------------------------------------
    def translate(self, vaddr, access):
        """Virtual to physical through the TLB, counting hits and misses."""
        offset = self.tlb.quick[access].get(vaddr & PAGE_KEY)
        if offset is not None:
            self.tlb_hits += 1
            return vaddr + offset
        vpn = vaddr >> 12
        pte = self.tlb.lookup(self.asid, vpn)
        if pte is None:
            self.tlb_misses += 1
            pte = self.refill(vaddr, access)
        else:
            self.tlb_hits += 1
            if not allowed(pte, self.ring, access):
                raise Trap(PAGEFAULT, vaddr, access)
            if access == ACCESS_WRITE and not pte & PTE_D and not self.swtlb:
                pte = self.refill(vaddr, access)   # the walker must set dirty
        base = pte & ~0xFFF
        if base < self.mem.size:        # (device pages always take the slow path)
            self._fill(access, vpn << 12, base - (vpn << 12), pte)
        return base | (vaddr & 0xFFF)

    def _fill(self, access, key, offset, pte):
        """Put the page of a TLB entry just used for access into the quick
        maps of that access and of every other the entry allows now: each
        would find the same entry and fill the same (in `usertests`, 3,000
        fewer quick misses, each a block leaving). Not a write to code (it
        must take the slow path, which forgets the code), nor one the
        walker must first mark dirty. A global page is the same for every
        asid: the kernel's set keeps it (vm/mmu.py, Tlb)."""
        code = (key + offset) >> 12 in self.mem.code_pages
        for kind in ACCESS_KINDS:
            if kind == ACCESS_WRITE and (code or not (pte & PTE_D or self.swtlb)):
                continue
            if kind == access or allowed(pte, self.ring, kind):
                self.tlb.fill(kind, key, offset, bool(pte & PTE_G and (kind != ACCESS_WRITE or pte & PTE_D)))

    def walk_page_table(self, vaddr, access):
        """(pte address, pte) of vaddr in this core's page table (ptbr),
        read without side effects; a page-fault Trap if it is not mapped."""
        return walk(self.mem.word, self.csr[C["ptbr"]], vaddr, access)

    def refill(self, vaddr, access):
        """A TLB miss: walk the page table (hardware mode) or trap (software mode)."""
        if self.swtlb:
            raise Trap(TLBMISS, vaddr, access)
        self.cycles += COST["tlb_walk"]
        pte_addr, pte = self.walk_page_table(vaddr, access)
        if not allowed(pte, self.ring, access):
            raise Trap(PAGEFAULT, vaddr, access)
        new = pte | PTE_A | (PTE_D if access == ACCESS_WRITE else 0)
        if new != pte:
            self.mem.set_word(pte_addr, new)
        self.tlb.insert(self.asid, vaddr >> 12, new)
        if self.machine.tracing:
            self.machine.trace("tlb", self, f"fill vpn {vaddr >> 12:#x} asid {self.asid} pte {new:#010x}")
        return new

    def physical(self, vaddr, access):
        return self.translate(vaddr, access) if self.paging else vaddr

    # --- memory access (used by the instructions) -----------------------------------
    def load(self, vaddr, size):
        """Read 1, 2 or 4 bytes (unsigned) at a virtual address."""
        if vaddr & (size - 1):
            raise Trap(MISALIGNED, vaddr, ACCESS_READ)
        paddr = self.translate(vaddr, ACCESS_READ) if self.paging else vaddr
        mem = self.mem
        if paddr < mem.size:
            if size == 4:
                return mem.words[paddr >> 2]
            if size == 1:
                return mem.ram[paddr]
            return mem.ram[paddr] | mem.ram[paddr + 1] << 8
        if size != 4:       # device registers take word accesses only
            raise Trap(PAGEFAULT, vaddr, ACCESS_READ)
        return self.machine.mmio_read(self, paddr, vaddr)

    def store(self, vaddr, size, value):
        if vaddr & (size - 1):
            raise Trap(MISALIGNED, vaddr, ACCESS_WRITE)
        paddr = self.translate(vaddr, ACCESS_WRITE) if self.paging else vaddr
        mem = self.mem
        if paddr < mem.size:
            if size == 4:
                mem.words[paddr >> 2] = value & MASK
            elif size == 1:
                mem.ram[paddr] = value & 0xFF
            else:
                mem.ram[paddr] = value & 0xFF
                mem.ram[paddr + 1] = value >> 8 & 0xFF
            if paddr >> 12 in mem.code_pages:
                mem.forget_code(paddr >> 12)
            return
        if size != 4:
            raise Trap(PAGEFAULT, vaddr, ACCESS_WRITE)
        self.machine.mmio_write(self, paddr, vaddr, value & MASK)

    def add_memory_hook(self, fn):
        """Route this core's loads and stores through wrappers that call the
        hooks; the plain methods stay untouched, so no hook costs nothing."""
        self.mem_hooks = self.mem_hooks + [fn]
        core = self

        def load(vaddr, size):
            value = Core.load(core, vaddr, size)
            for hook in core.mem_hooks:
                hook(core, vaddr, size, ACCESS_READ, value)
            return value

        def store(vaddr, size, value):
            Core.store(core, vaddr, size, value)
            for hook in core.mem_hooks:
                hook(core, vaddr, size, ACCESS_WRITE, value)

        self.load, self.store = load, store

    def remove_memory_hook(self, fn):
        self.mem_hooks = [h for h in self.mem_hooks if h is not fn]
        if not self.mem_hooks:
            del self.load, self.store

    def ram_range(self, vaddr, n, access):
        """Physical (address, length) pieces of a virtual range, one per page,
        all checked before anything is touched (block instructions)."""
        pieces = []
        while n > 0:
            chunk = min(n, 4096 - (vaddr & 0xFFF))
            paddr = self.physical(vaddr, access)
            if paddr + chunk > self.mem.size:
                raise Trap(PAGEFAULT, vaddr, access)
            pieces.append((paddr, chunk))
            vaddr = (vaddr + chunk) & MASK
            n -= chunk
        return pieces

    def fetch_address(self, pc):
        if pc & 7:
            raise Trap(MISALIGNED, pc, ACCESS_EXEC)
        paddr = self.translate(pc, ACCESS_EXEC) if self.paging else pc
        if paddr >= self.mem.size:
            raise Trap(PAGEFAULT, pc, ACCESS_EXEC)
        return paddr

    # --- traps ----------------------------------------------------------------------
    def enter_trap(self, cause, epc, addr=0, access=0):
        """What the hardware does on a trap or interrupt."""
        self.traps[cause] += 1
        csr = self.csr
        csr[C["epc"]] = epc
        csr[C["estatus"]] = self.ie | self.ring << STATUS_RING_SHIFT
        csr[C["cause"]] = cause
        if cause in ADDRESS_CAUSES:
            csr[C["badaddr"]] = addr
            csr[C["access"]] = access
        self.ie = 0
        from_ring = self.ring
        if from_ring:
            csr[C["usp"]] = self.regs[SP]
            self.regs[SP] = csr[C["ksp"]]
            self.ring = 0
            self.ring_switches += 1
            self.tlb.select(self.asid, 0)
        self.cycles += COST["trap"]
        self.pc = (csr[C["vec"]] + 8 * cause) & MASK
        machine = self.machine
        if machine.tracing:
            machine.trace("trap" if cause < FIRST_INTERRUPT else "irq", self,
                          f"{machine.cause_name(cause)} epc {epc:#x} ring {from_ring}"
                          + (f" addr {addr:#x}" if cause in ADDRESS_CAUSES else ""))
            if from_ring:
                machine.trace("ring", self, f"{from_ring} -> 0")
        if self.trap_hooks:
            for hook in self.trap_hooks:
                hook(self, cause, epc)

    def take_interrupt(self):
        """Deliver the lowest-numbered pending interrupt if interrupts are on."""
        if not (self.ie and self.ipend):
            return False
        bit = (self.ipend & -self.ipend).bit_length() - 1
        cause = FIRST_INTERRUPT + bit
        if cause in (CAUSE["timer"], CAUSE["ipi"]):
            self.ipend &= ~(1 << bit)       # edge-triggered: taking it clears it
        self.enter_trap(cause, self.pc)
        return True

    def counters(self):
        names = self.machine.cause_names()
        return {
            "instructions": self.instructions,
            "cycles": self.cycles,
            "idle_cycles": self.idle_cycles,
            "tlb_hits": self.tlb_hits,
            "tlb_misses": self.tlb_misses,
            "tlb_flushes": self.tlb_flushes,
            "ring_switches": self.ring_switches,
            "traps": {names[i]: n for i, n in enumerate(self.traps)},
        }


__all__ = ["Core", "Trap", "ACCESS_READ", "ACCESS_WRITE", "ACCESS_EXEC"]
