"""The kernel's quick maps, one set for every asid (vm/mmu.py: Tlb,
KERNEL_RING). A global page's translation stays in the kernel's set across
switches of address space; what an asid's own entries put there goes at a
switch, and so does a global page the new asid's own entry hides. Both
engines translate addresses through these maps (a quick hit must be
exactly a TLB hit), so a differential run alone would not see them wrong:
the model test checks every map against the TLB itself."""

import random

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_same, image, run_both, run_fast, spy
from vm.isa import ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, PTE_D, PTE_G, PTE_P, PTE_W, PTE_X
from vm.mmu import KERNEL_RING, Tlb, allowed


def touch(tlb, asid, ring, vpn, access, rng):
    """What Core.translate does with the maps for one access: a TLB miss
    inserts an entry (random: global or the asid's own, any frame,
    writable or not, dirty or not, executable or not), and a permitted
    access fills the selected set for every access the entry allows
    (Core._fill: a write only if dirty; shared: a global entry's)."""
    pte = tlb.lookup(asid, vpn)
    if pte is None:
        pte = rng.randrange(1, 16) << 12 | PTE_P | rng.choice((0, PTE_X)) | rng.choice((0, PTE_W))
        pte |= rng.choice((0, PTE_D)) | rng.choice((0, PTE_G))
        tlb.insert(asid, vpn, pte)
    if allowed(pte, ring, access):
        base = pte & ~0xFFF
        for kind in (ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC):
            if allowed(pte, ring, kind) and (kind != ACCESS_WRITE or pte & PTE_D):
                shared = pte & PTE_G and (kind != ACCESS_WRITE or pte & PTE_D)
                tlb.fill(kind, vpn << 12, base - (vpn << 12), bool(shared))


def check(tlb, asid, ring):
    """Every quick entry of the selected set is what the TLB answers."""
    for access, quick in enumerate(tlb.quick):
        for key, offset in quick.items():
            pte = tlb.lookup(asid, key >> 12)
            assert pte is not None and allowed(pte, ring, access), (asid, ring, access, hex(key))
            assert (pte & ~0xFFF) - key == offset, (asid, ring, access, hex(key))


@pytest.mark.parametrize("seed", range(12))
def test_every_quick_entry_is_a_tlb_hit(seed):
    """Random inserts (tlbwr-like, global or an asid's own), accesses,
    switches of asid and ring, flushes and evictions (a TLB of 64
    entries, 80 pages): after each, the selected set holds only what the
    TLB would answer its asid and ring."""
    rng = random.Random(seed)
    tlb = Tlb()
    asid, ring = 0, KERNEL_RING
    for _ in range(4000):
        op = rng.random()
        if op < 0.15:
            asid, ring = rng.randrange(4), rng.choice((KERNEL_RING, 3))
            tlb.select(asid, ring)
        elif op < 0.85:
            access = rng.choice((ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC))
            touch(tlb, asid, ring, rng.randrange(80), access, rng)
        elif op < 0.93:
            pte = rng.randrange(1, 16) << 12 | PTE_P | PTE_W | PTE_D | rng.choice((0, PTE_G))
            tlb.insert(rng.randrange(4), rng.randrange(80), pte)
        elif op < 0.97:
            tlb.flush_asid(rng.randrange(4))
        elif op < 0.99:
            tlb.flush_page(rng.randrange(80))
        else:
            tlb.forget_writes() if rng.random() < 0.5 else tlb.flush_all()
        check(tlb, asid, ring)


def test_a_global_page_stays_across_a_switch_of_asid():
    tlb = Tlb()
    tlb.select(1, KERNEL_RING)
    tlb.insert(1, 0x5, 0x9000 | PTE_P | PTE_G)
    tlb.fill(ACCESS_READ, 0x5000, 0x4000, True)
    tlb.insert(1, 0x6, 0xA000 | PTE_P)
    tlb.fill(ACCESS_READ, 0x6000, 0x4000)
    tlb.select(2, KERNEL_RING)
    assert tlb.quick[ACCESS_READ] == {0x5000: 0x4000}       # asid 1's own page went
    tlb.insert(3, 0x5, 0xB000 | PTE_P)                      # asid 3's own page 5 hides the global one
    assert tlb.quick[ACCESS_READ] == {0x5000: 0x4000}
    tlb.select(3, KERNEL_RING)
    assert tlb.quick[ACCESS_READ] == {}


def asid_loop(mask, passes):
    """Passes that each switch to asid (pass & mask) + 1 and call f through
    a register (a block of its own), then power off."""
    return f"""
    li s0, 0
    li s1, {passes}
loop:
    andi t0, s0, {mask}
    addi t0, t0, 1
    csrw asid, t0
    li t0, f
    callr t0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF


# A page at 0x300000 that asid 1 sees through a global entry (its identity
# frame) and asid 2 through an entry of its own (frame 0x340000): the
# kernel's set, shared by both, must give each its own view. The loop
# alternates the asids and reads, adds and writes through the page from a
# function called through a register (a block of its own).
SHADOW = PAGING_ON + """
    li t0, 0x300000
    li t1, 5
    sw t1, 0(t0)
    li t0, 0x340000
    li t1, 9
    sw t1, 0(t0)
    li s2, 0x300000
    li t0, 1
    csrw asid, t0
    li t1, 0x3000E3          # global, present, writable, accessed, dirty
    tlbwr s2, t1
    li t0, 2
    csrw asid, t0
    li t1, 0x340063          # asid 2's own (dirty: a store walks no table)
    tlbwr s2, t1
""" + asid_loop(1, 300) + """
f:
    lw a1, 0(s2)
    add a2, a2, a1
    addi a1, a1, 1
    sw a1, 0(s2)
    ret
"""


@pytest.mark.parametrize("budget", [2_000, 4_444, 7_001, 100_000])
def test_an_asids_own_entry_hides_the_global_page(budget):
    assert_same(run_both(image(SHADOW), budget))


def test_each_asid_sees_its_own_frame():
    machine, _ = run_fast(SHADOW, 100_000)
    words = machine.memory.words
    assert (words[0x300000 >> 2], words[0x340000 >> 2]) == (5 + 150, 9 + 150)


# Global pages (the program's, PTE_G) seen from 200 address spaces in turn.
GLOBAL = PAGING_ON.replace("li t1, 0x7               # pte", "li t1, 0x87              # pte") + """
    li s2, data
""" + asid_loop(255, 400) + """
f:
    lw a1, 0(s2)
    add a2, a2, a1
    sw a2, 4(s2)
    ret
    .data
    .align 4096
data:
    .word 5, 0
"""


@pytest.mark.parametrize("budget", [3_001, 9_000, 100_000])
def test_global_pages_across_address_spaces(budget):
    assert_same(run_both(image(GLOBAL), budget))


def test_a_new_address_space_finds_the_global_pages_in_the_kernels_set(monkeypatch):
    """With a set per asid, each of the 200 asids missed the data page in
    its quick maps (its block left, the dispatcher looked the address up
    in the TLB: fast._look_up_first: 200 times) and the code page (the
    dispatcher's long way to a translated block: 40 times); with the
    kernel's set, none does after the first."""
    from vm import fast
    monkeypatch.setattr(fast, "STRAIGHT_RUNS", fast.HOT_RUNS)
    looked = spy(monkeypatch, fast, "_look_up_first")
    entered = spy(monkeypatch, fast, "_enter")
    run_fast(GLOBAL, 100_000)
    assert looked.count(True) <= 2, looked.count(True)
    translated = [block for block in entered if block is not None and block.fn is not None]
    assert len(translated) <= 10, len(translated)
