"""Regions (vm/region.py): blocks that go to one another compiled as one
function. Loop nests under both engines, cut at many budgets: the same
registers, memory, counters and trace; with the inner loop on another
page (paging on), with sums left unmasked by one member and read whole by
the next (or by the reference, after a device read leaves the region),
and with the outer loop rewriting the inner loop's code."""

import re

import pytest

from bench.workloads import PAGING_ON, POWER_OFF, build, forget_translations
from test_differential import assert_same, image, run_both
from vm.codecache import CACHE
from vm.machine import Machine

# An outer loop around an inner one whose length changes: the inner loop's
# sum (a2) wraps and is left unmasked; the outer loop shifts it (needs its
# 32 bits) and stores it.
NEST = """
    li s0, 0
    li s1, 3000
    li a5, out
outer:
    li s2, 0
    andi s3, s0, 7
    addi s3, s3, 2
    jmp inner
{pad}
inner:
    add a2, a2, s2
    li a1, 0x7FFFFFF0
    add a2, a2, a1
{clock}
    lw t1, 0(a5)
    add t1, t1, s2
    sw t1, 0(a5)
    addi s2, s2, 1
    blt s2, s3, inner
    shri a3, a2, 7
    xor a4, a4, a3
    sw a4, 4(a5)
{rewrite}
    addi s0, s0, 1
    blt s0, s1, outer
""" + POWER_OFF + """
    .data
out:
    .word 0, 0
"""

# every 1024th pass the outer loop rewrites the inner loop's `li a1` with
# itself: its page's blocks are forgotten, and the region with them
REWRITE = """
    andi t0, s0, 1023
    bne t0, zero, kept
    li t0, inner
    lw t1, 8(t0)
    sw t1, 8(t0)
kept:
"""

# the inner loop reads the clock with its sum (a2) unmasked (a device: the
# read misses in the quick map, the region leaves there, and the reference
# goes on with a2 from the register file)
CLOCK = """
    li t0, 0xF0003000
    lw t0, 0(t0)
    add a4, a4, t0
"""

# A loop nest whose outer loop divides by zero every 64th pass: the trap
# is raised inside the region, after members counted cycles and
# instructions in its local variables (Writer.counters), and the handler
# (skipping the divu) must see them in the core as the reference left them.
DIVIDES = """
    .text
    .global _start
_start:
    li t0, vectors
    csrw vec, t0
    li s0, 0
    li s1, 3000
outer:
    li s2, 0
    andi s3, s0, 7
    addi s3, s3, 2
inner:
    addi a2, a2, 3
    addi s2, s2, 1
    blt s2, s3, inner
    andi a1, s0, 63
    divu a3, a2, a1
    add a4, a4, a3
    addi s0, s0, 1
    blt s0, s1, outer
""" + POWER_OFF + """
    .align 8
vectors:
    .space 40               # causes 0-4 unused here
    jmp on_divzero          # cause 5
on_divzero:
    csrr t0, epc
    addi t0, t0, 8
    csrw epc, t0
    csrr t1, cycle
    add a5, a5, t1
    iret
"""

PROGRAMS = {
    "plain": (".text\n.global _start\n_start:" + NEST).format(pad="", rewrite="", clock=""),
    "pages": (PAGING_ON + NEST).format(pad="    .space 4096", rewrite="", clock=""),
    "bare pages": (".text\n.global _start\n_start:" + NEST).format(pad="    .space 4096", rewrite="", clock=""),
    "rewritten": (".text\n.global _start\n_start:" + NEST).format(pad="", rewrite=REWRITE, clock=""),
    "clock": (".text\n.global _start\n_start:" + NEST).format(pad="", rewrite="", clock=CLOCK),
    "divides": DIVIDES,
}


def regions(machine):
    """The regions among the machine's translated blocks."""
    return [b for b in machine.memory.blocks.values() if b.fn and "PRE_LAST[go]" in b.source]


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_a_loop_nest_runs_as_a_region(name):
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAMS[name]))
    assert machine.run(max_instructions=5_000_000).reason == "halt"
    assert regions(machine), "the loop nest was not made a region"


@pytest.mark.parametrize("name", sorted(PROGRAMS))
@pytest.mark.parametrize("budget", [1, 777, 5_000, 12_345, 54_321, 5_000_000])
def test_regions_identical(name, budget):
    assert_same(run_both(image(PROGRAMS[name]), budget, trace=budget < 100_000))


def test_compiled_loop_nests_make_regions():
    """matmul (bench/programs) is loop nests: its inner loops run inside regions."""
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(build("matmul", 3))
    assert machine.run(max_instructions=5_000_000).reason == "halt"
    assert regions(machine)


