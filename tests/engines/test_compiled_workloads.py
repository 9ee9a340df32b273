"""The compiled-C workloads of bench/mips.py (bench/workloads.py: the
programs of bench/programs and a trial-division primes) under both engines:
the same registers, memory, counters and output, run to the end and cut at
budgets that stop them inside loops, divisions and calls."""

import pytest

from bench.workloads import C_WORKLOADS, PROGRAM_ROUNDS, build
from test_differential import assert_same, run_both

# each small enough to run to the end under the reference in well under a second
SMALL = {"primes": 60, "calls": 10} | {name: 1 for name in PROGRAM_ROUNDS}
BUDGETS = [1, 999, 12_345, 77_777]


@pytest.fixture(scope="module")
def images():
    return {name: build(name, SMALL[name]) for name in sorted(C_WORKLOADS)}


def test_every_compiled_workload_is_covered():
    assert set(SMALL) == C_WORKLOADS


@pytest.mark.parametrize("name", sorted(C_WORKLOADS))
def test_compiled_workload_identical(images, name):
    states = run_both(images[name], 5_000_000)
    assert states["ref"][0].reason == "halt", states["ref"][0]
    if name != "calls":                 # fib's value is its exit status
        assert states["ref"][1]["exit"] == 0, "the program's own check failed"
    assert_same(states)


@pytest.mark.parametrize("budget", BUDGETS)
@pytest.mark.parametrize("name", sorted(C_WORKLOADS))
def test_compiled_workload_stopped_anywhere_is_identical(images, name, budget):
    assert_same(run_both(images[name], budget))
