"""The fast engine's first tier (vm/replay.py): cold code, run more than
REPLAY_RUNS but fewer than HOT_RUNS times, is replayed from pre-decoded
runs that follow calls, returns and branches. A replay stops before
whatever it cannot do over the quick maps (a fault, a device, a write to
code, a zero divisor, a branch going the other way) and the reference
runs that instruction: the same state as the reference at any budget."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from test_differential import assert_same, image, run_both, run_fast, spy
from vm import fast, replay
from vm.codecache import CACHE
from vm.isa import BY_NAME, NCAUSES
from vm.machine import Machine

# 100 passes (fewer than HOT_RUNS, more than REPLAY_RUNS) through a call
# with a stack frame (negative offsets), signed byte and halfword loads,
# byte and halfword stores, a console store, a division whose divisor
# reaches zero (a trap), a misaligned load every seventh pass (a trap),
# a store into the code of the run itself, and a branch that goes one
# way for 40 passes and then the other.
COLD = """
    .text
    .global _start
_start:
    li t0, vectors
    csrw vec, t0
    li sp, 0x8000
    li s0, 0
    li s1, 100
    li s3, 0xF0000000
    li s2, data
loop:
    call f
    lb t1, 0(s2)
    add a3, a3, t1
    lh t1, 2(s2)
    add a3, a3, t1
    sb s0, 4(s2)
    sh s0, 6(s2)
    lw t1, 4(s2)
    xor a4, a4, t1
    andi t1, s0, 15
    addi t1, t1, 97
    sw t1, 0(s3)
    li t1, 60
    sub t1, t1, s0
    divu t1, s1, t1
    add a4, a4, t1
    li t1, 7
    remu t1, s0, t1
    bne t1, zero, aligned
    lw fp, 1(s2)
aligned:
    li t1, 50
    bne s0, t1, target
    li a1, patch
    sw s0, 4(a1)
target:
    addi a2, a2, 1
    li t1, 40
    blt s0, t1, early
    addi a2, a2, 1000
early:
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
f:
    subi sp, sp, 16
    sw lr, -4(sp)
    sw s0, -8(sp)
    lw t0, -8(sp)
    add a0, a0, t0
    lw lr, -4(sp)
    addi sp, sp, 16
    ret
vectors:
""" + "    jmp skip\n" * NCAUSES + """
skip:
    addi a5, a5, 1
    csrr t0, epc
    addi t0, t0, 8
    csrw epc, t0
    iret
    .equ patch, target
    .data
    .align 4096
data:
    .word 0xFFFF8080, 0, 0
"""


@pytest.mark.parametrize("budget", [3, 17, 250, 1_001, 2_345, 4_444, 6_001, 100_000])
def test_replayed_code_identical(budget):
    # (no trace hash: its hook would make the fast engine step with the reference)
    assert_same(run_both(image(COLD), budget))


def test_cold_code_is_replayed(monkeypatch):
    """The passes run replayed, not stepped: most of the program's
    instructions, and none of it hot enough to translate."""
    replayed = spy(monkeypatch, fast, "build_run")
    machine, result = run_fast(COLD, 100_000)
    runs = [run for run in replayed if run]
    assert runs and max(run.n for run in runs) >= 20, "runs follow calls, returns and branches"
    assert not [b for b in machine.memory.blocks.values() if b.fn], "nothing here is hot enough to translate"
    ref = Machine(engine="ref")
    ref.load_image(image(COLD))
    assert ref.run(max_instructions=100_000).instructions == result.instructions
    assert ref.cores[0].regs == machine.cores[0].regs


def test_a_replay_stops_where_the_quick_maps_miss():
    """A load whose page is not in the quick read map (here: a device) is
    where a replay stops: its handler returns true, touching nothing."""
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(COLD))
    mem = machine.memory
    make = replay.step_makers(mem).makers[BY_NAME["lw"].opcode, None]
    lw = make(6, 5, 0, 0, None)                      # lw a5, 0(a4)
    regs = [0] * 16
    regs[5] = 0xF0000000
    assert lw(regs, *mem.quick, None) and regs[6] == 0
    regs[5] = 0x100
    mem.words[0x100 >> 2] = 1234
    assert not lw(regs, *mem.quick, None) and regs[6] == 1234


# Paging on: a run made across two pages (a call to a function on the
# next page and back). Pass 20 rewrites the function through its own
# address; pass 40 maps its virtual page to another frame holding other
# code. The replay must notice both.
ACROSS_PAGES = PAGING_ON + """
    li s0, 0
    li s1, 60
