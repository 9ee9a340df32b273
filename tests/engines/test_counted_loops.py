"""Counted loops (vm/counted.py): a loop that steps a counter by a constant
and branches back while it compares some way with a bound runs as a Python
`for` over the counter. Checked two ways: `trips` against the branch
stepped one iteration at a time, and whole programs against the reference
engine, for every branch, both operand orders, steps up and down, and
counters that wrap or cross the sign bit."""

import pytest

from bench.workloads import PAGING_ON, POWER_OFF
from tests.engines.test_differential import assert_same, image, run_both
from vm.counted import trips

MASK = 0xFFFFFFFF


def signed(x):
    return x - (1 << 32) if x & (1 << 31) else x


# the branches, written out here rather than taken from the table
GOES = {
    "beq": lambda a, b: a == b,
    "bne": lambda a, b: a != b,
    "blt": lambda a, b: signed(a) < signed(b),
    "bge": lambda a, b: signed(a) >= signed(b),
    "bltu": lambda a, b: a < b,
    "bgeu": lambda a, b: a >= b,
}
EDGES = [0, 1, 6, 100, 0x7FFFFFFE, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFF0, 0xFFFFFFFF]


def goes_round(name, first, v, bound, step, i):
    """Whether the branch of iteration i (counter v at the first) goes round."""
    counter = (v + (i + 1) * step) & MASK
    a, b = (counter, bound) if first else (bound, counter)
    return GOES[name](a, b)


@pytest.mark.parametrize("name", sorted(GOES))
@pytest.mark.parametrize("first", [True, False])
@pytest.mark.parametrize("step", [1, -1, 3, -4, 0x40000000])
def test_trips_agrees_with_stepping_the_branch(name, first, step):
    for v in EDGES:
        for bound in EDGES:
            for iters in (1, 2, 7, 40):
                n, leaves = trips(v, bound, iters, (name, step, first))
                assert 0 <= n <= iters
                where = f"{name} first={first} step={step} v={v:#x} bound={bound:#x} iters={iters}"
                for i in range(n - 1):
                    assert goes_round(name, first, v, bound, step, i), f"{where}: left at {i}"
                if n:
                    assert goes_round(name, first, v, bound, step, n - 1) != leaves, where
                # stopping early (neither the branch nor iters says so) only
                # where the counter would leave its window: it must not wrap
                # through 32 bits, nor (a signed compare) through the sign bit
                if n < iters and not leaves:
                    after = v + (n + 1) * step
                    half = name in ("blt", "bge")
                    crosses = after < 0 or after > MASK or (half and (after ^ v) & (1 << 31))
                    assert crosses, f"{where}: stopped at {n} for no reason"


LOOP = """
    .text
    .global _start
_start:
    li s0, {start}
    li s1, {bound}
    li s2, {by}
    li a2, 7
loop:
    add a2, a2, s0
    xori a2, a2, 0x55
    shli a3, a2, 3
    {step}
    {branch}
    li t0, result
    sw a2, 0(t0)
    sw s0, 4(t0)
""" + POWER_OFF + """
    .data
result:
    .word 0, 0
"""

CASES = [
    # branch, counter first, start, bound, step
    ("blt", True, 0, 1000, 1),
    ("blt", True, -500, 500, 3),              # from negative through zero
    ("blt", True, 0x7FFFFF00, 0x7FFFFFFF, 7),  # wraps to negative and goes on
    ("blt", True, 0x7FFFFF00, 0x7FFFFFFF, 1),  # ends at the largest signed value
    ("bltu", True, 0xFFFFFF00, 0xFFFFFFFF, 5),  # wraps through zero
    ("bge", True, 1000, 0, -1),
    ("bge", True, 5, -5, -2),
    ("bgeu", True, 100, 0, -1),               # unsigned >= 0 always: wraps
    ("bne", True, 0, 1000, 1),
    ("bne", False, 1000, 0, -1),
    ("bne", True, 0, 999, 2),                 # steps over the bound: runs till the budget
    ("bne", True, 0xFFFFFFF0, 16, 1),
    ("beq", True, 5, 6, 1),
    ("blt", False, 1000, 0, -1),              # 0 < counter
    ("bltu", False, 10, 5, 1),                # 5 < counter until it wraps
    ("bgeu", False, 0, 3000, 4),              # 3000 >= counter
    ("blt", True, 0, 100_000, 0x1000),
]


