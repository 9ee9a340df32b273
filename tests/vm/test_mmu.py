"""The MMU in hardware-walk mode: page tables, permissions, A/D bits, the TLB."""

import pytest

from vm import isa
from helpers import (PD, PageTables, image_end, make_machine, paging_on, probe, reg, run,
                     traps, with_traps, word)

P, W, X, A, D, G = isa.PTE_P, isa.PTE_W, isa.PTE_X, isa.PTE_A, isa.PTE_D, isa.PTE_G


def paged(body, tail="", mem_mib=4, power=True):
    """A machine running `body` under paging, with the program identity-mapped."""
    m = make_machine(with_traps(paging_on() + body) + tail, mem_mib=mem_mib)
    pt = PageTables(m)
    pt.identity(0x1000, image_end(m), "rwx")
    if power:
        pt.map(0xF0002000, 0xF0002000, "rw")
    return m, pt


def test_translation_through_two_levels():
    m, pt = paged("""
        li s0, 0x00C01234
        lw a0, 0(s0)
        li a1, 0xBEEF
        sw a1, 4(s0)
    """)
    pt.map(0x00C01000, 0x300000, "rw")       # directory entry 3, table entry 1
    m.write_phys(0x300234, (0xCAFE).to_bytes(4, "little"))
    run(None, machine=m, max_instructions=300)
    assert traps(m) == []
    assert reg(m, "a0") == 0xCAFE
    assert word(m, 0x300238) == 0xBEEF
    assert m.translate(PD, 0x00C01234) == 0x300234
    assert m.translate(PD, 0x00C02000) is None
    assert m.read_virtual(PD, 0x00C01234, 8) == bytes.fromhex("FECA0000EFBE0000")


def test_accessed_and_dirty_bits():
    m, pt = paged("""
        li s0, 0x400000
        lw a0, 0(s0)          # read page: accessed only
        li s1, 0x401000
        sw a0, 0(s1)          # written page: accessed and dirty
        li s2, 0x402000
        lw a0, 0(s2)          # read first, then written: dirty after the write
        sw a0, 0(s2)
    """)
    for i in range(4):
        pt.map(0x400000 + i * 0x1000, 0x300000 + i * 0x1000, "rw")
    run(None, machine=m, max_instructions=300)
    assert traps(m) == []
    assert pt.pte(0x400000) & (A | D) == A
    assert pt.pte(0x401000) & (A | D) == A | D
    assert pt.pte(0x402000) & (A | D) == A | D
    assert pt.pte(0x403000) & (A | D) == 0           # never touched
    assert pt.pte(0x1000) & (A | D) == A              # code page: fetched, not written
    # the directory entries are not touched by the walker
    assert word(m, PD + 1 * 4) & (A | D) == 0


@pytest.mark.parametrize("insn, va, access", [
    ("lw a0, 0(s0)", 0x500000, 0),        # nothing mapped there
    ("sw a0, 0(s0)", 0x500000, 1),
    ("lw a0, 0(s0)", 0x404000, 0),        # table exists, entry not present
    ("sw a0, 0(s0)", 0x400000, 1),        # read-only page
    ("swap a0, s0, a0", 0x400000, 1),
    ("cas a0, s0, a0", 0x400000, 1),
    ("callr s0", 0x400000, 2),            # not executable
    ("callr s0", 0x404000, 2),
])
def test_page_faults_report_address_and_access(insn, va, access):
    m, pt = paged(f"""
        li s0, {va}
        li a0, 0x66
    bad:
        {insn}
        li a1, 1
    """)
    pt.map(0x400000, 0x300000, "r")
    m.write_phys(0x300000, (0x1111).to_bytes(4, "little"))
    run(None, machine=m, max_instructions=300, expect=None)
    t = traps(m)[0]
    assert (t["cause"], t["badaddr"], t["access"]) == (2, va, access)
    # a fault on a load or store is at the instruction; on a fetch at the target
    assert t["epc"] == (va if access == 2 else m.prog["bad"])
    assert word(m, 0x300000) == 0x1111
    if access != 2:
        assert reg(m, "a0") == 0x66 and reg(m, "a1") == 1


def test_page_fault_inside_a_page_is_the_exact_address():
    m, pt = paged("li s0, 0x500ABC\nlbu a0, 3(s0)\n")
    run(None, machine=m, max_instructions=300)
    assert traps(m)[0]["badaddr"] == 0x500ABF


