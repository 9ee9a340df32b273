"""A device access ends the reference's slice (an interrupt the device
raised is then taken at once). The fast engine goes on in the same slice
when the machine would start the next one with nothing in between
(Machine.go_on): the same state as the reference at every budget, on one
and two cores, with the timer on; and far fewer slices."""

import pytest

from bench.workloads import POWER_OFF, build
from test_differential import assert_same, image, run_both
from vm.machine import Machine

# print 'a'..'z' over and over, with a timer interrupt every 3000 cycles
# whose handler counts in s3
PRINTER = """
    .text
    .global _start
_start:
    li t0, vectors
    csrw vec, t0
    li t0, 3000
    csrw timer, t0
    sti
    li s0, 0
    li s1, 4000
    li a5, 0xF0000000
loop:
    andi t1, s0, 15
    addi t1, t1, 97
    sw t1, 0(a5)
    addi s0, s0, 1
    blt s0, s1, loop
    cli
""" + POWER_OFF + """
    .align 8
vectors:
    .space 64               # causes 0-7 unused here
    jmp on_timer            # cause 8: the timer
on_timer:
    addi s3, s3, 1
    li t0, 3000
    csrw timer, t0
    iret
"""


@pytest.mark.parametrize("cores", [1, 2])
@pytest.mark.parametrize("budget", [5, 999, 7_777, 40_000, 1_000_000])
def test_device_accesses_identical(cores, budget):
    states = run_both(image(PRINTER), budget, trace=budget < 10_000, cores=cores)
    assert_same(states)


def test_primes_identical_on_two_cores():
    assert_same(run_both(build("primes", 40), 2_000_000, cores=2))


def test_fast_engine_goes_on_after_a_device_access():
    """4000 console writes: the reference runs a slice for each, the fast
    engine a handful (a slice still ends for the timer's interrupts)."""
    slices = {}
    for engine in ("ref", "fast"):
        machine = Machine(engine=engine)
        machine.load_image(image(PRINTER))
        run_slice, calls = machine.run_slice, []
        machine.run_slice = lambda core, limit: calls.append(limit) or run_slice(core, limit)
        assert machine.run(max_instructions=1_000_000).reason == "halt"
        assert machine.console_output.startswith(b"abcdefghijklmnop")
        slices[engine] = len(calls)
    assert slices["ref"] > 4000
    assert slices["fast"] < slices["ref"] // 4, slices


def test_a_step_stays_one_instruction_at_a_device_access():
    """Machine.step (the debugger's) runs one instruction even where it is
    a device access: there is no slice of _run_core to go on with."""
    machine = Machine(engine="fast")
    machine.load_image(image(PRINTER))
    core = machine.cores[0]
    while not machine.console_output:
        before = core.instructions
        machine.step()
        assert core.instructions - before <= 1
    assert machine.console_output == b"a"
