"""In a kernel (ring 0, paging on), cold code whose replayed run does not
go round a loop is translated after STRAIGHT_RUNS runs, not HOT_RUNS
(vm/fast.py: _pays); a loop, or a program's code, after HOT_RUNS. Either
way the machine does exactly what the reference does; and a region that
wants a block still waiting translates it at once, so that a run with
the code cache makes the region the run that filled it made."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from lang.asm import assemble
from lang.link import link
from test_differential import assert_same, image, run_both
from vm import fast
from vm.codecache import CACHE
from vm.machine import Machine

pytestmark = pytest.mark.usefixtures("empty_code_cache")

# f is called through a register the run computes (li, callr), so that
# every pass starts a run at f: through f, back, round the loop and up to
# the callr again, a run that does not loop.
STRAIGHT = """
    li s0, 0
    li s1, {passes}
loop:
    li t0, f
    callr t0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
f:
    add a2, a2, s0
    xori a3, a2, 0x55
    ret
"""


def f_block(paging, passes):
    """The Block of f after a run of the program to its halt."""
    CACHE.clear()
    source = (PAGING_ON if paging else "    .text\n    .global _start\n_start:\n") + STRAIGHT.format(passes=passes)
    program, debug = link([assemble(source, "straight.s")])
    machine = Machine(engine="fast")
    machine.load_image(program)
    assert machine.run(max_instructions=1_000_000).reason == "halt"
    f = next(s["addr"] for s in debug["symbols"] if s["name"] == "f")
    return machine.memory.blocks[f]


def test_straight_kernel_code_waits():
    block = f_block(paging=True, passes=300)        # between HOT_RUNS and STRAIGHT_RUNS
    assert fast.HOT_RUNS < 300 < fast.STRAIGHT_RUNS
    assert block.fn is None and block.waited, "translated after HOT_RUNS runs"
    assert f_block(paging=True, passes=600).fn is not None, "not translated after STRAIGHT_RUNS runs"


def test_a_program_does_not_wait():
    assert f_block(paging=False, passes=300).fn is not None


@pytest.mark.parametrize("budget", [2_000, 5_555, 9_000, 20_000, 100_000])
def test_straight_code_identical(budget):
    assert_same(run_both(image(PAGING_ON + STRAIGHT.format(passes=600)), budget))


# fib(14) with frames, in a kernel.
FIB = PAGING_ON + """
    li sp, 0x80000
    li a0, 14
    call fib
    mov s3, a0
""" + POWER_OFF + """
fib:
    li t1, 2
    bge a0, t1, recurse
    ret
recurse:
    addi sp, sp, -16
    sw lr, 12(sp)
    sw fp, 8(sp)
    addi fp, sp, 8
    sw s0, -4(fp)
    mov s0, a0
    subi a0, s0, 1
    CALL
    sw a0, -8(fp)
    subi a0, s0, 2
    CALL
    lw t1, -8(fp)
    add a0, t1, a0
    lw s0, -4(fp)
    lw lr, 12(sp)
    lw fp, 8(sp)
    addi sp, sp, 16
    ret
"""
# ... calling itself through a register (li, callr: a run stops there):
# its `ret` (n < 2) is straight code, waiting when the region of the
# recursion forms, which takes it as a member
FIB_CALLR = FIB.replace("CALL", "li a5, fib\n    callr a5")


def cached_runs(source, folder):
    """Two runs of source with the code cache in folder, as two processes:
    the first fills it. Their results, and what the second compiled."""
    def run():
        machine = Machine(engine="fast", code_cache=folder)
        machine.load_image(image(source))
        result = machine.run(max_instructions=5_000_000)
        machine.close()
        return result, machine.counters(), list(machine.cores[0].regs)
    CACHE.clear()
    first = run()
    assert first[0].reason == "halt" and first[2][12] == 377      # s3: fib(14)
    CACHE.save(CACHE.file_in(folder), force=True)
    CACHE.clear()                       # a new process: nothing in memory
    second = run()
    return first, second, CACHE.unsaved


def test_recursion_in_a_kernel_with_the_code_cache(tmp_path):
    """With the code cache, which has every block at once, the run makes
    the region the run that filled the cache made, and compiles nothing.
    (Here it does so with or without _region translating a waiting
    block; that rule kept the `calls` workload's cached run compiling
    nothing when the waiting was tried for every ring.)"""
    first, second, compiled = cached_runs(FIB_CALLR, tmp_path)
    assert second == first and compiled == 0


def test_a_region_from_the_code_cache_with_paging_on(tmp_path):
    """Found this session (on the tree before it too): with the code
    cache, fib's region forms early, and a member it goes on to (the
    return site, whose first instruction is a load) misses in the quick
    read map: the region leaves before it, returning True as a block that
    could not run its first instruction does. fast._run took that as
    such and ran the region again from its start with the core at the
    member (fib(14) = 376); a block or region that moved pc has run."""
    first, second, _ = cached_runs(FIB.replace("CALL", "call fib"), tmp_path)
    assert second == first
