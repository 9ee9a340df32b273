"""A block whose first load or store misses the TLB (or must set the
dirty bit): the dispatcher walks the page table for it, as the
reference's access would (fast._look_up_first, _walk_spares_code), and
runs the block, instead of leaving the instruction to the reference. The
walk must not go first where the reference's fetch of that instruction
would see it (an insert evicting the code's own entry, a walk writing
code): the same counters, TLB and memory as the reference at any budget."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_same, image, run_both, run_fast, spy
from vm import fast

# 600 passes: f loads from one of 96 pages in turn (more than the TLB's
# 64 entries: a miss each time), g stores to one of 384 pages the loop
# has just read (in the TLB, not yet dirty: the walk sets the dirty bit).
# The code's own entry is at times the oldest, which the next miss evicts.
MISSES = PAGING_ON + """
    li s0, 0
    li s1, 600
    li s2, 0x200000
    li s3, 0x280000
loop:
    remui t0, s0, 96
    shli t0, t0, 12
    add a0, s2, t0
    remui t1, s0, 384
    shli t1, t1, 12
    add a1, s3, t1
    lw a5, 0(a1)
    li t0, f
    callr t0
    li t0, g
    callr t0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
f:
    lw a3, 0(a0)
    add a2, a2, a3
    addi a2, a2, 1
    ret
g:
    sw a2, 8(a1)
    add a4, a4, a2
    ret
"""


@pytest.mark.parametrize("budget", [6_001, 9_999, 13_337, 17_003, 1_000_000])
def test_first_access_walked_as_the_reference_walks(budget):
    assert_same(run_both(image(MISSES), budget))


def test_first_access_misses_are_walked_by_the_dispatcher(monkeypatch):
    # f and g are straight code: translated after HOT_RUNS runs, not
    # STRAIGHT_RUNS (fast._pays)
    monkeypatch.setattr(fast, "STRAIGHT_RUNS", fast.HOT_RUNS)
    looked = spy(monkeypatch, fast, "_look_up_first")
    spared = spy(monkeypatch, fast, "_walk_spares_code")
    run_fast(MISSES, 1_000_000)
    assert looked.count(True) >= 600, looked.count(True)
    assert spared.count(False) >= 1, "the code's own entry is evicted at times"
