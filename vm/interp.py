"""The reference interpreter: what each instruction does, and the loop that runs them.

Each instruction of the table (vm/isa.py) gets a handler `h(core, d, pc)`
that performs it and returns the next pc. ALU operations, loads, stores and
branches are generated from the table's semantics; the system instructions
are written out by hand below. `d` is the decoded tuple:

    (handler, rd, rs1, rs2, imm, cycles, insn)

A handler raises Trap for an exception (the instruction has no effect and is
not counted). After an instruction that may make an interrupt deliverable
(sti, iret, csrw, wfi, a device access) it sets core.limit to 0, which ends
the run loop so the machine can look.
"""

from .isa import (ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, BY_NAME, CAUSE, COST, CSR_NUMBER, INSTRUCTIONS, LR,
                  MASK, SP, STATUS_RING_SHIFT, decode)
from .mmu import FETCH_KEY, Trap

PRIVILEGED = CAUSE["privileged"]
EPC, ESTATUS, USP, VEC = (CSR_NUMBER[n] for n in ("epc", "estatus", "usp", "vec"))
DIVZERO = CAUSE["divzero"]


# --- semantics helpers used by the table's expressions ---------------------------------
def s(x):
    """Read a 32-bit value as signed."""
    return x - 0x100000000 if x & 0x80000000 else x


def sdiv(a, b):
    q = abs(s(a)) // abs(s(b))
    return -q if (s(a) < 0) != (s(b) < 0) else q


def srem(a, b):
    r = abs(s(a)) % abs(s(b))
    return -r if s(a) < 0 else r


SEM_GLOBALS = {"s": s, "sdiv": sdiv, "srem": srem, "MASK": MASK, "Trap": Trap,
               "DIVZERO": DIVZERO, "PRIVILEGED": PRIVILEGED}


# --- generated handlers ----------------------------------------------------------------
def _alu_source(insn):
    b = "d[4]" if insn.form == "I" else "r[d[3]]"
    check = "    if not b: raise Trap(DIVZERO)\n" if insn.kind == "div" else ""
    return (f"def h(c, d, pc):\n"
            f"    r = c.regs\n"
            f"    a = r[d[2]]; b = {b}\n{check}"
            f"    if d[1]: r[d[1]] = ({insn.sem}) & MASK\n"
            f"    return (pc + 8) & MASK\n")


def _load_source(insn):
    size = int(insn.sem)
    signed = insn.name in ("lb", "lh")
    value = "c.load((r[d[2]] + d[4]) & MASK, %d)" % size
    if signed:
        bit = 1 << (size * 8 - 1)
        value = f"(({value} ^ {bit}) - {bit}) & MASK"
    return (f"def h(c, d, pc):\n"
            f"    r = c.regs\n"
            f"    v = {value}\n"
            f"    if d[1]: r[d[1]] = v\n"
            f"    return (pc + 8) & MASK\n")


def _store_source(insn):
    return (f"def h(c, d, pc):\n"
            f"    r = c.regs\n"
            f"    c.store((r[d[2]] + d[4]) & MASK, {insn.sem}, r[d[3]])\n"
            f"    return (pc + 8) & MASK\n")


def _branch_source(insn):
    return (f"def h(c, d, pc):\n"
            f"    r = c.regs\n"
            f"    a = r[d[2]]; b = r[d[3]]\n"
            f"    return d[4] if {insn.sem} else (pc + 8) & MASK\n")


GENERATED = {"alu": _alu_source, "div": _alu_source, "load": _load_source,
             "store": _store_source, "branch": _branch_source}


def _generate(insn):
    namespace = dict(SEM_GLOBALS)
    exec(GENERATED[insn.kind](insn), namespace)
    handler = namespace["h"]
    handler.__name__ = f"op_{insn.name}"
    return handler


# --- hand-written handlers ---------------------------------------------------------
def op_li(c, d, pc):
    if d[1]:
        c.regs[d[1]] = d[4]
    return (pc + 8) & MASK


def op_mov(c, d, pc):
    if d[1]:
        c.regs[d[1]] = c.regs[d[2]]
    return (pc + 8) & MASK


def op_jmp(c, d, pc):
    return d[4]


def op_call(c, d, pc):
    c.regs[LR] = (pc + 8) & MASK
    return d[4]


def op_jr(c, d, pc):
    return c.regs[d[2]]


def op_callr(c, d, pc):
    target = c.regs[d[2]]
    c.regs[LR] = (pc + 8) & MASK
    return target


def op_swap(c, d, pc):
    r = c.regs
    addr = r[d[2]]
    old = c.load(addr, 4)
    c.store(addr, 4, r[d[3]])
    if d[1]:
        r[d[1]] = old
    return (pc + 8) & MASK


