"""The fast engine against the reference: same programs, same final state,
same counters, same trace. (tests/vm runs its whole suite under both engines
as well; this file compares complete machine states directly.)"""

import hashlib

import pytest

from bench.workloads import PAGING_ON, POWER_OFF, build
from lang.asm import assemble
from lang.link import link
from vm.isa import CAUSE, NCAUSES, STATUS_RING_SHIFT
from vm.machine import Machine
from vm.trace import TraceHash


def state(machine):
    """Everything observable: registers, pcs, rings, memory, counters, output."""
    counters = machine.counters()
    return {
        "regs": [list(c.regs) for c in machine.cores],
        "pc": [c.pc for c in machine.cores],
        "ring": [c.ring for c in machine.cores],
        "csr": [list(c.csr) for c in machine.cores],
        "memory": hashlib.sha256(machine.memory.ram).hexdigest(),
        "counters": counters,
        "output": machine.console_output,
        "exit": machine.exit_code,
    }


def run_both(image, budget, trace=False, **kwargs):
    states = {}
    for engine in ("ref", "fast"):
        machine = Machine(engine=engine, **kwargs)
        machine.load_image(image)
        tracer = TraceHash(machine) if trace else None
        result = machine.run(max_instructions=budget)
        states[engine] = (result, state(machine), tracer and tracer.hexdigest())
    return states


def assert_same(states):
    ref, fast = states["ref"], states["fast"]
    assert ref[0] == fast[0], "run results differ"
    for key in ref[1]:
        assert ref[1][key] == fast[1][key], f"{key} differs between engines"
    assert ref[2] == fast[2], "instruction traces differ"


@pytest.mark.parametrize("name,n", [("alu", 3000), ("memory", 2000), ("calls", 12), ("traps", 500)])
def test_workloads_identical(name, n):
    assert_same(run_both(build(name, n), 5_000_000))


@pytest.mark.parametrize("budget", [1, 7, 100, 1001, 4321])
def test_stopping_at_any_budget_is_identical(budget):
    """A run cut at an arbitrary instruction stops at the same place."""
    assert_same(run_both(build("memory", 300), budget))


def image(source):
    return link([assemble(source, "diff.s")])[0]


def run_fast(source, bound):
    """source run to its halt on the fast engine, from an empty code cache:
    (the machine, the run's result)."""
    from vm.codecache import CACHE
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(image(source))
    result = machine.run(max_instructions=bound)
    assert result.reason == "halt", result
    return machine, result


def spy(monkeypatch, owner, name):
    """Replace owner.name by a wrapper that records what each call returned
    (the list returned)."""
    seen = []
    real = getattr(owner, name)

    def wrapper(*args):
        seen.append(real(*args))
        return seen[-1]
    monkeypatch.setattr(owner, name, wrapper)
    return seen


SPINLOCK = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 300
again:
    li a2, 1
spin:
    swap a2, a3, a2          # a3 = &lock (set below), take the lock
    bne a2, zero, spin
    li t0, counter
    lw t1, 0(t0)
    addi t1, t1, 1
    sw t1, 0(t0)
    sw zero, 0(a3)           # release
    addi s0, s0, 1
    blt s0, s1, again
    li t0, done
    li t1, 1
spin_done:
    lw t1, 0(t0)             # core 0 waits for the others, then powers off
    bne a0, zero, finish
    li t0, counter
    lw t1, 0(t0)
    csrr a4, ncores
    muli a4, a4, 300
    bne t1, a4, spin_done
    li t0, 0xF0002000
    sw t1, 0(t0)
finish:
    jmp finish
    .data
    .align 4
counter: .word 0
done: .word 0
lock: .word 0
"""


# With trace on, an instruction hook makes both engines step the reference
# way: the run without it is the one that compares the blocks.
@pytest.mark.parametrize("trace", [False, True])
@pytest.mark.parametrize("cores,seed", [(2, None), (4, 7), (3, 12345)])
def test_multicore_identical(cores, seed, trace):
    src = SPINLOCK.replace("_start:\n", "_start:\n    li a3, lock\n")
    states = run_both(image(src), 2_000_000, trace=trace, cores=cores, seed=seed)
    assert states["ref"][0].reason == "halt"
    assert states["ref"][0].exit_code == cores * 300
    assert_same(states)


SELF_MODIFYING = """
    .text
    .global _start
_start:
    li s0, 0
loop:
    li a1, patch
    li a2, 5
target:
    addi s0, s0, 1           # rewritten below to add 5 instead of 1
    sw a2, 4(a1)             # patch the immediate of `target`
    li t0, 40
    blt s0, t0, loop
    li t0, 0xF0002000
    sw s0, 0(t0)
    .equ patch, target
