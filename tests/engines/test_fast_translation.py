"""The shortcuts the fast engine's translator takes, checked against the
instruction table's own semantics, so a change to the table cannot make
them silently wrong."""

import itertools

import pytest

from vm import blockops, fast
from vm.interp import SEM_GLOBALS
from vm.isa import ALU_OPS, BRANCH_OPS, MASK

EDGES = [0, 1, 2, 31, 32, 33, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0x80000001,
         0xFFFFFFFE, MASK]


def evaluate(expression, a, b):
    return eval(expression, dict(SEM_GLOBALS), {"a": a, "b": b})


@pytest.mark.parametrize("name", sorted(blockops.IN_RANGE))
def test_unmasked_operations_stay_within_32_bits(name):
    sem = {n: s for n, s, _, _ in ALU_OPS}[name]
    for a, b in itertools.product(EDGES, EDGES):
        if name in ("divu", "remu") and b == 0:
            continue                        # traps before computing
        assert 0 <= evaluate(sem, a, b) <= MASK, (name, a, b)


@pytest.mark.parametrize("name,sem", [(n, s) for n, s, _ in BRANCH_OPS]
                         + [(n, s) for n, s, _, _ in ALU_OPS if "s(" in s])
def test_inline_signed_comparisons_agree_with_the_table(name, sem):
    inline = blockops.operand(sem, "a", "b")
    for a, b in itertools.product(EDGES, EDGES):
        assert evaluate(inline, a, b) == evaluate(sem, a, b), (name, inline, a, b)


@pytest.mark.parametrize("name,sem", [(n, s) for n, s, _ in BRANCH_OPS if "s(" in s]
                         + [(n, s) for n, s, _, _ in ALU_OPS if n in ("slt", "sgt")])
def test_signed_comparisons_with_a_constant_agree_with_the_table(name, sem):
    """A constant on either side becomes a range of the other operand: every
    edge of that range, on either side, agrees with the table."""
    near = sorted({(v + d) & MASK for v in EDGES for d in (-1, 0, 1)})
    for c in near:
        left, right = blockops.operand(sem, "a", str(c)), blockops.operand(sem, str(c), "b")
        for v in near:
            assert evaluate(left, v, 0) == evaluate(sem, v, c), (name, left, v)
            assert evaluate(right, 0, v) == evaluate(sem, c, v), (name, right, v)


def test_signed_comparison_makes_no_integer_where_it_can():
    """Two registers: a plain compare where both are non-negative, the
    flips (no subtractions) otherwise; a constant: a range of x."""
    assert (blockops.operand("s(a) < s(b)", "r1", "r2")
            == "r1 < r2 if r1 < 2147483648 > r2 else r1 ^ 2147483648 < r2 ^ 2147483648")
    assert blockops.operand("s(a) < s(b)", "r1", "0") == "r1 >= 2147483648"
    assert blockops.operand("s(a) >= s(b)", "r1", "5") == "5 <= r1 < 2147483648"
    assert blockops.operand("s(a) < s(b)", "5", "r1") == "6 <= r1 < 2147483648"
    assert blockops.operand("s(a) < s(b)", "r1", "4294967295") == "2147483648 <= r1 < 4294967295"
    assert blockops.operand("s(a) < s(b)", "r1", "2147483648") == "0"     # nothing is below INT_MIN


def test_inlined_control_register_reads_agree_with_read_csr():
    from vm.isa import CSRS
    from vm.machine import Machine
    machine = Machine(cores=3)
    core = machine.cores[2]
    core.csr = list(range(100, 132))
    core.asid, core.ipend, core.ie, core.paging = 7, 5, 1, 1
    for csr in CSRS:
        if csr.number in fast.TIMED_CSRS:
            continue
        expression = core.csr_expression(csr.number)
        assert eval(expression, {"c": core}) == core.read_csr(csr.number), csr.name


@pytest.mark.parametrize("name", ["div", "rem"])
def test_inline_signed_division_agrees_with_the_table(name):
    """sdiv and srem are written inline for non-negative operands (registers,
    or an immediate divisor); every sign and edge value agrees."""
    sem = {n: s for n, s, _, _ in ALU_OPS}[name]
    assert "//" in blockops.operand(sem, "r1", "r2") or "%" in blockops.operand(sem, "r1", "r2")
    for a, b in itertools.product(EDGES, EDGES):
        if b == 0:
            continue                        # traps before computing
        for inline in (blockops.operand(sem, "a", "b"), blockops.operand(sem, "a", str(b)),
                       blockops.operand(sem, str(a), "b")):
            assert evaluate(inline, a, b) & MASK == evaluate(sem, a, b) & MASK, (name, inline, a, b)
            # as the block writes it: masked only where it needs to be
            masked = blockops.masked_division(inline)
            assert evaluate(masked, a, b) == evaluate(sem, a, b) & MASK, (name, masked, a, b)
