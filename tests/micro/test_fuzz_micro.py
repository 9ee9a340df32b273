"""`minos fuzz --kernel micro` (shell/fuzz.py, userland/fuzz/fuzz_micro.c):
one fixed-seed run of at least 20,000 random IPC system calls (messages to
pm and the fs server among them), shared by the tests below: no panic, no
hang (the run ends within its bound), the kernel's free pages the same
after the last worker as before the first (the fuzzer's meminfo figures),
the shell still answers.

Seed 4 is the regression of the first bug the fuzzer found: a process
that sent pm the kernel's label LABEL_NOTIFY with PMN_INTR in w0 made pm
kill the foreground group (the fuzzer itself), so the run never ended;
pm now takes LABEL_NOTIFY only with badge 0, the kernel's."""

import pytest

from shell.fuzz import FuzzReport, fuzz, syscall_names

SEED = 4
CALLS = 20_000       # at least (one worker per 200 asked for; some die early, of faults they caused)


@pytest.fixture(scope="module")
def report():
    return fuzz("micro", seed=SEED, calls=CALLS + 1000, cores=1)


def test_fuzz_makes_the_calls(report):
    assert report.calls >= CALLS, report.text()
    assert report.summary.startswith(f"fuzz: done seed {SEED} workers {(CALLS + 1000) // 200}")


def test_no_panic_no_hang_no_leak(report):
    assert report.problems() == [], report.text()
    assert report.free_before == report.free_after > 0
    assert report.shell_answers


def test_a_failure_names_the_seed_and_the_last_calls():
    bad = FuzzReport("micro", 1, 4, 500, calls=12, hang="waiting for 'fuzz: done'",
                     last_calls=[(0, 3, (0, 0x7FF1, 1, 0, 0, 0), 0, 0)])
    text = bad.text(syscall_names(".", "micro"))
    assert "verdict: FAILED" in text and "no end: waiting for" in text
    assert "minos fuzz --kernel micro --cores 1 --seed 4 --calls 500" in text
    assert "call(0x0, 0x7ff1, 0x1, 0x0, 0x0, 0x0)" in text


def test_micro_syscall_names_come_from_ipc_h():
    names = syscall_names(".", "micro")
    assert names[3] == "call" and names[33] == "grant" and names[50] == "dmapage"
