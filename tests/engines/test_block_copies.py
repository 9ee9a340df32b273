"""bcopy and bfill inside translated blocks (the last instruction of their
trace): lengths 0, small, one page, across a page boundary, overlapping,
into code, with paging on and off, identical to the reference at budgets
that stop inside the copies."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_same, image, run_both

# The end of a round of the programs below: in the round whose number is
# in t0, copy a routine over the one it calls (self-modifying code through
# bcopy); call it and add its result to s2; then on to the next round, or
# power off; the routines; the start of the data.
PATCH_AND_CALL = """    bne s0, t0, no_patch
    li a0, routine
    li a1, other
    li a2, 16
    bcopy a0, a1, a2          # the routine now returns 2
no_patch:
    call routine
    add s2, s2, a0
    addi s0, s0, 1
    blt s0, s1, again
""" + POWER_OFF + """
routine:
    li a0, 1
    ret
other:
    li a0, 2
    ret
    .data
    .align 8
"""

# Each round copies and fills a length from the table (cycling), between
# buffers placed so that some copies cross a page; then copies a routine
# over the code it calls (self-modifying code through bcopy).
COPIES = """
    li s0, 0                  # round
    li s1, 600
again:
    andi t0, s0, 7
    shli t0, t0, 2
    li t1, lengths
    add t1, t1, t0
    lw a2, 0(t1)              # a length
    li a0, dst
    andi t0, s0, 63
    add a0, a0, t0            # a destination that moves by bytes
    li a1, src
    bcopy a0, a1, a2
    addi a3, s0, 7
    bfill a0, a3, a2
    addi a4, a1, 3
    bcopy a4, a1, a2          # overlapping, forwards
    bcopy a1, a4, a2          # overlapping, backwards
    li t0, 400
""" + PATCH_AND_CALL + """lengths: .word 0, 4, 8, 13, 100, 256, 4000, 1
src: .space 4100
    .align 4096
    .space 4000
dst: .space 4200
"""

# Copies and fills of lengths set with li in the same trace: counted with
# the instructions around them, anywhere in a block, in a loop too; one
# of them crosses a page once the moving destination gets there, one
# copies over the code it calls.
KNOWN = """
    li s0, 0
    li s1, 500
again:
    li a1, src
    li a0, dst
    andi t0, s0, 255
    shli t0, t0, 4
    add a0, a0, t0            # moves by 16 bytes a round: crosses into the next page
    li a2, 12
    bcopy a0, a1, a2
    addi s2, s2, 1
    li a2, 0
    bcopy a0, a1, a2          # nothing moved, no lookup
    li a3, 7
    li a2, 40
    bfill a0, a3, a2
    lw t1, 4(a0)
    add s3, s3, t1
    li a2, 8
    bcopy a1, a0, a2          # back again
    li t0, 300
""" + PATCH_AND_CALL + """src: .space 64
    .align 4096
    .space 2048
dst: .space 8192
"""

PLAIN = """
    .text
    .global _start
_start:
"""


# program -> (source, budgets that stop it inside copies, s2 at the end)
PROGRAMS = {"lengths-in-memory": (COPIES, [2_000, 7_777, 12_345], 400 + 2 * 200),
            "lengths-set-with-li": (KNOWN, [3_001, 9_999, 23_456], 500 + 300 + 2 * 200)}


@pytest.mark.parametrize("paging", [False, True])
@pytest.mark.parametrize("name,budget", [(name, budget) for name, (_, budgets, _) in PROGRAMS.items()
                                         for budget in budgets + [5_000_000]])
def test_block_copies_identical(paging, name, budget):
    source, _, s2 = PROGRAMS[name]
    states = run_both(image((PAGING_ON if paging else PLAIN) + source), budget)
    if budget == 5_000_000:
        assert states["ref"][0].reason == "halt"
        assert states["ref"][1]["regs"][0][11] == s2      # s2: the patch was seen
    assert_same(states)