def test_read_only_page_can_be_read():
    m, pt = paged("li s0, 0x400000\nlw a0, 0(s0)\n")
    pt.map(0x400000, 0x300000, "r")
    m.write_phys(0x300000, (7).to_bytes(4, "little"))
    run(None, machine=m, max_instructions=300)
    assert traps(m) == [] and reg(m, "a0") == 7


def test_directory_entry_pointing_outside_ram_faults():
    m, pt = paged("li s0, 0x800000\nlw a0, 0(s0)\n")
    m.write_phys(PD + 2 * 4, (0x7F000000 | P).to_bytes(4, "little"))
    run(None, machine=m, max_instructions=300)
    (t,) = traps(m)
    assert (t["cause"], t["badaddr"]) == (2, 0x800000)


def test_tlb_counters_exact_for_a_loop():
    m, pt = paged("""
        li s0, 0x400000
        li a1, 10
    loop:
        lw a0, 0(s0)
        addi a0, a0, 1
        sw a0, 0(s0)
        subi a1, a1, 1
        bnez a1, loop
    """)
    pt.map(0x400000, 0x300000, "rw")
    run(None, machine=m, max_instructions=300)
    c = m.cores[0]
    # with paging on: 2 + 50 + 1 (halt) fetches, 10 loads, 11 stores (halt included)
    lookups = 53 + 21
    # misses: the code page, the data page, the power page
    assert c.tlb_misses == 3
    assert c.tlb_hits == lookups - 3
    assert word(m, 0x300000) == 10
    # cycles: setup 6 (vec, paging) + 2 + loop 10 * 7 + halt 12, plus 4 walks (3 misses and
    # the walk that sets the dirty bit on the first store to the data page)
    assert c.cycles == 6 + 2 + 70 + 12 + 4 * isa.COST["tlb_walk"]


FLUSH_PROG = """
        li s0, 0x400000
        li s1, 0x401000
        lw a0, 0(s0)
        lw a0, 0(s1)
    p1:
        lw a0, 0(s0)          # hit
    p2:
        tlbflushpg s0
    p3:
        lw a0, 0(s0)          # miss again
    p4:
        lw a0, 0(s1)          # still a hit
    p5:
        tlbflush
    p6:
        lw a0, 0(s1)          # miss
    p7:
"""


def test_flush_page_and_flush_all():
    m, pt = paged(FLUSH_PROG)
    pt.map(0x400000, 0x300000, "rw")
    pt.map(0x401000, 0x301000, "rw")
    seen = probe(m, "p1", "p2", "p3", "p4", "p5", "p6", "p7")
    run(None, machine=m, max_instructions=300)
    s = {k: v[0] for k, v in seen.items()}
    d = lambda a, b: (s[b][0] - s[a][0], s[b][1] - s[a][1])   # (hits, misses) between probes
    assert d("p1", "p2") == (2, 0)       # fetch + load
    assert d("p3", "p4") == (1, 1)       # fetch hit, load miss
    assert d("p4", "p5") == (2, 0)
    assert d("p6", "p7") == (0, 2)       # everything gone: the fetch misses too
    assert m.cores[0].tlb_flushes == 2


def two_spaces(body):
    """Two page directories: 0x400000 is frame 0x300000 in PD1, 0x301000 in PD2."""
    pd1, pd2 = PD, PD + 0x10000
    m = make_machine(with_traps("""
        li t0, 1
        csrw asid, t0
    """ + paging_on(pd1) + body), mem_mib=4)
    pts = PageTables(m, pd1), PageTables(m, pd2, pool=pd2 + 0x1000)
    for pt, frame in zip(pts, (0x300000, 0x301000)):
        pt.identity(0x1000, image_end(m), "rwx")
        pt.map(0xF0002000, 0xF0002000, "rw")
        pt.map(0x400000, frame, "rw")
    m.write_phys(0x300000, (111).to_bytes(4, "little"))
    m.write_phys(0x301000, (222).to_bytes(4, "little"))
    return m, pd1, pd2


def test_asids_isolate_two_address_spaces_without_a_flush():
    m, pd1, pd2 = two_spaces(f"""
        li s0, 0x400000
        lw a0, 0(s0)
        li t0, 2
        csrw asid, t0
        li t0, {PD + 0x10000}
        csrw ptbr, t0
        lw a1, 0(s0)
        li t0, 1
        csrw asid, t0
        li t0, {PD}
        csrw ptbr, t0
    back:
        lw a2, 0(s0)
    done:
    """)
    seen = probe(m, "back", "done")
    run(None, machine=m, max_instructions=300)
    assert (reg(m, "a0"), reg(m, "a1"), reg(m, "a2")) == (111, 222, 111)
    # back in asid 1 its entries are still in the TLB: fetch and load hit
    (h0, m0), (h1, m1) = seen["back"][0], seen["done"][0]
    assert (h1 - h0, m1 - m0) == (2, 0)
    assert m.cores[0].tlb_flushes == 0


