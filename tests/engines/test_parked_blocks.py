"""Blocks kept aside while their page is out of the TLB (vm/mmu.py: Tlb's
`parked`). A page leaving the execute quick map (an eviction, a flush)
takes its blocks out of the pc -> block map; they come back, without the
dispatcher's long way, when the page comes back mapped to the same
physical page. A page mapped elsewhere meanwhile, or code written
meanwhile, must not bring them back: the same state as the reference at
any budget."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_same, image, run_both, run_fast, spy
from vm import mmu
from vm.codecache import CACHE
from vm.machine import Machine

# 600 passes through a computed call of g (so g's page is entered through
# the dispatcher); every 64th pass reads 70 other pages, which evicts every
# TLB entry. With REWRITE, pass 192 writes g's code and pass 384 maps g's
# virtual page to the frame of g2, each right after the reads, while g's
# page is out of the TLB and its blocks are parked.
PROGRAM = PAGING_ON + """
    li s3, g
    li s0, 0
    li s1, 600
loop:
    li t0, g
    callr t0
    andi t1, s0, 63
    bne t1, zero, next
    li t0, 0x200000
    li a4, 70
touch:
    lw a1, 0(t0)
    addi t0, t0, 4096
    subi a4, a4, 1
    bne a4, zero, touch
next:
{rewrite}    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
    .align 4096
g:
    addi a2, a2, 1
    add a3, a3, a2
    ret
    .align 4096
g2:
    addi a2, a2, 7
    add a3, a3, a2
    ret
"""

REWRITE = """    li t1, 192
    bne s0, t1, kept
    li t0, g
    li t1, 5                # addi a2, a2, 5
    sw t1, 4(t0)
kept:
    li t1, 384
    bne s0, t1, mapped
    li t0, g
    shri t0, t0, 10
    li t1, 0x101000
    add t0, t0, t1
    li t1, g2
    ori t1, t1, 7
    sw t1, 0(t0)
mapped:
"""


@pytest.mark.parametrize("budget", [5_000, 9_999, 30_001, 40_000, 47_777, 100_000])
def test_parked_blocks_follow_their_mapping_and_their_code(budget):
    assert_same(run_both(image(PROGRAM.format(rewrite=REWRITE)), budget))


def test_an_evicted_page_gets_its_blocks_back(monkeypatch):
    """After g is translated, each eviction used to send it through the
    dispatcher's long way again (Tlb.add_block once per eviction); now it
    is added once (or twice: a slice that ends inside it)."""
    added = []
    real = mmu.Tlb.add_block
    monkeypatch.setattr(mmu.Tlb, "add_block", lambda tlb, pc, block: added.append(pc) or real(tlb, pc, block))
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAM.format(rewrite="")))
    assert machine.run(max_instructions=1_000_000).reason == "halt"
    g = machine.cores[0].regs[12]               # s3
    assert machine.cores[0].regs[3] == 600      # a2: g ran every pass
    assert 1 <= added.count(g) <= 2, added.count(g)


def test_the_dispatcher_fetches_a_page_missing_from_the_quick_map(monkeypatch):
    """A translated block whose page left the execute quick map runs as
    soon as the page is fetched again: the dispatcher fetches pc itself
    (fast._enter), as the reference would, instead of the reference
    stepping the block's code once after each eviction. (The program is
    identity-mapped: a pc is its physical address.)"""
    from vm import fast
    stepped_translated = []
    real = fast._interpret

    def interpret(core, quick, block=None):
        known = core.mem.blocks.get(core.pc)
        if known is not None and known.fn is not None:
            stepped_translated.append(core.pc)
        return real(core, quick, block)
    monkeypatch.setattr(fast, "_interpret", interpret)
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAM.format(rewrite="")))
    assert machine.run(max_instructions=1_000_000).reason == "halt"
    g = machine.cores[0].regs[12]               # s3
    assert g not in stepped_translated


# Pages of the asid's own (not PTE_G) seen from 4 address spaces in turn:
# the kernel's quick maps (one set for every asid, vm/mmu.py) drop the
# last asid's own pages at each switch, while the TLB still holds them.
# f's block starts with a load, g's with a store: the dispatcher
# translates its address (a TLB hit, fast._look_up_first) and runs the
# block, instead of the reference stepping it. (With PTE_G and 200
# asids: tests/engines/test_kernel_set.py.)
OWN = PAGING_ON + """
    li s0, 0
    li s1, 400
    li s2, data
loop:
    andi t0, s0, 3
    addi t0, t0, 1
    csrw asid, t0
    li t0, f
    callr t0
    li t0, g
    callr t0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
f:
    lw a1, 0(s2)
    add a2, a2, a1
    addi a1, a1, 3
    ret
g:
    sw a2, 4(s2)
    add a3, a3, a2
    ret
    .data
    .align 4096
data:
    .word 5, 0
"""


@pytest.mark.parametrize("budget", [3_001, 7_777, 9_000, 100_000])
def test_first_access_looked_up_through_the_tlb(budget):
    assert_same(run_both(image(OWN), budget))


def test_first_access_is_looked_up_by_the_dispatcher(monkeypatch):
    from vm import fast
    # f and g are straight code: translated after HOT_RUNS runs, not
    # STRAIGHT_RUNS (fast._pays), so that most of the 400 passes run them
    monkeypatch.setattr(fast, "STRAIGHT_RUNS", fast.HOT_RUNS)
    looked = spy(monkeypatch, fast, "_look_up_first")
    run_fast(OWN, 100_000)
    assert looked.count(True) >= 100, looked.count(True)
