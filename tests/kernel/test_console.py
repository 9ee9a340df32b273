"""^C typed at the console kills the foreground process group
(console.c's line discipline calls killpgrp; tcsetpgrp names the group)."""

import pytest

from ktest_helpers import failures, run_ktest


@pytest.mark.parametrize("cores", [1, 2])
def test_ctrl_c_kills_the_foreground_group(tmp_path, cores):
    def press_ctrl_c(system):
        system.wait_for("ctrlc: ready\n", max_instructions=5_000_000)
        system.type("\x03")

    output, result = run_ktest(tmp_path, ["ctrlc"], cores=cores, max_instructions=10_000_000,
                               interact=press_ctrl_c)
    assert not failures(output), "\n".join(failures(output))
    assert "ok ^C kills the foreground group\n" in output
    assert result.exit_code == 0
