"""What a block knows when it is translated (vm/blockgen.py, blockops.py):
registers set by li read as their constants (compares, operations and
divisors made of constants, folded), and near registers — pointers stepped
by immediates — used as addresses unmasked in loops. Each shape under both
engines, cut at many budgets: a loop bound and a divisor set by li, a
division by a register li set to zero (the trap), pointers stepping up and
down across pages, and one that wraps past 2**32 (paging on: it misses in
the quick maps and the reference runs the access)."""

import re

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_alike_at, assert_same, image, run_both
from vm.codecache import CACHE
from vm.machine import Machine

# cause 5 (division by zero) skips the instruction; a4 counts them
VECTORS = """
    .align 8
vectors:
    .space 40
    jmp on_divzero
on_divzero:
    csrr t0, epc
    addi t0, t0, 8
    csrw epc, t0
    addi a4, a4, 1
    iret
"""

CONSTANTS = """
    .text
    .global _start
_start:
    li t0, vectors
    csrw vec, t0
    li s0, 0
loop:
    li t1, 7
    rem a1, s0, t1          # a divisor li set: no zero check
    add a2, a2, a1
    li t1, 3
    mul a3, t1, t1          # made of constants: 9
    add a2, a2, a3
    li s1, 4000
    addi s0, s0, 1
    blt s0, s1, loop        # a bound li set
    li s0, 0
zero:
    li t1, 0
    div a3, s0, t1          # a divisor li set to zero: the trap
    li t1, 5
    divu a3, t1, zero       # a constant divided by zero
    addi s0, s0, 1
    li s1, 300
    blt s0, s1, zero
""" + POWER_OFF + VECTORS

# a pointer walking up and one walking down (a negative immediate step),
# over 3 pages of words, read, summed and written back
POINTERS = """
    li s0, 0
    li s1, 40
again:
    li a0, words
    li a1, words + 12284
    li a2, 3071
walk:
    lw t0, 0(a0)
    lw t1, 0(a1)
    add t0, t0, t1
    addi t0, t0, 3
    sw t0, 0(a0)
    addi a0, a0, 4
    addi a1, a1, -4
    subi a2, a2, 1
    bne a2, zero, walk
    addi s0, s0, 1
    blt s0, s1, again
""" + POWER_OFF + """
    .data
    .align 4096
words:
    .space 12288
"""

# paging on: virtual page 0xFFFFF000 mapped to frame 0x200000; a pointer
# stepping by 4 from 0xFFFFFFF0 wraps to 0 (frame 0, the identity map)
WRAP = PAGING_ON + """
    li t0, 0x100FFC          # directory entry 1023 -> page table at 0x103000
    li t1, 0x103003
    sw t1, 0(t0)
    li t0, 0x103FFC          # its entry 1023: frame 0x200000
    li t1, 0x200007
    sw t1, 0(t0)
    li s0, 0
    li s1, 300
again:
    li a0, 0xFFFFFFF0
    li a2, 8
walk:
    lw t0, 0(a0)
    addi t0, t0, 1
    add a3, a3, t0
    addi a0, a0, 4
    subi a2, a2, 1
    bne a2, zero, walk
    addi s0, s0, 1
    blt s0, s1, again
""" + POWER_OFF

# lr, set by a call in the trace, is known until written: the return the
# trace follows back needs no check. A leaf function called in a loop
# returns normally, except every 16th call, when it moves lr past the add
# after the call (mov from a register, then addi) or loads it from memory:
# each written lr must be checked again.
RETURNS = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 3000
    li t0, saved
loop:
    call leaf
    addi a2, a2, 1
    addi a3, a3, 3
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
leaf:
    add a4, a4, s0
    mov a5, lr
    mov lr, a5
    sw lr, 0(t0)
    lw lr, 0(t0)
    andi t1, s0, 15
    seq t1, t1, zero
    shli t1, t1, 3
    add lr, lr, t1
    jr lr
    .data
saved:
    .word 0
