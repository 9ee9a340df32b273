"""Pipes between processes on different cores: tests/kernel/fs_programs/
pipecores.c runs as init on a 4-core machine (several writers into one
pipe, end of file when they exit, a message passed down a chain of
processes and back)."""

import re

import pytest

from tests.kernel.fs_support import fs_system

BOUND = 150_000_000


@pytest.mark.slow
@pytest.mark.parametrize("cores,seed", [(2, None), (4, None), (4, 7)])
def test_pipes_across_cores(tmp_path, cores, seed):
    system, disk = fs_system("pipecores.c", tmp_path, cores=cores, seed=seed)
    with system:
        system.boot(disk=disk)
        found = system.wait_for(re.compile(r"pipecores: (\d+) failures"), max_instructions=BOUND)
        assert found.group(1) == "0", system.console_since()
        # The processes really ran on several cores: more than one core
        # took system calls.
        per_core = [c["traps"]["syscall"] for c in system.counters()["cores"]]
        assert sum(1 for n in per_core if n > 20) >= 2, per_core
