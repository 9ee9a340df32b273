"""usertests (userland/bin/usertests.c) passes on 1 and 4 cores."""

import pytest

from shell.run_cmd import run_commands
from shell.system import System

BOUND = 400_000_000


@pytest.mark.slow
@pytest.mark.parametrize("cores", [1, 4])
def test_usertests_pass(cores):
    with System(kernel="mono", cores=cores) as system:
        result = run_commands("usertests", system=system, max_instructions=BOUND)
    out = result.output.decode()
    assert "ALL TESTS PASSED" in out, out
    assert "FAILED" not in out
    assert result.status == 0


def test_usertests_rejects_unknown_test_names(run):
    status, out = run("usertests nosuchtest\n")
    assert status == 2
    assert out == "usertests starting\nusertests: no such test\n"


def test_usertests_runs_chosen_tests(run):
    status, out = run("usertests sbrk files\n")
    assert out == ("usertests starting\ntest sbrk: OK\ntest files: OK\nALL TESTS PASSED\n")
    assert status == 0
