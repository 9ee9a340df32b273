"""Recursion inside regions (vm/region.py: recursive_returns). A block that
makes a recursive call (to its own start, or to a function it calls more
than once, as fib(n - 1) + fib(n - 2) does) lists the call's return site
among its exits, and vm/fast.py's _region translates such a return site
when it has run often enough: the blocks of a recursive function become
one region, and the recursion runs without going back to the dispatcher.
Under both engines, cut at many budgets (inside the call chain, between
a call and its return): the same registers, memory, counters and trace."""

import pytest

import vm.fast
from bench.workloads import build
from lang.asm import assemble
from lang.link import link
from test_differential import assert_same, run_both
from vm.codecache import CACHE
from vm.isa import decode
from vm.machine import Machine
from vm.region import recursive_returns

FIB_N = 16          # fib(16): about 37,000 instructions of calls and returns


@pytest.fixture(scope="module")
def fib():
    return build("calls", FIB_N)


def steps(listing):
    """The (decoded, vaddr) steps of a trace given as (vaddr, word0, word1),
    decoded as the engine's loop has them (interp.decode_at)."""
    decoded = [(decode(w0, w1), v) for v, w0, w1 in listing]
    return [((None, d.rd, d.rs1, d.rs2, d.imm, d.insn.cycles, d.insn), v) for d, v in decoded]


def words(insn):
    """The two words of one instruction, as the assembler makes them."""
    image = link([assemble(f".text\n.global _start\n_start:\n    {insn}\n", "one.s")])[0]
    data = image.segments[0].data
    return int.from_bytes(data[0:4], "little"), int.from_bytes(data[4:8], "little")


def test_recursive_returns_are_the_calls_to_the_start_or_made_twice():
    nop = words("nop")
    to_start, to_f, to_g = (words(f"call {t:#x}") for t in (0x1000, 0x2000, 0x3000))
    trace = steps([(0x1000, *nop), (0x1008, *to_f), (0x2000, *to_start)])
    assert recursive_returns(trace) == (0x2008,)
    trace = steps([(0x1000, *to_f), (0x2000, *to_g), (0x3000, *to_f)])
    assert recursive_returns(trace) == (0x1008, 0x3008)
    trace = steps([(0x1000, *to_f), (0x2000, *to_g)])
    assert recursive_returns(trace) == ()


def test_fib_runs_in_a_region(fib, monkeypatch):
    """Nearly every instruction of fib runs inside a region: the calls'
    return sites are members."""
    inside = [0]
    made = vm.fast._made

    def counting(*args):
        block = made(*args)
        if "PRE_LAST[go]" in block.source:
            fn = block.fn

            def region(c, R, QR, QW):
                before = c.instructions
                try:
                    return fn(c, R, QR, QW)
                finally:
                    inside[0] += c.instructions - before
            block.fn = region
        return block
    monkeypatch.setattr(vm.fast, "_made", counting)
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(build("calls", 20))
    result = machine.run(max_instructions=50_000_000)
    assert result.reason == "halt"
    assert inside[0] > result.instructions * 0.9, f"{inside[0]} of {result.instructions} in regions"


@pytest.mark.parametrize("budget", [1, 2_048, 9_001, 17_777, 20_000, 24_242, 31_313, 35_000, 36_999, 100_000])
def test_fib_stopped_anywhere_is_identical(fib, budget):
    CACHE.clear()
    assert_same(run_both(fib, budget, trace=True))


def test_fib_with_the_code_cache_is_identical(fib):
    """A second run finds the region's blocks in the code cache."""
    CACHE.clear()
    for budget in (23_210, 100_000):
        assert_same(run_both(fib, budget))
