"""`minos fuzz` on the monolithic kernel (shell/fuzz.py, userland/fuzz/):
one fixed-seed run of at least 20,000 random system calls, shared by the
tests below: no panic, no hang (the run ends within its bound), every free
page back, fsck clean, the shell still answers."""


import pytest

from shell.cli import main as cli
from shell.fuzz import FuzzReport, fuzz, syscall_names

SEED = 18
CALLS = 20_000       # at least (the driver starts one worker per 200 asked for; a few end early)


@pytest.fixture(scope="module")
def report():
    return fuzz("mono", seed=SEED, calls=CALLS + 1000, cores=1)


def test_fuzz_makes_the_calls(report):
    assert report.calls >= CALLS, report.text()
    assert report.summary.startswith(f"fuzz: done seed {SEED} workers {(CALLS + 1000) // 200}")


def test_no_panic_no_hang_no_leak(report):
    assert report.problems() == [], report.text()
    assert report.free_before == report.free_after > 0
    assert report.shell_answers and report.fsck == []


def test_a_failure_names_the_seed_and_the_last_calls():
    """The verdict a failed run prints is a reproducer: the command with
    its seed, and the last calls with their arguments, by name."""
    bad = FuzzReport("mono", 1, 99, 500, calls=12, panic="panic: core 0: iget: no inodes",
                     last_calls=[(0, 15, (0x10000, 2, 0, 0, 0, 0), 0, 0)])
    text = bad.text(syscall_names(".", "mono"))
    assert "verdict: FAILED" in text and "kernel panic: panic: core 0: iget" in text
    assert "minos fuzz --kernel mono --cores 1 --seed 99 --calls 500" in text
    assert "open(0x10000, 0x2, 0x0, 0x0, 0x0, 0x0)" in text


def test_syscall_names_come_from_the_header():
    names = syscall_names(".", "mono")
    assert names[1] == "fork" and names[15] == "open" and max(names) < 64


@pytest.mark.parametrize("argv, message", [
    (["--cores", "0"], "--cores 0: must be between 1 and 16"),
    (["--calls", "-5"], "--calls -5: must be between"),
    (["--seed", "-1"], "--seed -1: must be between"),
    (["--kernel", "nosuch"], "no fuzzer for kernel 'nosuch'"),
])
def test_bad_options_are_clear_errors(capsys, argv, message):
    assert cli(["fuzz", *argv]) == 1
    assert message in capsys.readouterr().err