"""

# A loop's byte stores: of a register it does not write (its low byte
# taken once, before the loop), of one it writes, and an andi of each.
BYTES = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 3000
    li s2, 0x12345
    li a0, buffer
loop:
    sb s2, 0(a0)
    andi t1, s2, 255
    add a2, a2, t1
    addi a3, a3, 0x101
    sb a3, 1(a0)
    andi t1, a3, 255
    add a2, a2, t1
    addi a0, a0, 2
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
    .data
buffer:
    .space 8000
"""

# A base plus an index, and a base minus one, as addresses: the index is
# negative (as signed) a quarter of the time, so the sum wraps past 2**32
# and the difference below 0 (both back into the array). The fast engine
# leaves such sums unmasked where only an address uses them
# (blockops.Ops.alu: summed): off 32 bits they miss in the quick maps and
# the reference runs the access. Every fourth iteration takes the other
# way at a branch.
INDEXED = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 2000
    li a0, words + 64
loop:
    andi a3, s0, 15
    subi a3, a3, 4
    shli a3, a3, 2
    andi s2, s0, 3
    bne s2, zero, common
    add a4, a0, a3
    lw t1, 0(a4)
    addi t1, t1, 5
    sw t1, 0(a4)
common:
    add a4, a0, a3
    lw t1, 0(a4)
    add a2, a2, t1
    sub a5, a0, a3
    lw t1, 4(a5)
    addi t1, t1, 1
    sw t1, 4(a5)
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
    .data
    .align 4096
words:
    .space 128
"""

PROGRAMS = {"constants": CONSTANTS, "returns": RETURNS, "bytes": BYTES,
            "pointers": ".text\n.global _start\n_start:" + POINTERS,
            "wrap": WRAP, "indexed": INDEXED}


def blocks(source):
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(source))
    assert machine.run(max_instructions=5_000_000).reason == "halt"
    return [b.source for b in machine.memory.blocks.values() if b.fn and b.source]


def test_li_constants_fold_into_the_block():
    """The loop's bound compares with the constant, the divisor by 7 has no
    zero check, 3 * 3 is 9; the division by zero still traps."""
    sources = "\n".join(blocks(CONSTANTS))
    assert "4000 <= r" in sources
    assert "% 7" in sources and "= 9\n" in sources
    assert "raise Trap(DIVZERO)" in sources


def test_return_to_a_call_in_the_trace_is_not_checked():
    """The loop's block calls leaf and comes back: no check of lr there."""
    plain = RETURNS.replace("    sw lr, 0(t0)\n    lw lr, 0(t0)\n", "").replace("add lr, lr, t1", "")
    sources = [s for s in blocks(plain) if "r15 = " in s and "for it in range" in s]
    assert sources and not any("r15 != " in s for s in sources), sources


def test_low_byte_of_an_invariant_register_taken_once():
    sources = "\n".join(blocks(BYTES))
    assert "b11 = r11 & 255" in sources and "= r4 & 255" in sources, sources


def test_stepped_pointers_are_not_masked_as_addresses():
    sources = "\n".join(blocks(".text\n.global _start\n_start:" + POINTERS))
    assert "r1 = r1 + 4\n" in sources and "r2 = r2 - 4\n" in sources


def test_indexed_addresses_are_not_masked():
    """base + index and base - index, used only as addresses, are left
    unmasked."""
    sources = "\n".join(blocks(INDEXED))
    assert re.search(r"r\d+ = r\d+ \+ r\d+\n", sources), sources
    assert re.search(r"r\d+ = r\d+ - r\d+\n", sources), sources


@pytest.mark.parametrize("name", sorted(PROGRAMS))
@pytest.mark.parametrize("budget", [1, 333, 4_097, 20_011, 5_000_000])
def test_known_values_identical(name, budget):
    assert_alike_at(PROGRAMS[name], budget)


def test_divisions_by_zero_trapped_alike():
    """Stopped right at each of the first division traps (and after)."""
    states = run_both(image(CONSTANTS), 5_000_000)
    assert states["ref"][1]["regs"][0][5] == 600      # a4: the traps taken
    for budget in (40_010, 40_011, 40_012, 40_013, 40_014, 40_015, 40_016, 42_000, 42_001, 42_002):
        assert_same(run_both(image(CONSTANTS), budget, trace=True))