def op_cas(c, d, pc):
    r = c.regs
    addr = r[d[2]]
    c.physical(addr, ACCESS_WRITE)      # fault before reading if not writable
    old = c.load(addr, 4)
    if old == r[d[1]]:
        c.store(addr, 4, r[d[3]])
    if d[1]:
        r[d[1]] = old
    return (pc + 8) & MASK


def op_bcopy(c, d, pc):
    r = c.regs
    n = r[d[3]]
    src = c.ram_range(r[d[2]], n, ACCESS_READ)
    dst = c.ram_range(r[d[1]], n, ACCESS_WRITE)
    mem = c.mem
    data = b"".join(mem.ram[p:p + k] for p, k in src)   # whole source first: overlap-safe
    at = 0
    for paddr, k in dst:
        mem.write(paddr, data[at:at + k])
        at += k
    c.cycles += (n >> 2) * COST["block_per_word"]
    return (pc + 8) & MASK


def op_bfill(c, d, pc):
    r = c.regs
    n = r[d[3]]
    byte = bytes([r[d[2]] & 0xFF])
    for paddr, k in c.ram_range(r[d[1]], n, ACCESS_WRITE):
        c.mem.write(paddr, byte * k)
    c.cycles += (n >> 2) * COST["block_per_word"]
    return (pc + 8) & MASK


def op_syscall(c, d, pc):
    raise Trap(CAUSE["syscall"])


def op_brk(c, d, pc):
    raise Trap(CAUSE["breakpoint"], pc)


def op_nop(c, d, pc):
    return (pc + 8) & MASK