"""


def test_self_modifying_code_identical():
    states = run_both(image(SELF_MODIFYING), 100_000)
    assert states["ref"][0].exit_code == 41      # 1 + 5 * 8
    assert_same(states)


SELF_CALL = """
    .text
    .global _start
_start:
    li s0, 0
again:                       # a block that ends by calling its own start
    addi s0, s0, 1
    call again
"""


@pytest.mark.parametrize("budget", [5, 100, 1001])
def test_block_that_calls_its_own_start(budget):
    states = run_both(image(SELF_CALL), budget)
    assert states["ref"][0].reason == "limit"
    assert_same(states)


# Registers that wrap past 32 bits every few iterations, in every way a
# loop may use them afterwards: copied, doubled, compared signed, shifted,
# stored, and (with the clock read) live when a load leaves the block.
WRAPPING = """
    .text
    .global _start
_start:
    li t0, 0
    li t1, 700
    li a1, 0x9E3779B9
    li a2, 0xFFFFFFF0
    li s3, buffer
loop:
    add a3, a3, a1
    sub a4, a4, a2
    addi a5, a5, 0xFFFFFFF9
    mov s0, a3
    add s0, s0, s0
    add s1, a3, a4
    shri s2, a3, 3
    andi t1, a5, 0x7FF
    addi t1, t1, 700
    sw a4, 0(s3)
    sb a3, 4(s3)
    {clock}
    blt a3, a4, less
    addi t0, t0, 1
    blt t0, t1, loop
    jmp done
less:
    sub a5, a5, s0
    addi t0, t0, 1
    blt t0, t1, loop
done:
""" + POWER_OFF + """
    .data
buffer:
    .space 8
"""


@pytest.mark.parametrize("clock", ["", "li s2, 0xF0003000\n    lw s2, 0(s2)"])
@pytest.mark.parametrize("budget", [333, 4999, 7777, 20_000, 54_321])
def test_values_past_32_bits_are_exact_wherever_they_are_seen(clock, budget):
    """Inside loops the fast engine leaves sums unmasked (vm/blockgen.py,
    Writer.alu); whatever instruction the run stops on, the values agree."""
    assert_same(run_both(image(WRAPPING.format(clock=clock)), budget))


# A read, then a write, of the same word: the write works out no address
# of its own, only asks the write map (which leaves out pages holding
# code). Half way, the loop starts rewriting its own instruction.
SAME_WORD = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 1000
    li s3, 500
    li a0, buffer
loop:
    lw t0, 0(a0)
    addi t0, t0, 3
    sw t0, 0(a0)
    lw t1, 0(a0)
    add s2, s2, t1
patch:
    addi a5, a5, 1
    addi s0, s0, 1
    bne s0, s3, next
    li a0, patch
    addi a0, a0, 4           # the immediate of the instruction at patch
next:
    blt s0, s1, loop
""" + POWER_OFF + """
    .data
buffer:
    .word 5
"""


# The word at instruction 7 and register 7 (t0), compared signed and never
# written, once shared a name in the block's source.
NAMES = """
    .text
    .global _start
_start:
    li s0, 0
    li t0, 3000
    li a0, buffer
loop:
    addi s0, s0, 1
    nop
    nop
    nop
    nop
    nop
    nop
    lw a1, 0(a0)
    addi a1, a1, 1
    sw a1, 0(a0)
    blt s0, t0, loop
""" + POWER_OFF + """
    .data
buffer:
    .word 0
"""


def assert_alike_at(source, budget, end=5_000_000):
    """Both engines stopped at budget alike (their instruction traces too,
    below 50,000); a budget of `end` lets the program halt."""
    states = run_both(image(source), budget, trace=budget < 50_000)
    if budget == end:
        assert states["ref"][0].reason == "halt"
    assert_same(states)


def assert_same_to_the_end(source, budget=100_000):
    states = run_both(image(source), budget)
    assert states["ref"][0].reason == "halt", "the program should end within the budget"
    assert_same(states)


def test_names_in_a_block_do_not_collide():
    assert_same_to_the_end(NAMES)


# Words a few bytes apart off one base register share one page lookup; the
# walk crosses from virtual page 0x1FF to 0x200, which is mapped far away
# (frame 0x300), where two of them straddle the boundary.
STRADDLE = PAGING_ON + """
    li t0, 0x101800          # virtual page 0x200 now on frame 0x300
    li t1, 0x300007
    sw t1, 0(t0)
    tlbflush
    li a0, 0x1FF000
    li a1, 1100
walk:
    lw t0, 0(a0)
    addi t0, t0, 1
    sw t0, 0(a0)
    lw t1, 8(a0)
    add t1, t1, t0
    sw t1, 8(a0)
    addi a0, a0, 4
    subi a1, a1, 1
    bne a1, zero, walk
""" + POWER_OFF