loop:
    call g
    li t1, 20
    bne s0, t1, same
    li t0, g
    li t1, 5
    sw t1, 4(t0)
same:
    li t1, 40
    bne s0, t1, next
    li t0, g
    shri t0, t0, 10
    li t1, 0x101000
    add t0, t0, t1
    li t1, g2
    ori t1, t1, 7
    sw t1, 0(t0)
    tlbflush
next:
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
    .align 4096
g:
    addi a2, a2, 1
    add a3, a3, a2
    ret
    .align 4096
g2:
    addi a2, a2, 7
    add a3, a3, a2
    ret
"""


@pytest.mark.parametrize("budget", [1_500, 5_000, 5_555, 7_000, 100_000])
def test_a_run_across_pages_follows_their_mapping_and_their_code(budget):
    assert_same(run_both(image(ACROSS_PAGES), budget))


def test_runs_cross_pages(monkeypatch):
    built = spy(monkeypatch, fast, "build_run")
    machine, _ = run_fast(ACROSS_PAGES, 100_000)
    assert machine.cores[0].regs[3] == 21 * 1 + 20 * 5 + 19 * 7      # a2: g, g rewritten, the other frame
    assert [run for run in built if run and run.extra], "a run made across pages"


# 100 passes (cold) of kernel-like code: read status, turn interrupts
# off, read scratch and the cycle counter (timed: the reference runs
# that one), a store, back on. A replayed run steps through csrr of an
# untimed register and cli itself (replay.SYSTEM_STEPS).
CRITICAL = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 100
    li s2, 0x9000
    li t0, 77
    csrw scratch, t0
loop:
    csrr a3, status
    cli
    csrr a4, scratch
    add a2, a2, a4
    sw a2, 0(s2)
    csrr a5, cycle
    add a1, a1, a5
    csrr t1, coreid
    add a1, a1, t1
    sti
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF


@pytest.mark.parametrize("budget", [5, 37, 300, 801, 1_234, 100_000])
def test_system_steps_in_replayed_runs(budget):
    assert_same(run_both(image(CRITICAL), budget))


def test_runs_go_through_csrr_and_cli(monkeypatch):
    built = spy(monkeypatch, fast, "build_run")
    run_fast(CRITICAL, 100_000)
    names = {h.__code__.co_filename for run in built if run for h in run.steps}
    assert {"<step csrr>", "<step cli>"} <= names


# 60 passes through straight code longer than MAX_RUN: runs stop at
# MAX_RUN steps and the code after is a run of its own; every ALU
# operation whose step has its operands in the expression (replay._once)
# and both ways of a signed and an unsigned branch
LONG = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 60
    li a0, 0x80000001
    li a1, 3
loop:
""" + "".join(f"    {op} a{2 + i % 4}, a{i % 2}, a{1 - i % 2}\n" if i % 3 else f"    {op}i a{2 + i % 4}, a{i % 2}, {5 + i}\n"
           for i, op in enumerate(["add", "sub", "mul", "and", "or", "xor", "sltu", "sgtu", "seq", "sne"] * 9)
           ) + """    slt a2, a0, a1
    addi a0, a0, 7
    sgt a3, a1, a0
    li t1, 30
    blt s0, t1, low
    addi a4, a4, 1
low:
    bgeu s0, t1, high
    addi a5, a5, 1
high:
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF


@pytest.mark.parametrize("budget", [7, 41, 333, 1_000, 2_718, 5_000, 100_000])
def test_long_straight_code_replayed(budget):
    assert_same(run_both(image(LONG), budget))


def test_runs_stop_at_max_run(monkeypatch):
    built = spy(monkeypatch, fast, "build_run")
    run_fast(LONG, 100_000)
    lengths = [run.n for run in built if run]
    assert max(lengths) == replay.MAX_RUN and len(lengths) > 2
