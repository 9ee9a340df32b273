"""A translated block too long for the cycles left before a timer's
deadline (fast._run): the reference runs its code, as it would, without
the dispatcher's long way (fast._enter), which would only find the block
again and give up on it."""

import pytest

from bench.workloads import POWER_OFF
from test_differential import CRITICAL_SECTIONS, assert_same, image, run_both, run_fast
from vm import fast

# the timer of CRITICAL_SECTIONS: its start (the vector, a first deadline
# 700 cycles on) and its handler (counts in s2, the next deadline, iret)
TIMER_ON = CRITICAL_SECTIONS[:CRITICAL_SECTIONS.index("    li s0, 0")]
TIMER_HANDLER = CRITICAL_SECTIONS[CRITICAL_SECTIONS.index("handler:"):]

# f, 36 instructions with a call of g in the middle, called through a
# register 3,000 times, while a timer interrupts every 700 cycles: most
# deadlines land inside a call of f, whose block does not fit then.
BODY = "    addi a2, a2, 3\n    xor a3, a3, a2\n    add a4, a4, a3\n" * 6
NEAR_LIMIT = TIMER_ON + """
    sti
    li s0, 0
    li s1, 3000
loop:
    li t0, f
    callr t0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
f:
    mov s3, lr
""" + BODY + """    call g
""" + BODY + """    mov lr, s3
    ret
g:
    addi a5, a5, 1
    ret
""" + TIMER_HANDLER


@pytest.mark.parametrize("budget", [5_000, 33_333, 60_001, 200_000])
def test_blocks_near_the_limit(budget):
    states = run_both(image(NEAR_LIMIT), budget)
    assert_same(states)
    if budget == 200_000:
        assert states["ref"][0].reason == "halt"
        assert states["ref"][1]["regs"][0][11] > 100, "the timer should have interrupted often"


def test_a_block_too_long_for_the_cycles_left_goes_no_long_way(monkeypatch):
    """(It went the long way about 180 times.)"""
    long_ways = []
    real = fast._enter

    def enter(core, blocks, jit, quick, pc, paging):
        if jit.get(pc) is not None:
            long_ways.append(pc)
        return real(core, blocks, jit, quick, pc, paging)
    monkeypatch.setattr(fast, "_enter", enter)
    machine, _ = run_fast(NEAR_LIMIT, 200_000)
    assert machine.cores[0].regs[11] > 100, "the timer should have interrupted often"
    assert not long_ways, len(long_ways)