def test_same_asid_new_ptbr_uses_stale_entries_until_flushed():
    m, pd1, pd2 = two_spaces(f"""
        li s0, 0x400000
        lw a0, 0(s0)
        li t0, {PD + 0x10000}
        csrw ptbr, t0
        lw a1, 0(s0)          # stale: the TLB still maps asid 1's entry
        tlbflushasid t0       # t0 is not asid 1: flushes nothing useful
        li t0, 1
        tlbflushasid t0
        lw a2, 0(s0)
    """)
    run(None, machine=m, max_instructions=300)
    assert (reg(m, "a0"), reg(m, "a1"), reg(m, "a2")) == (111, 111, 222)


def test_global_entries_survive_flush_asid():
    m = make_machine(with_traps(paging_on() + """
        li s0, 0x400000
        li s1, 0x401000
        lw a0, 0(s0)
        lw a0, 0(s1)
        tlbflushasid zero
    after:
        lw a0, 0(s0)          # global: hit
    mid:
        lw a0, 0(s1)          # not global: miss
    end:
        li t0, 5
        csrw asid, t0
    other:
        lw a0, 0(s0)          # global entries match every asid (code too)
    other_end:
        tlbflush
        lw a0, 0(s0)          # ... but flush-all removes them
    """), mem_mib=4)
    pt = PageTables(m)
    pt.identity(0x1000, image_end(m), "rwx", glob=True)
    pt.map(0xF0002000, 0xF0002000, "rw", glob=True)
    pt.map(0x400000, 0x300000, "rw", glob=True)
    pt.map(0x401000, 0x301000, "rw")
    seen = probe(m, "after", "mid", "end", "other", "other_end")
    run(None, machine=m, max_instructions=300)
    s = {k: v[0] for k, v in seen.items()}
    assert (s["mid"][0] - s["after"][0], s["mid"][1] - s["after"][1]) == (2, 0)
    assert (s["end"][0] - s["mid"][0], s["end"][1] - s["mid"][1]) == (1, 1)
    assert (s["other_end"][0] - s["other"][0], s["other_end"][1] - s["other"][1]) == (2, 0)


def test_flush_page_removes_global_and_every_asid():
    m = make_machine(with_traps(paging_on() + """
        li s0, 0x400000
        lw a0, 0(s0)
        tlbflushpg s0
    p1:
        lw a0, 0(s0)
    p2:
    """), mem_mib=4)
    pt = PageTables(m)
    pt.identity(0x1000, image_end(m), "rwx")
    pt.map(0xF0002000, 0xF0002000, "rw")
    pt.map(0x400000, 0x300000, "rw", glob=True)
    seen = probe(m, "p1", "p2")
    run(None, machine=m, max_instructions=300)
    assert seen["p2"][0][1] - seen["p1"][0][1] == 1


def test_page_table_change_is_invisible_until_flushed():
    m, pt = paged("""
        li s0, 0x400000
        lw a0, 0(s0)
        li t0, 0x301000 | 7
        lw t1, pteaddr(zero)
        sw t0, 0(t1)          # remap the page in the table
        lw a1, 0(s0)          # TLB: old frame
        tlbflushpg s0
        lw a2, 0(s0)          # new frame
    """, tail=".align 8\npteaddr: .word 0\n")
    pt.map(0x400000, 0x300000, "rw")
    m.write_phys(m.prog["pteaddr"], pt.pte_addr(0x400000).to_bytes(4, "little"))
    m.write_phys(0x300000, (1).to_bytes(4, "little"))
    m.write_phys(0x301000, (2).to_bytes(4, "little"))
    pt.map(PD, PD, "rw", size=0x10000)                      # the tables themselves are mapped
    run(None, machine=m, max_instructions=300)
    assert (reg(m, "a0"), reg(m, "a1"), reg(m, "a2")) == (1, 1, 2)


