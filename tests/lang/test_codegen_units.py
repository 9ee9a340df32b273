"""Unit tests of back-end pieces that are easy to get subtly wrong:
parallel moves, constant folding, register allocation around calls."""

import itertools

import pytest

from lang.cc import ctypes as ct
from lang.cc.emit import Emitter
from lang.cc.fold import fold_binary, fold_compare
from lang.cc.frame import layout
from lang.cc.ir import Function
from lang.cc.regalloc import allocate
from vm.isa import REG_ALIASES


def simulate_moves(lines, regs):
    """Execute emitted `mov rd, rs` lines on a register dict."""
    for text in lines:
        op, args = text.strip().split(None, 1)
        assert op == "mov", text
        rd, rs = (a.strip() for a in args.split(","))
        regs[REG_ALIASES[rd]] = regs[REG_ALIASES[rs]]
    return regs


@pytest.mark.parametrize("perm", list(itertools.permutations([1, 2, 3, 4])))
def test_parallel_move_permutations(perm):
    em = Emitter(Function("f"), None, None, debug=False)
    moves = [(("r", d), ("r", s)) for d, s in zip([1, 2, 3, 4], perm)]
    em.parallel_move(moves)
    regs = simulate_moves(em.out, {r: r * 100 for r in range(16)})
    for d, s in zip([1, 2, 3, 4], perm):
        assert regs[d] == s * 100


def test_parallel_move_fan_out_and_swap():
    em = Emitter(Function("f"), None, None, debug=False)
    # a0 <- a1, a1 <- a0 (a swap) and a2 <- a0 (a copy of a value being swapped)
    em.parallel_move([(("r", 1), ("r", 2)), (("r", 2), ("r", 1)), (("r", 3), ("r", 1))])
    regs = simulate_moves(em.out, {r: r * 100 for r in range(16)})
    assert (regs[1], regs[2], regs[3]) == (200, 100, 100)


@pytest.mark.parametrize("a,b", [(-7, 2), (7, -2), (-7, -2), (-2**31, -1), (5, 0), (0x80000000, 3)])
def test_folding_matches_the_machine(a, b):
    from vm.isa import BY_NAME
    s = lambda x: (x & 0xFFFFFFFF) - (1 << 32) if x & 0x80000000 else x & 0xFFFFFFFF  # noqa: E731

    def sdiv(x, y):
        x, y = s(x), s(y)
        q = abs(x) // abs(y)
        return q if (x < 0) == (y < 0) else -q

    def srem(x, y):
        return s(x) - sdiv(x, y) * s(y)

    for alu in ("div", "rem", "divu", "remu", "sar", "shl", "shr", "mul", "sub"):
        if alu in ("div", "rem", "divu", "remu") and b == 0:
            assert fold_binary(alu, a, b, ct.INT) is None     # left to trap at run time
            continue
        ua, ub = a & 0xFFFFFFFF, b & 0xFFFFFFFF
        want = eval(BY_NAME[alu].sem, {"a": ua, "b": ub, "s": s, "sdiv": sdiv, "srem": srem}) \
            & 0xFFFFFFFF
        assert fold_binary(alu, a, b, ct.UINT) == want, alu


def test_fold_compare_signedness():
    assert fold_compare("<", -1, 1, True) == 1
    assert fold_compare("<", -1, 1, False) == 0
    assert fold_compare(">=", 0xFFFFFFFF, 0, False) == 1


def test_value_live_across_a_call_gets_a_callee_saved_register():
    fn = Function("f")
    x, y, r = fn.temp("x"), fn.temp("y"), fn.temp("r")
    fn.emit("entry", pairs=[(x, 1)])
    fn.emit("li", d=y, imm=5)
    fn.emit("call", d=r, fn="g", args=[y])
    fn.emit("bin", d=r, a=r, b=x, alu="add")
    fn.emit("bin", d=r, a=r, b=x, alu="xor")      # read twice: worth an s-register
    fn.emit("ret", a=r)
    alloc = allocate(fn)
    assert alloc.reg(x) in (9, 10, 11, 12)
    assert alloc.reg(y) == 1                      # hinted straight into a0
    assert alloc.used_callee == {alloc.reg(x)}
    frame = layout(fn, alloc.used_callee)
    assert frame.saved_regs == [(alloc.reg(x), -4)]


def test_more_live_values_than_registers_spill():
    fn = Function("f")
    temps = [fn.temp() for _ in range(20)]
    for i, t in enumerate(temps):
        fn.emit("li", d=t, imm=i)
    acc = fn.temp()
    fn.emit("li", d=acc, imm=0)
    for t in temps:
        fn.emit("bin", d=acc, a=acc, b=t, alu="add")
    fn.emit("ret", a=acc)
    alloc = allocate(fn)
    regs = [alloc.reg(t) for t in temps]
    spilled = [t for t in temps if alloc.reg(t) is None]
    assert spilled                                 # 20 values do not fit in 11 registers
    in_regs = [r for r in regs if r is not None]
    assert len(in_regs) == len(set(in_regs))       # all simultaneously live: distinct
    assert not set(in_regs) & {REG_ALIASES["t1"], REG_ALIASES["lr"]}  # the scratch registers