@pytest.mark.parametrize("name", ["pages", "plain"])
def test_regions_made_from_the_code_cache(name):
    """A second machine finds the blocks in the code cache (kept as the
    words they were made from, decoded only when a region takes them):
    it makes the region again from them, and runs as the reference does."""
    CACHE.clear()
    for _ in range(2):
        machine = Machine(engine="fast")
        machine.load_image(image(PROGRAMS[name]))
        assert machine.run(max_instructions=5_000_000).reason == "halt"
        assert regions(machine)
    for budget in (4_321, 5_000_000):
        assert_same(run_both(image(PROGRAMS[name]), budget))


def test_a_region_across_pages_runs_with_paging_off(monkeypatch):
    """With paging off a region spanning two pages has no page to check on
    entry (every page is where it was): it used to check the empty execute
    map, fail, and leave every pass to the reference."""
    import vm.fast
    interpreted = []
    reference = vm.fast._interpret

    def counting(core, quick, block=None):
        before = core.instructions
        reference(core, quick, block)
        interpreted.append(core.instructions - before)
    monkeypatch.setattr(vm.fast, "_interpret", counting)
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAMS["bare pages"]))
    result = machine.run(max_instructions=5_000_000)
    assert result.reason == "halt" and regions(machine)
    assert sum(interpreted) < result.instructions // 20, "the region did not run"



def test_a_member_masks_what_it_left_unmasked_before_it_leaves():
    """Every way out of a region goes to its one write-back, which masks
    nothing: a member whose loop left its sum (a2) unmasked masks it where
    a read of the clock misses (Writer.leave)."""
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAMS["clock"]))
    assert machine.run(max_instructions=5_000_000).reason == "halt"
    sources = "\n".join(b.source for b in regions(machine))
    assert re.search(r"(r(\d+) = r\2 & 4294967295; )+nxt = ADDRS\d+\[at\]", sources), sources
    assert "    return ran\n" in sources


def test_a_members_code_is_made_once_and_joined_as_made_afresh(monkeypatch):
    """A region made again (it grew, or another region has the same
    traces) joins the code its members were given before (region._MEMBERS),
    in any order, without making it again: the same source as made afresh."""
    import vm.region as region
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAMS["plain"]))
    assert machine.run(max_instructions=5_000_000).reason == "halt"
    traces = [b.trace for b in machine.memory.blocks.values() if b.fn and b.exits][:3]
    assert len(traces) >= 2
    orders = [traces, traces[::-1], traces[1:] + traces[:1]]
    afresh = []
    for order in orders:
        region.forget_members()
        afresh.append(region.region_source(order, False, 0)[0])
    for order in orders:                    # all three kept now
        region.region_source(order, False, 0)

    def made_again(*args):
        raise AssertionError("a member's code was made again")
    monkeypatch.setattr(region.Writer, "code", made_again)
    assert [region.region_source(order, False, 0)[0] for order in orders] == afresh
    # a benchmark's next run forgets them, as a new process would not have them
    forget_translations()
    with pytest.raises(AssertionError, match="made again"):
        region.region_source(orders[0], False, 0)


# A loop that calls a function which mostly leaves by one branch (to
# `odd`): where it goes the other way the trace leaves inside the callee
# (for `even`), whose block returns to the call's return site (`back`),
# not to where the trace left. region.returns_after_exits names that site
# as an exit of the trace, so that a region search finds the way round
# (in the kernel: uvmcreate's loop over the slots, leaving inside
# user_slot).
CALLS_OUT = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 20000
loop:
    mov a0, s0
    call slot
back:
    add a4, a4, a0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
slot:
    andi t0, a0, 3
    bne t0, zero, odd
even:
    addi a0, a0, 5
    ret
odd:
    addi a0, a0, 7
    ret
"""


def test_a_side_exit_inside_a_call_names_the_return_site():
    from vm.region import returns_after_exits
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(CALLS_OUT))
    assert machine.run(max_instructions=5_000_000).reason == "halt"
    calling = [b for b in machine.memory.blocks.values()
               if b.fn and b.trace and any(d[6].kind == "call" for d, _ in b.trace)]
    assert calling
    for block in calling:
        call = next(v for d, v in block.trace if d[6].kind == "call")
        assert returns_after_exits(block.trace) == (call + 8,)
        assert call + 8 in block.exits
    for budget in (1_234, 12_345, 5_000_000):
        assert_same(run_both(image(CALLS_OUT), budget, trace=budget < 100_000))
