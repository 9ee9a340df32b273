"""`minos fuzz --kernel exo` (shell/fuzz.py, userland/fuzz/fuzz_exo.c):
one fixed-seed run of at least 20,000 random exokernel calls, shared by
the tests below: no panic, no hang (the run ends within its bound), the
kernel's free pages (kmem.nfree) and the owner table's (exoinfo->nfree)
back after the workers, and the driver env still answers."""

import re

import pytest

from shell.fuzz import fuzz, syscall_names

SEED = 18
CALLS = 20_000       # at least (one worker per 200 asked for; exofork's children add calls)


@pytest.fixture(scope="module")
def report():
    return fuzz("exo", seed=SEED, calls=CALLS + 1000, cores=1)


def test_fuzz_makes_the_calls(report):
    assert report.calls >= CALLS, report.text()
    assert report.summary.startswith(f"fuzz: done seed {SEED} workers {(CALLS + 1000) // 200} "
                                     f"finished {(CALLS + 1000) // 200}")


def test_no_panic_no_hang_no_leak(report):
    assert report.problems() == [], report.text()
    assert report.free_before == report.free_after > 0
    assert report.shell_answers


def test_the_owner_table_gets_every_page_back(report):
    """The driver's own count: exoinfo->nfree before the first worker and
    after the last. Before libos_reclaim, the pages dumbfork bound for
    each worker stayed the driver's, 20 a worker."""
    before, after = map(int, re.search(r"nfree (\d+) (\d+)$", report.summary).groups())
    assert before == after > 0


def test_syscall_names_are_the_calls_only():
    names = syscall_names(".", "exo")
    assert names[7] == "page_map" and names[49] == "tlb_install"
    assert "REVOKE" not in names.values() and "TLB_SOFT" not in names.values()