def op_iret(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    estatus = c.csr[ESTATUS]
    ring = estatus >> STATUS_RING_SHIFT & 3
    c.ie = estatus & 1
    if ring:
        c.regs[SP] = c.csr[USP]
    if ring != c.ring:
        c.ring_switches += 1
        c.tlb.select(c.asid, ring)
        if c.machine.tracing:
            c.machine.trace("ring", c, f"{c.ring} -> {ring}")
    c.ring = ring
    c.limit = 0
    return c.csr[EPC]


def op_wfi(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    if not c.ipend:
        c.waiting = True
    c.limit = 0
    return (pc + 8) & MASK


def op_cli(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    c.ie = 0
    return (pc + 8) & MASK


def op_sti(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    c.ie = 1
    c.limit = 0
    return (pc + 8) & MASK


def op_csrr(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    if d[1]:
        c.regs[d[1]] = c.read_csr(d[4])
    return (pc + 8) & MASK


def op_csrw(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    c.write_csr(d[4], c.regs[d[2]])
    c.limit = 0
    return (pc + 8) & MASK


def op_tlbflush(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    c.tlb.flush_all()
    c.tlb_flushes += 1
    c.machine.trace("tlb", c, "flush all")
    return (pc + 8) & MASK


def op_tlbflushpg(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    c.tlb.flush_page(c.regs[d[2]] >> 12)
    c.tlb_flushes += 1
    c.machine.trace("tlb", c, f"flush page {c.regs[d[2]] >> 12:#x}")
    return (pc + 8) & MASK


def op_tlbflushasid(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    c.tlb.flush_asid(c.regs[d[2]] & 0xFF)
    c.tlb_flushes += 1
    c.machine.trace("tlb", c, f"flush asid {c.regs[d[2]] & 0xFF}")
    return (pc + 8) & MASK


def op_tlbwr(c, d, pc):
    if c.ring:
        raise Trap(PRIVILEGED)
    c.tlb.insert(c.asid, c.regs[d[2]] >> 12, c.regs[d[3]])
    c.machine.trace("tlb", c, f"write vpn {c.regs[d[2]] >> 12:#x} pte {c.regs[d[3]]:#010x}")
    return (pc + 8) & MASK


def _handler(insn):
    if insn.kind in GENERATED:
        return _generate(insn)
    return globals()["op_" + insn.kind]


HANDLERS = {insn.opcode: _handler(insn) for insn in INSTRUCTIONS}
ILLEGAL = CAUSE["illegal"]
SYSCALL = CAUSE["syscall"]
BREAKPOINT = CAUSE["breakpoint"]


# (word 0, word 1) -> the tuple the loop runs: decoding is a function of the
# words alone, and the same instruction appears at many addresses (and in
# every machine of a process), so each is decoded once. Bounded: it starts
# over when full.
_DECODINGS = {}
_MAX_DECODINGS = 1 << 16


def decode_at(mem, paddr):
    """Decode the instruction at a physical address into the tuple the loop runs,
    remembering it until the page is written."""
    words = (mem.words[paddr >> 2], mem.words[(paddr >> 2) + 1])
    entry = _DECODINGS.get(words)
    if entry is None:
        d = decode(*words)
        if d is None:
            raise Trap(ILLEGAL)
        entry = (HANDLERS[d.insn.opcode], d.rd, d.rs1, d.rs2, d.imm, d.insn.cycles, d.insn)
        if len(_DECODINGS) >= _MAX_DECODINGS:
            _DECODINGS.clear()
        _DECODINGS[words] = entry
    mem.decoded[paddr] = entry
    mem.mark_code(paddr >> 12)
    return entry


def run_slice(core, limit):
    """Run `core` until its cycle count reaches `limit`, an instruction sets
    core.limit to 0, or a trap is taken. Every instruction costs at least one
    cycle, so limit = cycles + 1 runs exactly one. Returns how much of the
    run's budget was used: instructions executed, plus one for a trap."""
    mem = core.mem
    decoded = mem.decoded
    fetch = core.fetch_address
    core.limit = limit
    start = core.instructions
    pc = core.pc
    d = None
    try:
        if core.paging:
            quick = core.tlb.quick[ACCESS_EXEC]
            while core.cycles < core.limit:
                offset = quick.get(pc & FETCH_KEY)
                if offset is None:
                    paddr = fetch(pc)
                else:
                    core.tlb_hits += 1
                    paddr = pc + offset
                d = decoded.get(paddr) or decode_at(mem, paddr)
                pc = d[0](core, d, pc)
                core.instructions += 1
                core.cycles += d[5]
        else:
            # Paging off: physical = virtual, and the decoded cache only holds
            # aligned addresses inside RAM, so a hit needs no further check.
            while core.cycles < core.limit:
                d = decoded.get(pc) or decode_at(mem, fetch(pc))
                pc = d[0](core, d, pc)
                core.instructions += 1
                core.cycles += d[5]
    except Trap as t:
        extra = finish_trap(core, t, pc)
        return core.instructions - start + extra
    core.pc = pc & MASK
    return core.instructions - start


def run_slice_tallied(core, limit, counts, cycles, stop_pc=-1):
    """run_slice for a profiler (Machine.set_tally): the same effects and
    counters, and for each instruction run it adds 1 to counts[pc] and the
    cycles it took (with any TLB walk, and the trap entry of an instruction
    that traps) to cycles[pc], pc being its virtual address. The run also
    ends before the instruction at stop_pc, so the profiler can look again
    there (at a context switch, say). Slower than run_slice; exact."""
    mem, fetch = core.mem, core.fetch_address
    decoded = mem.decoded
    core.limit = limit
    start, pc, before = core.instructions, core.pc, core.cycles
    try:
        while core.cycles < core.limit:
            before = core.cycles
            paddr = fetch(pc)
            d = decoded.get(paddr) or decode_at(mem, paddr)
            at = pc
            pc = d[0](core, d, pc)
            core.instructions += 1
            core.cycles += d[5]
            counts[at] = counts.get(at, 0) + 1
            cycles[at] = cycles.get(at, 0) + core.cycles - before
            if pc == stop_pc:
                break
    except Trap as t:
        done = core.instructions
        extra = finish_trap(core, t, pc)
        counts[pc] = counts.get(pc, 0) + core.instructions - done
        cycles[pc] = cycles.get(pc, 0) + core.cycles - before
        return core.instructions - start + extra
    core.pc = pc & MASK
    return core.instructions - start


# instructions that complete by trapping: their cause -> their cycles
COMPLETE_BY_TRAPPING = {SYSCALL: BY_NAME["syscall"].cycles, BREAKPOINT: BY_NAME["brk"].cycles}


def finish_trap(core, t, pc):
    """A Trap raised by the instruction at pc. Shared by both engines.
    Returns the budget it uses: 1."""
    core.pc = pc
    if t.cause in COMPLETE_BY_TRAPPING:
        core.instructions += 1
        core.cycles += COMPLETE_BY_TRAPPING[t.cause]
        core.enter_trap(t.cause, (pc + 8) & MASK if t.cause == SYSCALL else pc)
        return 0                              # counted as an instruction instead
    if pc == (core.csr[VEC] + 8 * t.cause) & MASK:
        core.machine.double_fault(core, t, pc)
    else:
        core.enter_trap(t.cause, pc, t.addr, t.access)
    return 1     # a fault counts against the budget, so a fault loop still ends


assert set(HANDLERS) == {i.opcode for i in INSTRUCTIONS}