# Frames as compiled C makes them: the stack pointer moved by subi and
# addi, a frame pointer made from it with mov and addi; all the slots are
# one group of words, placed relative to the stack pointer at entry.
FRAMES = """
    .text
    .global _start
_start:
    li sp, stack_top
    li s0, 0
    li s3, 500
loop:
    subi sp, sp, 16
    sw s0, 12(sp)
    mov fp, sp
    addi fp, fp, 16
    sw s1, -8(fp)
    subi sp, sp, 8
    sw s0, 4(sp)
    lw t0, 12(fp)
    lw t1, -8(fp)
    lw a1, 4(sp)
    add s2, s2, t0
    add s2, s2, t1
    add s2, s2, a1
    addi s0, s0, 1
    addi s1, s1, 3
    addi sp, sp, 24
    blt s0, s3, loop
""" + POWER_OFF + """
    .data
    .space 64
stack_top:
    .word 7
    .space 60
"""


def test_stack_slots_found_through_moved_registers():
    assert_same_to_the_end(FRAMES)


# Results used once by the next instruction and then overwritten go into
# that use without a register; here too are ones read again later, or
# overwritten only after a load or a branch that may leave the block.
FOLDING = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 800
    li a0, buffer
loop:
    shli t0, s0, 3           # used once, then overwritten: folded
    xor a1, a1, t0
    shri t0, a1, 2
    add a2, a2, t0           # used here...
    add a3, a3, t0           # ...and again: not folded
    li t0, 9
    muli t1, s0, 7
    sub a4, a4, t1
    li s3, 0xF0003000
    lw t1, 0(s3)             # overwritten by a load that leaves the block: not folded
    add a4, a4, t1
    xori t1, a4, 5
    or a5, a5, t1
    andi t0, a5, 1
    beq t0, zero, even       # t0 read by the branch
    addi s2, s2, 1
even:
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
    .data
buffer:
    .word 12345
"""


# A loop that closes by falling through: its last branch, when not taken,
# runs on into the block's start (as compiled C loops often do).
FALL_THROUGH_LOOP = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 3000
    jmp head
check:
    addi s0, s0, 1
    beq s0, s1, done
head:
    add a2, a2, s0
    andi a3, a2, 1023
    beq a3, zero, rare
    xori a2, a2, 0x33
    jmp check
rare:
    addi a4, a4, 1
    jmp check
done:
""" + POWER_OFF


# A loop that closes by a return: the block starts after a call (the first
# address to prove hot), and the callee's return to it goes round again.
# Every fourth time the callee returns elsewhere, through a table.
RETURN_LOOP = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 3000
    jmp back
loop:
    call f
back:
    add a2, a2, a0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
f:
    xori a0, s0, 0x5a
    andi t1, s0, 3
    shli t1, t1, 2
    li t0, returns
    add t0, t0, t1
    lw lr, 0(t0)
    ret
elsewhere:
    addi a4, a4, 1
    jmp back
    .data
returns:
    .word back, back, back, elsewhere
"""


# Interrupts turned off and on around a critical section, as push_off and
# pop_off do, with control registers written and read inside it, while a
# timer interrupts every 700 cycles: sti and csrw of a register that only
# stores its value run inside blocks, which must leave at an sti that
# finds an interrupt pending.
CRITICAL_SECTIONS = """
    .text
    .global _start
_start:
    li t0, handler
    csrw vec, t0
    li t0, 700
    csrw timer, t0
    li s0, 0
    li s1, 4000
loop:
    sti                      # an interrupt that came while they were off is taken here
    addi a2, a2, 3
    cli
    csrw scratch, s0
    csrr a3, scratch
    add a4, a4, a3
    csrw ksp, a4
    addi s0, s0, 1
    blt s0, s1, loop
    csrr a5, ksp
""" + POWER_OFF + """
handler:                     # the vector: a jump per cause
""" + "    jmp tick\n" * NCAUSES + """
tick:
    addi s2, s2, 1
    li t1, 700
    csrw timer, t1
    iret
"""


@pytest.mark.parametrize("budget", [1000, 7777, 100_000])
def test_interrupts_on_and_off_inside_blocks(budget):
    states = run_both(image(CRITICAL_SECTIONS), budget)
    assert_same(states)
    if budget == 100_000:
        assert states["ref"][0].reason == "halt"
        assert states["ref"][1]["regs"][0][11] > 30, "the timer should have interrupted often"


# Ring 3 running an instruction that traps again and again: it traps at
# that instruction, inside the block once the loop is hot; the handler, on
# the kernel stack, skips it and returns to ring 3 with iret, which gives
# back the user's stack pointer.
RING3_TRAPS = """
    .text
    .global _start