def loop_source(name, first, start, bound, step):
    stepping = f"addi s0, s0, {step}" if step > 0 else f"subi s0, s0, {-step}"
    operands = "s0, s1" if first else "s1, s0"
    return LOOP.format(start=start & MASK, bound=bound & MASK, by=0, step=stepping,
                       branch=f"{name} {operands}, loop")


@pytest.mark.parametrize("case", CASES, ids=lambda c: "{}-{}-{:#x}-{:#x}-{}".format(*c))
@pytest.mark.parametrize("budget", [1, 50, 777, 5000, 100_000])
def test_counted_loops_identical(case, budget):
    assert_same(run_both(image(loop_source(*case)), budget))


def test_bound_in_the_zero_register():
    source = loop_source("bne", True, 300, 0, -1).replace("bne s0, s1", "bne s0, zero")
    assert_same(run_both(image(source), 100_000))


# A counted loop that leaves by a side exit every 64th iteration, then
# comes back in. (The jump makes the loop's head the first address that
# proves hot, so the block starts there.)
SIDE_EXIT = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 3000
    jmp loop
loop:
    andi t1, s0, 63
    beq t1, zero, rare
back:
    add a2, a2, s0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF + """
rare:
    addi a3, a3, 1
    jmp back
"""

# With paging on, a counted loop walks across pages: each new page misses
# in the TLB, which leaves the block in the middle of an iteration.
ACROSS_PAGES = PAGING_ON + """
    li s0, 0
    li s1, 3000
    li a0, 0x200000
walk:
    lw a1, 0(a0)
    add a1, a1, s0
    sw a1, 0(a0)
    addi a0, a0, 36
    addi s0, s0, 1
    bltu s0, s1, walk
""" + POWER_OFF

# A division by zero in the 700th iteration traps inside the loop.
TRAPPING = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 3000
loop:
    subi t1, s0, 700
    div t0, s1, t1
    add a2, a2, t0
    addi s0, s0, 1
    blt s0, s1, loop
""" + POWER_OFF


# An inner loop entered again and again that runs 1, 1, 2 or 3 times: its
# branch often falls through at the first iteration.
NESTED = """
    .text
    .global _start
_start:
    li s0, 0
    li s1, 2000
outer:
    li s2, 0
    andi s3, s0, 3
inner:
    add a2, a2, s2
    addi s2, s2, 1
    blt s2, s3, inner
    addi s0, s0, 1
    blt s0, s1, outer
