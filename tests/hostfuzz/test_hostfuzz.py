"""Host-tool fuzzing (issue 18): seeded mutations of valid C, assembly,
object files, images, debug files and file-system images; every tool either succeeds or
raises a MinosError with a message, within a time and a memory bound.

The cases are fixed (seeds 0..N-1 of each kind), so a run is reproducible
and a failure names the case to replay (tests/hostfuzz/targets.py). The
counts keep the whole file near 20 s on one core.
"""

import resource
import signal
import tempfile
from contextlib import contextmanager

import pytest

from vm.errors import MinosError

from tests.hostfuzz.targets import case, run_tools, seeds

COUNTS = {"c": 500, "asm": 1500, "obj": 1500, "image": 400, "dbg": 150, "fs": 500}
SECONDS_PER_CASE = 10           # far above the slowest case seen (about 1 s)
MEMORY_HEADROOM = 1 << 30       # address space a case may add to the process


class Hang(BaseException):
    """A case ran past SECONDS_PER_CASE (BaseException: no tool catches it)."""


def _on_alarm(signum, frame):
    raise Hang()


@contextmanager
def bounded():
    """SIGALRM per case and an address-space limit for the whole loop: a
    tool that runs away fails the test instead of hanging or swapping."""
    old_handler = signal.signal(signal.SIGALRM, _on_alarm)
    old_limit = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as f:
        in_use = int(f.read().split()[0]) * resource.getpagesize()
    soft = in_use + MEMORY_HEADROOM
    if old_limit[1] == resource.RLIM_INFINITY or soft <= old_limit[1]:
        resource.setrlimit(resource.RLIMIT_AS, (soft, old_limit[1]))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old_handler)
        resource.setrlimit(resource.RLIMIT_AS, old_limit)


def fuzz(kind, count, start=0):
    """Run cases start..start+count-1 of kind; return the failures as text.
    (A longer hunt than CI's: fuzz("c", 20000, start=10000) from a script.)"""
    failures = []
    seeds(kind)                             # build the seeds outside the bounds
    with tempfile.TemporaryDirectory() as tmp, bounded():
        for seed in range(start, start + count):
            data = case(kind, seed)
            signal.setitimer(signal.ITIMER_REAL, SECONDS_PER_CASE)
            try:
                run_tools(kind, data, tmp)
            except MinosError as e:
                if not str(e).strip():
                    failures.append(f"case({kind!r}, {seed}): {type(e).__name__} with no message")
            except Hang:
                failures.append(f"case({kind!r}, {seed}): still running after {SECONDS_PER_CASE} s")
            except (Exception, RecursionError, MemoryError) as e:
                failures.append(f"case({kind!r}, {seed}): {type(e).__name__}: {e}"[:300])
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    return failures


@pytest.mark.parametrize("kind", sorted(COUNTS))
def test_host_tools_fail_only_with_clear_errors(kind):
    failures = fuzz(kind, COUNTS[kind])
    assert not failures, (f"{len(failures)} of {COUNTS[kind]} {kind} cases broke a tool "
                          f"(replay one: tests/hostfuzz/targets.py replay):\n"
                          + "\n".join(failures[:15]))


def test_mutations_are_reproducible():
    assert case("c", 7) == case("c", 7)
    assert case("fs", 3) == case("fs", 3)
    assert len({case("asm", i) for i in range(20)}) == 20


def test_most_mutants_still_reach_the_later_stages():
    # A fuzzer whose inputs all die in the first stage tests nothing deep:
    # some C mutants must compile, some objects reach symbol resolution in
    # the linker (the seeds use symbols of other objects), some images run.
    ok = {"c": 0, "obj": 0, "image": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ok:
            for seed in range(40):
                try:
                    run_tools(kind, case(kind, seed), tmp)
                    ok[kind] += 1
                except MinosError as e:
                    ok[kind] += kind != "image" and "undefined symbol" in str(e)
    assert all(n >= 4 for n in ok.values()), ok