_start:
    li t0, vectors
    csrw vec, t0
    li t0, 0x8000
    csrw ksp, t0
    li s0, 0
    li s1, 600
    li t0, {ring3}
    csrw estatus, t0
    li t0, user
    csrw epc, t0
    iret
user:
    li sp, 0x9000
again:
    addi s0, s0, 1
    {insn}
    add a4, a4, sp
    blt s0, s1, again
    syscall
vectors:
""" + "    jmp skip\n" * NCAUSES + """
skip:
    subi sp, sp, 16
    csrr t1, cause
    li t0, {syscall}
    beq t1, t0, off
    csrr t0, epc
    addi t0, t0, 8
    csrw epc, t0
    iret
off:
""" + POWER_OFF


@pytest.mark.parametrize("insn,cause", [("sti", "privileged"), ("cli", "privileged"),
                                        ("csrw scratch, s0", "privileged"),
                                        ("csrr a3, scratch", "privileged"), ("brk", "breakpoint")])
def test_traps_from_ring3_blocks(insn, cause):
    source = RING3_TRAPS.format(insn=insn, ring3=3 << STATUS_RING_SHIFT, syscall=CAUSE["syscall"])
    states = run_both(image(source), 100_000)
    assert states["ref"][0].reason == "halt"
    assert states["ref"][1]["counters"]["traps"][cause] == 600
    assert states["ref"][1]["regs"][0][5] == 600 * 0x9000        # a4: sp, back after each trap
    assert_same(states)


# A kernel waiting for each timer interrupt with wfi, in a loop.
WAITING = """
    .text
    .global _start
_start:
    li t0, vectors
    csrw vec, t0
    li t0, 300
    csrw timer, t0
    li s0, 0
    li s1, 400
    sti
again:
    wfi
    addi s0, s0, 1
    blt s0, s1, again
""" + POWER_OFF + """
vectors:
""" + "    jmp tick\n" * NCAUSES + """
tick:
    addi a2, a2, 1
    li t1, 300
    csrw timer, t1
    iret
"""


# The programs above whose only check is that both engines agree, each
# stopped at budgets that cut it in different places.
AT_BUDGETS = {
    "accesses-to-the-same-word": (SAME_WORD, [2000, 5003, 100_000]),
    "word-group-straddling-pages": (STRADDLE, [9000, 9230, 100_000]),
    "results-folded-into-their-use": (FOLDING, [3000, 7777, 100_000]),
    "loop-closed-by-falling-through": (FALL_THROUGH_LOOP, [999, 7777, 100_000]),
    "loop-closed-by-a-return": (RETURN_LOOP, [999, 7777, 100_000]),
    "waiting-with-wfi": (WAITING, [999, 7777, 100_000]),
}


@pytest.mark.parametrize("name,budget", [(name, budget) for name, (_, budgets) in AT_BUDGETS.items()
                                         for budget in budgets])
def test_programs_identical_at_budgets(name, budget):
    assert_same(run_both(image(AT_BUDGETS[name][0]), budget))


# Every pass flushes the TLB and calls a function on another page, while a
# timer interrupts every `period` cycles: the fetch of a page not in the
# quick maps (fast._enter: a refill, which costs cycles) may take the core
# to the slice's limit, the timer's deadline. The reference runs the
# instruction it fetched and then takes the interrupt; the fast engine must
# too (it used to stop before it, with the refill counted, and take the
# interrupt first: period 40).
FETCH_AT_THE_LIMIT = PAGING_ON + """
    li t0, handler
    csrw vec, t0
    li t0, {period}
    csrw timer, t0
    sti
    li s0, 0
    li s1, 300
loop:
    tlbflush
    call far
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
handler:
""" + "    jmp tick\n" * NCAUSES + """
tick:
    addi s2, s2, 1
    li t1, {period}
    csrw timer, t1
    iret
    .align 4096
far:
    addi a2, a2, 1
    ret
"""


@pytest.mark.parametrize("period", range(36, 60))
def test_a_fetch_that_reaches_the_limit_runs_its_instruction(period):
    states = run_both(image(FETCH_AT_THE_LIMIT.format(period=period)), 200_000)
    assert states["ref"][0].reason == "halt"
    assert states["ref"][1]["regs"][0][11] > 100, "the timer should have interrupted often"
    assert_same(states)
