"""`lb` in translated code is a lookup in vm/signed.py's SIGNED_BYTE: every
byte value, loaded in a loop and stored back as a word, gives the same
registers, memory and counters under both engines, run to the end and
stopped inside the loop."""

import pytest

from bench.workloads import POWER_OFF
from test_differential import assert_same, image, run_both
from vm.codecache import CACHE
from vm.machine import Machine
from vm.isa import MASK
from vm.signed import SIGNED_BYTE

BYTES = """
    .text
    .global _start
_start:
    li s0, 0
outer:
    li a0, table
    li a1, words
    li a2, 256
loop:
    lb t0, 0(a0)
    sw t0, 0(a1)
    add a3, a3, t0
    addi a0, a0, 1
    addi a1, a1, 4
    subi a2, a2, 1
    bne a2, zero, loop
    addi s0, s0, 1
    li t1, 40
    blt s0, t1, outer
""" + POWER_OFF + """
    .data
table:
""" + "".join(f"    .byte {b}\n" for b in range(256)) + """
    .align 4
words:
    .space 1024
"""


def test_the_table_is_the_signed_byte():
    assert all(SIGNED_BYTE[b] == (b - 256 if b >= 128 else b) & MASK for b in range(256))


def test_the_loop_runs_translated():
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(BYTES))
    assert machine.run(max_instructions=1_000_000).reason == "halt"
    assert any(b.fn and "SB[" in b.source for b in machine.memory.blocks.values())


@pytest.mark.parametrize("budget", [1, 1_000, 7_777, 33_333, 1_000_000])
def test_every_byte_loaded_signed_is_identical(budget):
    assert_same(run_both(image(BYTES), budget))
