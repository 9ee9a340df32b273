"""The kernel boots on 1, 2 and 4 cores and runs a user program."""

import pytest

from ktest_helpers import failures, run_ktest


@pytest.mark.parametrize("cores", [1, 2, 4])
def test_boot_runs_init_and_powers_off(tmp_path, cores):
    output, result = run_ktest(tmp_path, ["boot"], cores=cores, max_instructions=5_000_000)
    assert f"minos kernel: {cores} core(s)" in output
    assert "ok boot: running as a user process" in output
    assert "KTEST PASSED" in output, output
    assert "panic" not in output
    # init powers off with the exit status of /bin/sh (ktest: 0 = passed)
    assert result.reason == "halt" and result.exit_code == 0
    assert not failures(output)
