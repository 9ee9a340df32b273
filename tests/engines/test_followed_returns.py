"""Returns a trace follows to where lr pointed when it was translated
(vm/fast.py: _trace's lr): a leaf function's block after its loop goes on
through its `ret` into the caller, guarded by a check of lr. Here the
function is called from two places, the second only every fifth pass (and
then more often), so the guard fails now and then and the block leaves for
the other caller; the caller's code after the return uses the function's
result. Both engines, cut at many budgets, paging off and on: the same
registers, memory, counters and trace."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_same, image, run_both
from vm.codecache import CACHE
from vm.machine import Machine

LEAF = """
    li sp, 0x80000
    li s0, 0
    li s1, 0
    li s2, 3000
    li a5, out
again:
    andi t0, s0, 3
    addi t0, t0, 1          # a string of 1 to 4 non-zero words
    li a0, text
    shli t0, t0, 2
    add t1, a0, t0
    sw zero, 0(t1)
    andi a3, s0, 7
    slti a3, a3, 5
    beq a3, zero, other
    call count
    add s1, s1, a0          # the caller's code after the return
    xori s1, s1, 0x55
    jmp next
other:
    call twice
    sub s1, s1, a0
next:
    sw s1, 0(a5)
    addi s0, s0, 1
    blt s0, s2, again
""" + POWER_OFF + """
count:                      # words before a zero: a loop, then a short tail
    mov a1, a0
loop:
    lw a2, 0(a1)
    addi a1, a1, 4
    bne a2, zero, loop
    sub a0, a1, a0
    shri a0, a0, 2
    ret
twice:                      # count, with lr kept on the stack: its epilogue
    subi sp, sp, 8          # loads lr and returns
    sw lr, 4(sp)
    call count
    add a0, a0, a0
    lw lr, 4(sp)
    addi sp, sp, 8
    ret
    .data
out:
    .word 0
text:
    .word 1, 2, 3, 4, 5, 6
"""

PROGRAMS = {"paging off": ".text\n.global _start\n_start:" + LEAF, "paging on": PAGING_ON + LEAF}


def followed(machine, loaded=False):
    """Translated blocks whose trace goes on past a return not to a call of
    its own (loaded: through lr loaded in the trace)."""
    found = []
    for b in machine.memory.blocks.values():
        if b.fn and b.trace and len(b.trace[0]) == 2:
            kinds = [d[6].kind for d, _ in b.trace]
            before_calls = kinds[:kinds.index("call")] if "call" in kinds else kinds[:-1]
            returns = [i for i, kind in enumerate(before_calls) if kind == "jr"]
            if returns and (not loaded or any(d[6].kind == "load" and d[1] == 15
                                              for d, _ in b.trace[:returns[-1]])):
                found.append(b)
    return found


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_a_return_is_followed_into_the_caller(name):
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAMS[name]))
    assert machine.run(max_instructions=2_000_000).reason == "halt"
    assert followed(machine), "no block went on through the leaf's return"
    assert followed(machine, loaded=True), "no block went on through the epilogue's return"


@pytest.mark.parametrize("name", sorted(PROGRAMS))
@pytest.mark.parametrize("budget", [1, 97, 1009, 4999, 12345, 20011, 33333, 54321, 77777, 2_000_000])
def test_followed_returns_identical(name, budget):
    CACHE.clear()
    assert_same(run_both(image(PROGRAMS[name]), budget, trace=budget < 40_000))
