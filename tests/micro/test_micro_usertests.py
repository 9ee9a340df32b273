"""usertests on micro (issue 15: "usertests ALL TESTS PASSED on micro on
1 and 4 cores — in CI"): the same program as on mono, unmodified, its
system calls messages to pm and the fs server. One bounded run per core
count (`minos run`'s default bound: 500 million instructions)."""

import pytest

from shell.cli import main


@pytest.mark.parametrize("cores", [1, 4])
def test_usertests_pass_on_micro(cores, capsys):
    assert main(["run", "--kernel", "micro", "--cores", str(cores), "-c", "usertests"]) == 0
    out = capsys.readouterr().out
    assert "ALL TESTS PASSED" in out, out[-3000:]
