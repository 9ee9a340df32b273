"""Words a block has loaded or stored already (vm/blockops.py: Ops.load):
a word of a group whose value the trace holds in a register (or as a
constant), with no store in between that may be to it, is not read from
memory again. Checked against the reference where it must read again: a
store to the same word through another base register, a byte store into
it, a swap on it, and the register that held it written since; and where
it may reuse (stored then loaded, loaded twice), with paging on and off,
cut at many budgets."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_alike_at, image
from vm.codecache import CACHE
from vm.machine import Machine

BODY = """
    li s0, 0
    li s1, 2000
    li a0, frame
    li a5, frame
loop:
    sw s0, 0(a0)            # stored, then read back (as r9's value)
    lw t0, 0(a0)
    lw t1, 4(a0)            # read twice, nothing stored between
    add a2, a2, t0
    lw a3, 4(a0)
    add a2, a2, a3
    sw a2, 4(a5)            # the same word through another base: read again
    lw a3, 4(a0)
    add a2, a2, a3
    sb s0, 5(a5)            # a byte of it: read again
    lw a3, 4(a0)
    xor a2, a2, a3
    addi a1, a5, 8
    li t1, 7
    swap t1, a1, t1         # a swap: read again
    lw a4, 8(a0)
    add a2, a2, a4
    lw t0, 12(a0)
    addi t0, t0, 3          # the register that held it written: read again
    lw t1, 12(a0)
    add a2, a2, t1
    sw t0, 12(a0)
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
    .data
    .align 8
frame:
    .word 1, 2, 3, 4
"""

PROGRAMS = {"paging-off": ".text\n.global _start\n_start:" + BODY, "paging-on": PAGING_ON + BODY}


@pytest.mark.parametrize("name", sorted(PROGRAMS))
@pytest.mark.parametrize("budget", [1, 333, 4_097, 20_011, 5_000_000])
def test_reused_words_identical(name, budget):
    assert_alike_at(PROGRAMS[name], budget)


def test_words_are_reused():
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(PROGRAMS["paging-off"]))
    assert machine.run(max_instructions=5_000_000).reason == "halt"
    loop = [b.source for b in machine.memory.blocks.values() if b.fn and "for it in range" in b.source]
    assert loop, "the loop was translated"
    # of eight word loads two reuse a value (t0 = s0 stored, a3 = t1 loaded);
    # six read memory (and the swap its own word)
    assert loop[0].count("= W[word") == 7, loop[0]
    assert "r7 = r9\n" in loop[0] and "r4 = r8\n" in loop[0], loop[0]