def test_write_protect_after_fill_needs_a_flush():
    # the TLB holds a writable entry: clearing W in the table alone is not enough
    m, pt = paged("""
        li s0, 0x400000
        sw zero, 0(s0)
        li t0, 0x300000 | 1
        lw t1, pteaddr(zero)
        sw t0, 0(t1)
        li a0, 5
        sw a0, 0(s0)          # still allowed: TLB entry is writable and dirty
        tlbflushpg s0
        sw a0, 4(s0)          # now faults
    """, tail=".align 8\npteaddr: .word 0\n")
    pt.map(0x400000, 0x300000, "rw")
    m.write_phys(m.prog["pteaddr"], pt.pte_addr(0x400000).to_bytes(4, "little"))
    pt.map(PD, PD, "rw", size=0x10000)
    run(None, machine=m, max_instructions=300)
    assert word(m, 0x300000) == 5
    (t,) = traps(m)
    assert (t["cause"], t["badaddr"], t["access"]) == (2, 0x400004, 1)


@pytest.mark.parametrize("paging", [False, True])
def test_self_modifying_code(paging):
    body = """
        li s1, 0
        li s2, patch
    again:
    site:
        li a0, 1
        add s1, s1, a0
        lw t0, new(zero)
        sw t0, 0(s2)          # rewrite 'li a0, 1' as 'li a0, 100' (same word 0)
        lw t0, new+4(zero)
        sw t0, 4(s2)
        li t1, 2
        addi s3, s3, 1
        bne s3, t1, again
    """
    tail = """
    .align 8
    new: .word 0, 0
    """
    src_kernel = (paging_on() if paging else "") + body
    m = make_machine(with_traps(src_kernel.replace("patch", "site")) + tail, mem_mib=4)
    from vm.isa import encode
    m.write_phys(m.prog["new"], encode("li", rd=1, imm=100))
    if paging:
        pt = PageTables(m)
        pt.identity(0x1000, image_end(m), "rwx")
        pt.map(0xF0002000, 0xF0002000, "rw")
    run(None, machine=m, max_instructions=300)
    assert traps(m) == []
    assert reg(m, "s1") == 101


def test_bcopy_across_pages_with_paging():
    # virtual 0x400FF0.. spans two pages mapped to frames in reverse order
    m, pt = paged("""
        li a0, 0x400FF0
        li a1, src
        li a2, 32
        bcopy a0, a1, a2
        li a0, dst
        li a1, 0x400FF8
        li a2, 16
        bcopy a0, a1, a2
    """, tail=".align 8\nsrc: .asciz \"0123456789abcdefghijklmnopqrstu\"\ndst: .space 16\n")
    pt.map(0x400000, 0x301000, "rw")
    pt.map(0x401000, 0x300000, "rw")
    run(None, machine=m, max_instructions=300)
    assert traps(m) == []
    assert m.read_phys(0x301FF0, 16) == b"0123456789abcdef"
    assert m.read_phys(0x300000, 16) == b"ghijklmnopqrstu\0"
    assert m.read_phys(m.prog["dst"], 16) == b"89abcdefghijklmn"
    assert m.read_virtual(PD, 0x400FF0, 32) == b"0123456789abcdefghijklmnopqrstu\0"
    assert pt.pte(0x401000) & D and pt.pte(0x400000) & D


def test_bcopy_into_a_partly_unmapped_range_copies_nothing():
    m, pt = paged("""
        li a0, 0x400FF0
        li a1, 0x1000
        li a2, 32
    bad:
        bcopy a0, a1, a2
    """)
    pt.map(0x400000, 0x300000, "rw")           # 0x401000 not mapped
    run(None, machine=m, max_instructions=300)
    (t,) = traps(m)
    assert (t["cause"], t["epc"], t["badaddr"], t["access"]) == (2, m.prog["bad"], 0x401000, 1)
    assert m.read_phys(0x300FF0, 16) == bytes(16)


def test_bfill_on_read_only_page_faults():
    m, pt = paged("""
        li a0, 0x400000
        li a1, 0xFF
        li a2, 8
        bfill a0, a1, a2
    """)
    pt.map(0x400000, 0x300000, "r")
    run(None, machine=m, max_instructions=300)
    (t,) = traps(m)
    assert (t["cause"], t["access"]) == (2, 1)
    assert m.read_phys(0x300000, 8) == bytes(8)


def test_mmio_through_a_mapping():
    m, pt = paged("""
        li s0, 0x600000
        li a0, 0x41
        sw a0, 0(s0)          # console TX through a virtual page
    """)
    pt.map(0x600000, 0xF0000000, "rw")
    run(None, machine=m, max_instructions=300)
    assert m.console_output == b"A"