""" + POWER_OFF


@pytest.mark.parametrize("source", [SIDE_EXIT, ACROSS_PAGES, TRAPPING, NESTED],
                         ids=["side-exit", "pages", "trap", "nested"])
@pytest.mark.parametrize("budget", [333, 4999, 100_000])
def test_counted_loops_that_leave_in_the_middle(source, budget):
    assert_same(run_both(image(source), budget))


# Counted loops whose step is a register the loop does not write (sieve's
# `for (j = i + i; j < N; j += i) composite[j] = 1;`): add or sub, either
# operand order of add, steps up and down, across the sign bit, and a step
# of zero (trips runs nothing: the reference runs each iteration). LOOP,
# with the step's register s2.
REGISTER_CASES = [
    # branch, start, bound, step register's value, stepping instruction
    ("blt", 0, 5000, 3, "add s0, s0, s2"),
    ("blt", 0, 5000, 3, "add s0, s2, s0"),
    ("bge", 5000, 0, 7, "sub s0, s0, s2"),
    ("bge", 5000, 0, -7, "add s0, s0, s2"),
    ("blt", 5000, 0, -7, "sub s0, s0, s2"),     # 0 < ... no: goes till the counter wraps
    ("blt", 0x7FFFFF00, 0x7FFFFFFF, 5, "add s0, s0, s2"),   # crosses the sign bit
    ("bltu", 0xFFFFFF00, 0xFFFFFFFF, 9, "add s0, s0, s2"),  # wraps through zero
    ("bne", 0, 999, 3, "add s0, s0, s2"),
    ("bne", 0, 1000, 0, "add s0, s0, s2"),      # a zero step: never leaves
    ("blt", 0, 1000, 0x80000000, "sub s0, s0, s2"),  # the most negative step, negated
]


def register_source(name, start, bound, step, stepping):
    return LOOP.format(start=start & MASK, bound=bound & MASK, by=step & MASK,
                       step=stepping, branch=f"{name} s0, s1, loop")


@pytest.mark.parametrize("case", REGISTER_CASES, ids=lambda c: "{}-{:#x}-{:#x}-{}-{}".format(*c))
@pytest.mark.parametrize("budget", [1, 50, 777, 5000, 100_000])
def test_register_step_loops_identical(case, budget):
    assert_same(run_both(image(register_source(*case)), budget))


def test_register_step_loop_is_counted():
    """The sieve's loop shape is translated as a counted loop (a `for`)."""
    from tests.engines.test_differential import run_fast
    machine, _ = run_fast(register_source("blt", 0, 50_000, 3, "add s0, s0, s2"), 200_000)
    sources = [b.source for b in machine.memory.blocks.values() if b.fn is not None]
    assert any("for r" in s and "trips(" in s and "step" in s for s in sources), sources


# A counted loop inside a region (the inner loop of a nest) that trips
# cannot run (its counter at the edge of its window: here 0xFFFFFFFC,
# going on through zero to 8): the region must write back what the
# members before it did and stop at the loop's head, as a block would.
EDGE_IN_REGION = """
    .text
    .global _start
_start:
    li s3, 0
    li a5, 3000
    li t1, {step}
outer:
    li s0, 0xFFFFFFF0
    li s1, 8
    addi a4, a4, 1
inner:
    add a2, a2, s0
    {stepping}
    bne s0, s1, inner
    addi s3, s3, 1
    blt s3, a5, outer
""" + POWER_OFF


@pytest.mark.parametrize("stepping", ["addi s0, s0, 4", "add s0, s0, t1"])
@pytest.mark.parametrize("budget", [5000, 40_000, 100_000])
def test_counted_loop_at_its_window_edge_in_a_region(stepping, budget):
    assert_same(run_both(image(EDGE_IN_REGION.format(step=4, stepping=stepping)), budget))


# The counter's step followed by other computing before the branch
# (matmul's inner loop steps its index, then a pointer): the step moves to
# just before the branch and the loop is counted. With paging on, the walk
# crosses pages (a miss leaves the block in the middle of an iteration,
# before the step); the variants read the counter after its step, write
# the step's register, or trap after the step, and must stay as they are.
MOVED_STEP = PAGING_ON + """
    li s0, 0
    li s1, 3000
    li t1, 1
    li a0, 0x200000
walk:
    lw a1, 0(a0)
    add a1, a1, s0
    sw a1, 0(a0)
    {step}
    addi a0, a0, 36
    {between}
    bltu s0, s1, walk
""" + POWER_OFF

MOVED_CASES = [
    ("addi s0, s0, 1", "xori a3, a1, 5"),
    ("add s0, s0, t1", "mov a2, a0"),
    ("add s0, s0, t1", "add a3, a3, s0"),      # reads the counter after its step
    ("add s0, s0, t1", "addi t1, t1, 0"),      # writes the step's register
    ("addi s0, s0, 1", "div a3, a1, s0"),      # may trap after the step (never does)
]


@pytest.mark.parametrize("case", MOVED_CASES, ids=lambda c: f"{c[0]}-{c[1]}")
@pytest.mark.parametrize("budget", [333, 4999, 100_000])
def test_moved_step_loops_identical(case, budget):
    step, between = case
    assert_same(run_both(image(MOVED_STEP.format(step=step, between=between)), budget))


