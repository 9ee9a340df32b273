"""Merging rounds while only core 0 runs (vm/machine.py) must change nothing
observable: the kernel booting, typing commands between runs, disk I/O,
pipes and IPIs give the same state as the machine with merging turned off
(MERGE_ROUNDS = 1), after every step."""

import hashlib

import pytest

import vm.machine as machine_module
from shell.system import System

pytestmark = pytest.mark.slow

STEPS = ["echo hi > /f; cat /f | wc -c\n", "osbench spawn 2\n", "ls /bin | head -n 2\n"]


def observe(system):
    m = system.machine
    return (m.counters(), [list(c.regs) for c in m.cores], [c.pc for c in m.cores],
            hashlib.sha256(m.memory.ram).hexdigest(), bytes(system.output))


def run_session(cores, merge, monkeypatch):
    monkeypatch.setattr(machine_module, "MERGE_ROUNDS", merge)
    seen = []
    with System(cores=cores) as system:
        system.boot()
        system.wait_for("$ ", 20_000_000)
        seen.append(observe(system))
        for line in STEPS:
            system.type(line)
            system.run(700_001)        # stops mid-round, then more input arrives
            system.wait_for("$ ", 30_000_000)
            seen.append(observe(system))
    return seen


@pytest.mark.parametrize("cores", [1, 2])
def test_merging_rounds_is_invisible(cores, monkeypatch):
    merged = run_session(cores, machine_module.MERGE_ROUNDS, monkeypatch)
    plain = run_session(cores, 1, monkeypatch)
    for step, (a, b) in enumerate(zip(plain, merged)):
        for name, x, y in zip(("counters", "registers", "pcs", "memory", "console"), a, b):
            assert x == y, f"step {step}: {name} differs when rounds are merged"
    assert b"hi" in merged[-1][4]
