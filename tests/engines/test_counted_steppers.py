"""Counted loops whose counter's step is not just before the closing branch
(vm/blockgen.py: _stepper_last): `addi s0, s0, 1; addi s2, s2, 4; blt s0,
a5, loop`, a compiled `for` with a pointer stepped beside its index. The
step is moved after the quiet instructions between them when they neither
read nor write the counter or the bound, and the loop runs as a `for`;
otherwise the loop stays as it was. Both engines, cut at many budgets,
with loads that miss (a page boundary with paging on) and a division
inside the loop."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_same, image, run_both
from vm.codecache import CACHE
from vm.machine import Machine

LOOP = """
    li s1, 0
outer:
    li s0, 0
    li a5, {n}
    li s2, array
loop:
    lw t0, 0(s2)
    add a3, a3, t0
    {body}
    addi s0, s0, 1
    {between}
    blt s0, a5, loop
    addi s1, s1, 1
    li t1, 30
    blt s1, t1, outer
""" + POWER_OFF + """
    .data
    .align 4
array:
""" + "".join(f"    .word {i * 7919 % 1000}\n" for i in range(1200))

CASES = {
    # the pointer stepped after the index: counted
    "pointer": dict(body="", between="addi s2, s2, 4\n    xori a4, a3, 5"),
    # reads the counter after its step: stays as it was
    "reads counter": dict(body="", between="addi s2, s2, 4\n    add a4, a4, s0"),
    # writes the bound after the step: stays as it was
    "writes bound": dict(body="addi s2, s2, 4", between="mov a5, a5"),
    # a load after the step (it may leave the block): stays as it was
    "load after": dict(body="", between="addi s2, s2, 4\n    lw a4, 0(s2)"),
    # a division by the index (made odd) in the body: counted
    "division": dict(body="ori a1, s0, 1\n    divu a4, a3, a1", between="addi s2, s2, 4"),
}
COUNTED = {"pointer", "division"}


def program(case, n=1000, paging=False):
    head = PAGING_ON if paging else ".text\n.global _start\n_start:\n"
    return head + LOOP.format(n=n, **CASES[case])


def trips_used(source):
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(source))
    machine.run(max_instructions=2_000_000)
    return any(b.fn and "trips(" in b.source for b in machine.memory.blocks.values())


@pytest.mark.parametrize("case", sorted(CASES))
def test_counted_only_where_the_step_may_move(case):
    assert trips_used(program(case)) == (case in COUNTED)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("budget", [1, 2_345, 9_999, 54_321, 200_000, 2_000_000])
def test_stepped_loops_identical(case, budget):
    assert_same(run_both(image(program(case)), budget))


@pytest.mark.parametrize("budget", [7_777, 120_000, 2_000_000])
def test_stepped_loops_across_pages_identical(budget):
    """With paging on the array crosses a page: its loads miss there and
    the loop leaves before one, its counter and pointer exact."""
    assert_same(run_both(image(program("pointer", paging=True)), budget))