def test_moved_step_is_counted():
    from tests.engines.test_differential import run_fast
    machine, _ = run_fast(MOVED_STEP.format(step="addi s0, s0, 1", between="xori a3, a1, 5"), 200_000)
    sources = [b.source for b in machine.memory.blocks.values() if b.fn is not None]
    assert any("for r9 in range" in s for s in sources), sources


def test_trips_agrees_on_random_loops():
    """trips against the branch stepped, for random counters, bounds and
    steps (a fixed seed), near the edges and anywhere."""
    import random
    rng = random.Random(19)
    for _ in range(20_000):
        name, first = rng.choice(sorted(GOES)), rng.random() < 0.5
        step = rng.choice([1, -1, 2, -3, 7, -8, rng.randrange(-2**31, 2**31) or 1])
        near = [rng.randrange(100), (1 << 31) - rng.randrange(1, 50), MASK - rng.randrange(50),
                (1 << 31) + rng.randrange(50), rng.randrange(1 << 32)]
        v = rng.choice(near) & MASK
        bound = rng.choice(near + [v + rng.randrange(-300, 300)]) & MASK
        iters = rng.choice([1, 2, 5, 40, 1000])
        n, leaves = trips(v, bound, iters, (name, step, first))
        where = f"{name} first={first} step={step} v={v:#x} bound={bound:#x} iters={iters}"
        assert 0 <= n <= iters, where
        assert all(goes_round(name, first, v, bound, step, i) for i in range(n - 1)), where
        if n:
            assert goes_round(name, first, v, bound, step, n - 1) != leaves, where
        if n < iters and not leaves:
            after = v + (n + 1) * step
            half = name in ("blt", "bge")
            assert after < 0 or after > MASK or (half and (after ^ v) & (1 << 31)), where


def test_trips_written_out_agrees_with_trips():
    """trips_source (a counted loop's entry for an ordered branch and a
    constant step, written into the block) sets runs and leaves as trips
    returns them (runs <= 0 for trips' 0), for random loops (a fixed seed)
    and the edges."""
    import random
    from vm.counted import trips_source
    rng = random.Random(7)
    for name in ("blt", "bge", "bltu", "bgeu"):
        for first in (True, False):
            for step in (1, -1, 3, -4, 0x40000000, -0x7FFFFFFF, "step3", "step-5", "step1"):
                by = int(step[4:]) if isinstance(step, str) else step
                loop = (name, "step" if isinstance(step, str) else step, first)
                call = "    runs, leaves = trips(v, bound, iters, (NAME, step, FIRST))"
                lines = trips_source("v", "bound", loop, call)
                code = compile("\n".join(line[4:] for line in lines), "<trips>", "exec")
                cases = [(v, b) for v in EDGES for b in EDGES]
                cases += [(rng.randrange(1 << 32), rng.randrange(1 << 32)) for _ in range(300)]
                cases += [(v, (v + rng.randrange(-40, 40)) & MASK) for v, _ in cases[:100]]
                for v, bound in cases:
                    for iters in (1, 2, 7, 40, 10**6):
                        space = {"v": v, "bound": bound, "iters": iters, "step": by, "trips": trips,
                                 "NAME": name, "FIRST": first}
                        exec(code, space)
                        n, leaves = trips(v, bound, iters, (name, by, first))
                        where = f"{name} first={first} step={step} v={v:#x} bound={bound:#x} iters={iters}"
                        if n == 0:
                            assert space["runs"] <= 0, where
                        else:
                            assert (space["runs"], space["leaves"]) == (n, leaves), where

