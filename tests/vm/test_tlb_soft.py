"""Software TLB refill (status.SWTLB): misses trap, the kernel writes entries."""

from vm import isa
from helpers import make_machine, reg, run, word

P, W, X, G, D = isa.PTE_P, isa.PTE_W, isa.PTE_X, isa.PTE_G, isa.PTE_D
MODE = isa.STATUS_PG | isa.STATUS_SWTLB

# The program's own pages and the power page are written into the TLB as
# global entries before paging goes on; the tlbmiss handler maps virtual
# page V of 0x400000.. to frame 0x300000 + (V - 0x400000), read/write.
PRELUDE = f"""
    li t0, vectors
    csrw vec, t0
    li a1, 0x1000
    li a2, 0x1000 | {P | W | X | G}
    tlbwr a1, a2
    li a1, 0x2000
    li a2, 0x2000 | {P | W | X | G}
    tlbwr a1, a2
    li a1, 0xF0002000
    li a2, 0xF0002000 | {P | W | G}
    tlbwr a1, a2
    li t0, {MODE}
    csrw status, t0
"""
KERNEL = f"""
    halt
refill:
    sw t0, save(zero)
    sw t1, save+4(zero)
    lw t0, nmiss(zero)
    addi t0, t0, 1
    sw t0, nmiss(zero)
    csrr t0, badaddr
    sw t0, lastbad(zero)
    csrr t1, access
    sw t1, lastacc(zero)
    shri t0, t0, 12
    shli t0, t0, 12
    subi t1, t0, 0x100000           # frame = page - 0x100000
    ori t1, t1, {P | W}
    tlbwr t0, t1
    lw t0, save(zero)
    lw t1, save+4(zero)
    iret
other:
    csrr t0, cause
    sw t0, othercause(zero)
    csrr t0, badaddr
    sw t0, otherbad(zero)
    csrr t0, access
    sw t0, otheracc(zero)
    halt
.align 64
vectors:
    jmp other
    jmp other
    jmp other
    jmp refill
    jmp other
    jmp other
    jmp other
    jmp other
.align 8
save: .word 0, 0
nmiss: .word 0
lastbad: .word 0
lastacc: .word 0
othercause: .word 0xFFFFFFFF
otherbad: .word 0
otheracc: .word 0
"""


def soft(body, **kw):
    m = make_machine(PRELUDE + body + KERNEL, mem_mib=4, **kw)
    assert max(s.vaddr + s.memsize for s in m.prog.image.segments) <= 0x3000
    return m


def val(m, name):
    return word(m, m.prog[name])


def test_miss_traps_handler_refills_access_succeeds():
    m = soft("""
        li s0, 0x400010
        li a0, 0
    load:
        lw a0, 0(s0)
        lw a1, 4(s0)          # same page: now a hit
    """)
    m.write_phys(0x300010, (0xAB).to_bytes(4, "little") + (0xCD).to_bytes(4, "little"))
    run(None, machine=m, max_instructions=200)
    assert val(m, "othercause") == 0xFFFFFFFF
    assert val(m, "nmiss") == 1
    assert val(m, "lastbad") == 0x400010 and val(m, "lastacc") == 0
    assert (reg(m, "a0"), reg(m, "a1")) == (0xAB, 0xCD)
    c = m.counters()
    assert c["traps"]["tlbmiss"] == 1 and c["tlb_misses"] == 1


def test_store_miss_reports_write_and_no_walk_happens():
    m = soft("""
        li s0, 0x401000
        li a0, 0x77
        sw a0, 8(s0)
    """)
    run(None, machine=m, max_instructions=200)
    assert val(m, "lastbad") == 0x401008 and val(m, "lastacc") == 1
    assert word(m, 0x301008) == 0x77
    # software mode never walks: cycles have no walk cost in them
    assert m.cores[0].tlb_misses == 1


