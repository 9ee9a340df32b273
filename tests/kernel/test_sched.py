"""The per-core scheduler spreads runnable processes over the cores."""

import re

import pytest

from ktest_helpers import failures, run_ktest

LINE = re.compile(r"core (\d+) switches (\d+) steals (\d+) busy (\d+) waiting \d+")


@pytest.mark.slow
def test_cpu_bound_children_run_on_every_core(tmp_path):
    output, result = run_ktest(tmp_path, ["spread"], cores=4, max_instructions=60_000_000)
    assert not failures(output), "\n".join(failures(output))
    cores = {int(m[0]): (int(m[1]), int(m[2]), int(m[3])) for m in LINE.findall(output)}
    assert sorted(cores) == [0, 1, 2, 3]
    # every core ran processes for a real share of the time
    busy = [b for (_, _, b) in cores.values()]
    assert min(busy) > max(busy) // 4, cores
    assert all(switches > 0 for (switches, _, _) in cores.values())


@pytest.mark.slow
def test_one_core_never_steals(tmp_path):
    output, _ = run_ktest(tmp_path, ["spread"], cores=1, max_instructions=60_000_000)
    (core, switches, steals, busy), = LINE.findall(output)
    assert core == "0" and int(steals) == 0 and int(switches) > 0


def test_setprio_fork_and_getprocs(tmp_path):
    output, _ = run_ktest(tmp_path, ["prio"], max_instructions=20_000_000)
    assert "KTEST PASSED" in output, "\n".join(failures(output))
