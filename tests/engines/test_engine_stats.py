"""bench/engine_stats.py counts what the fast engine does on a workload
(dispatcher calls, regions, interpreted runs, compilations) by wrapping
vm/fast.py's functions: the counts are exact and repeatable, the run is
the same as without them, and the wrapped functions are put back."""

import pytest

import vm.fast
from bench.engine_stats import stats
from bench.workloads import build
from vm.codecache import CACHE
from vm.machine import Machine


@pytest.fixture(scope="module")
def fib():
    return stats("fib")


def test_counting_changes_nothing(fib):
    CACHE.clear()
    machine = Machine(engine="fast")
    machine.load_image(build("fib"))
    assert machine.run(max_instructions=200_000_000).instructions == fib[0]


def test_the_counts_are_exact_and_repeatable(fib):
    count = fib[2]
    assert count == stats("fib")[2]
    assert count["calls"] >= count["regions"] > 0, "fib's recursion runs in a region"
    assert count["interp"] >= count["runs"] > 0 and count["blocks"] > 0 and count["regions made"] > 0


def test_the_engine_is_put_back(fib):
    assert vm.fast.translate.__module__ == "vm.fast" and vm.fast._interpret.__module__ == "vm.fast"