def test_no_page_table_is_read_in_software_mode():
    # ptbr points at garbage: irrelevant in software mode
    m = soft("""
        li s0, 0x402000
        lw a0, 0(s0)
    """)
    m.write_phys(0x302000, (9).to_bytes(4, "little"))
    run(None, machine=m, max_instructions=200)
    assert reg(m, "a0") == 9 and val(m, "nmiss") == 1


def test_fetch_miss_reports_execute():
    m = soft("""
        li s0, 0x403000
        jr s0
    """)
    run(None, machine=m, max_instructions=200, expect=None)
    assert val(m, "lastbad") == 0x403000 and val(m, "lastacc") == 2


def test_permissions_of_written_entries_are_checked():
    m = soft(f"""
        li a1, 0x404000
        li a2, 0x304000 | {P}
        tlbwr a1, a2             # read-only entry
        lw a0, 0(a1)
    bad:
        sw a0, 0(a1)
    """)
    run(None, machine=m, max_instructions=200)
    assert val(m, "othercause") == isa.CAUSE["pagefault"]
    assert val(m, "otherbad") == 0x404000 and val(m, "otheracc") == 1
    assert val(m, "nmiss") == 0


def test_tlbwr_tags_entries_with_the_current_asid():
    m = soft(f"""
        li a1, 0x405000
        li a2, 0x305000 | {P | W}
        tlbwr a1, a2             # asid 0
        li t0, 3
        csrw asid, t0
        lw a0, 0(a1)             # asid 3: miss, handler maps 0x305000 as well
        li t0, 0
        csrw asid, t0
        lw a1, 0(a1)             # asid 0: hit
    """)
    run(None, machine=m, max_instructions=200)
    assert val(m, "nmiss") == 1


def test_non_present_entry_written_by_tlbwr_faults():
    """tlbwr of an entry without the present bit must not make the page usable."""
    m = soft("""
        li a1, 0x406000
        li a2, 0x306000 | 2        # writable but not present
        tlbwr a1, a2
        li a0, 0x55
        sw a0, 0(a1)
    """)
    run(None, machine=m, max_instructions=200)
    assert word(m, 0x306000) != 0x55, "a non-present TLB entry was used"


def test_flush_then_miss_again():
    m = soft("""
        li s0, 0x407000
        lw a0, 0(s0)
        lw a0, 0(s0)
        tlbflushpg s0
        lw a0, 0(s0)
        tlbflushasid zero         # global program pages survive
        lw a0, 0(s0)
    """)
    run(None, machine=m, max_instructions=300)
    assert val(m, "nmiss") == 3


def test_dirty_bit_is_not_set_by_hardware_in_software_mode():
    m = soft(f"""
        li a1, 0x408000
        li a2, 0x308000 | {P | W}
        tlbwr a1, a2
        sw a1, 0(a1)
    """)
    run(None, machine=m, max_instructions=200)
    assert word(m, 0x308000) == 0x408000
    pte = m.cores[0].tlb.lookup(0, 0x408)
    assert pte is not None and not pte & D


def test_many_pages_with_a_handler_that_keeps_its_own_entries():
    """More pages than the TLB holds: the handler's pages are global entries
    that could be evicted; the handler re-writes them, so it keeps running."""
    m = soft("""
        li s0, 0x400000
        li s1, 100
    loop:
        sw s1, 0(s0)
        addi s0, s0, 4096
        subi s1, s1, 1
        bnez s1, loop
    """.replace("loop:", "loop:\n" + REFRESH))
    run(None, machine=m, max_instructions=20000)
    assert val(m, "othercause") == 0xFFFFFFFF
    assert val(m, "nmiss") == 100
    assert word(m, 0x300000) == 100 and word(m, 0x300000 + 99 * 4096) == 1


REFRESH = f"""
        li a1, 0x1000
        li a2, 0x1000 | {P | W | X | G}
        tlbwr a1, a2
        li a1, 0x2000
        li a2, 0x2000 | {P | W | X | G}
        tlbwr a1, a2
        li a1, 0xF0002000
        li a2, 0xF0002000 | {P | W | G}
        tlbwr a1, a2
"""