# A loop that steps its counter first and leaves by a side exit comparing
# it with a bound (vm/loops.py: guarded_loop; sieve's `for (i = 2; i <
# N; i++) { if (composite[i]) continue; ... }`): the `for` runs to the
# iteration trips finds, whose compare leaves. The trace goes on where the
# compare goes (taken, or its fall-through: trips gets the negated
# branch); a rare side exit leaves and comes back; the bound may be set by
# an li before the compare (not after: that one is not guarded).
GUARDED = """
    .text
    .global _start
_start:
    li s0, {start}
    li s1, {bound}
    li t1, {step}
    li a4, 5000
    li a5, 0
    jmp loop
rare:
    addi a5, a5, 1
    {rare}
    jmp loop
loop:
    {stepping}
    {guard}
body:
    add a2, a2, s0
    xori a2, a2, 0x55
    andi t0, s0, {every}
    beq t0, zero, rare
    {late}
    bne t0, a4, loop
done:
    li t0, result
    sw a2, 0(t0)
    sw s0, 4(t0)
    sw a5, 8(t0)
""" + POWER_OFF + """
    .data
result:
    .word 0, 0, 0
"""

GUARDED_CASES = [
    # branch (the way on), counter first, start, bound, step, how: taken / fall-through
    ("blt", True, 0, 3000, 1, "taken"),
    ("blt", True, 0, 3000, 1, "through"),
    ("blt", False, 3000, 0, -1, "taken"),     # 0 < counter
    ("bge", True, 3000, 0, -3, "through"),
    ("bltu", True, 0, 5000, 7, "taken"),
    ("bgeu", False, 0, 5000, 7, "through"),   # 5000 >= counter
    ("bne", True, 0, 3000, 1, "taken"),
    ("bne", True, 0, 3001, 2, "through"),     # steps over the bound
    ("beq", True, 5, 6, 1, "taken"),
    ("blt", True, 0x7FFFFF00, 0x7FFFFFFF, 7, "taken"),   # across the sign bit
    ("bltu", True, 0xFFFFFF00, 0xFFFFFFFF, 5, "through"),  # wraps through zero
    ("blt", True, 0, 3000, "t1", "taken"),    # a step in a register
    ("blt", True, 0, 3000, "li", "taken"),    # the bound set by li before the compare
    ("blt", True, 0, 3000, "late", "taken"),  # ... after it: not guarded
]


def guarded_source(name, first, start, bound, step, how):
    stepping = {"t1": "add s0, s0, t1", "li": "addi s0, s0, 1", "late": "addi s0, s0, 1"}.get(
        step, f"addi s0, s0, {step}" if isinstance(step, int) and step > 0 else f"subi s0, s0, {-step}"
        if isinstance(step, int) else "")
    operands = "s0, s1" if first else "s1, s0"
    if how == "taken":
        guard = f"{name} {operands}, body\n    jmp done"
    else:
        negated = {"beq": "bne", "bne": "beq", "blt": "bge", "bge": "blt", "bltu": "bgeu", "bgeu": "bltu"}
        guard = f"{negated[name]} {operands}, done"
    if step == "li":
        guard = f"li s1, {bound}\n    " + guard
    late = f"li s1, {bound}" if step == "late" else "nop"
    # (late: the bound the first compare after coming back sees is the
    # counter's own, from the rare path: that compare leaves)
    rare = "mov s1, s0" if step == "late" else "nop"
    return GUARDED.format(start=start & MASK, bound=bound & MASK, step=3, stepping=stepping,
                          guard=guard, late=late, rare=rare, every=1023 if step == "late" else 63)


@pytest.mark.parametrize("case", GUARDED_CASES, ids=lambda c: "{}-{}-{:#x}-{:#x}-{}-{}".format(*c))
@pytest.mark.parametrize("budget", [1, 50, 777, 5000, 100_000])
def test_guarded_loops_identical(case, budget):
    assert_same(run_both(image(guarded_source(*case)), budget))


def test_guarded_loop_is_a_for_over_its_counter():
    from tests.engines.test_differential import run_fast
    for how in ("taken", "through"):
        machine, _ = run_fast(guarded_source("blt", True, 0, 30_000, 1, how), 1_000_000)
        sources = [b.source for b in machine.memory.blocks.values() if b.fn is not None]
        assert any("for r9 in range" in s and "r9 == final" in s for s in sources), sources