def test_tlb_is_bounded_and_evicts_oldest():
    # touch 80 pages once, then the first again: it must miss (capacity 64, FIFO)
    m, pt = paged("""
        li s0, 0x400000
        li a1, 80
    loop:
        lw a0, 0(s0)
        addi s0, s0, 4096
        subi a1, a1, 1
        bnez a1, loop
    p1:
        li s0, 0x400000
        lw a0, 0(s0)
    p2:
    """)
    pt.map(0x400000, 0x300000, "r", size=80 * 4096)
    seen = probe(m, "p1", "p2")
    run(None, machine=m, max_instructions=1000)
    assert len(m.cores[0].tlb.entries) <= 64
    assert seen["p2"][0][1] - seen["p1"][0][1] >= 1


def top_of_memory(code_at_top, code_at_zero):
    """Virtual page 0xFFFFF000 and page 0 mapped; the program jumps to 0xFFFFFFF0."""
    m, pt = paged("li t0, 0xFFFFFFF0\njr t0\n")
    pt.map(0xFFFFF000, 0x300000, "rwx")
    pt.map(0, 0x301000, "rwx")
    m.write_phys(0x300FF0, b"".join(code_at_top))
    m.write_phys(0x301000, b"".join(code_at_zero))
    return m


def test_pc_wraps_from_the_top_of_the_address_space():
    m = top_of_memory([isa.encode("nop"), isa.encode("nop")],
                      [isa.encode("li", 1, imm=77), isa.encode("sw", 0, 0, 0, 0xF0002000)])
    run(None, machine=m, max_instructions=300)
    assert traps(m) == [] and reg(m, "a0") == 77


def test_call_at_the_top_of_the_address_space_links_to_zero():
    m = top_of_memory([isa.encode("nop"), isa.encode("call", imm=0x10)],
                      [isa.encode("nop")] * 2 + [isa.encode("mov", 2, 15),
                                                 isa.encode("sw", 0, 0, 0, 0xF0002000)])
    run(None, machine=m, max_instructions=300)
    assert reg(m, "a1") == 0 and reg(m, "lr") == 0


def test_mapping_to_a_frame_outside_ram_faults_on_use():
    m, pt = paged("""
        li s0, 0x400000
        lw a0, 0(s0)
        sw a0, 0(s0)
        jr s0
    """)
    pt.map(0x400000, 0x7F000000, "rwx")          # neither RAM nor a device
    run(None, machine=m, max_instructions=300, expect=None)
    got = [(t["cause"], t["badaddr"], t["access"]) for t in traps(m)][:3]
    assert got == [(2, 0x400000, 0), (2, 0x400000, 1), (2, 0x400000, 2)]


def test_a_fill_forgets_the_page_only_in_the_sets_it_changes():
    """A TLB entry of one asid changes what only that asid's quick maps may
    hold; a global entry, or the eviction of one, what every set may hold
    (vm/mmu.py: Tlb.insert). Other asids keep their quick maps. Maps are
    filled through Tlb.fill, which remembers the sets a page went into."""
    from vm.mmu import PTE_G, TLB_ENTRIES, Tlb
    from vm.isa import ACCESS_READ
    tlb = Tlb()

    def quick(asid, ring=3):
        tlb.select(asid, ring)
        return tlb.quick[ACCESS_READ]

    def fill(key, *sets):
        for s in sets:
            tlb.select(*s)
            tlb.fill(ACCESS_READ, key, 0x1000)
    fill(0x5000, (1, 3), (2, 3), (1, 0))
    tlb.insert(2, 0x5, 0x9000 | 1)
    assert 0x5000 in quick(1) and 0x5000 in quick(1, 0) and 0x5000 not in quick(2)
    tlb.insert(1, 0x5, 0x9000 | 1)
    assert 0x5000 not in quick(1) and 0x5000 not in quick(1, 0)
    fill(0x6000, (1, 3), (2, 3))
    tlb.insert(3, 0x6, 0x9000 | 1 | PTE_G)
    assert 0x6000 not in quick(1) and 0x6000 not in quick(2)
    fill(0x5000, (1, 3), (2, 3))
    for vpn in range(0x100, 0x100 + TLB_ENTRIES - 2):   # the last evicts the oldest: asid 2's page 5
        tlb.insert(7, vpn, 0x9000 | 1)
    assert 0x5000 in quick(1) and 0x5000 not in quick(2)
    # a set emptied by a flush and filled again is still forgotten
    tlb.flush_asid(1)
    fill(0x5000, (1, 3))
    tlb.insert(1, 0x5, 0x9000 | 1)
    assert 0x5000 not in quick(1)
