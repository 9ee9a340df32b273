"""Shared fixtures: run shell command lines inside minos (shell/run_cmd.py).

One System is built once per test session and rebooted for every run on a
fresh copy of the file system, so tests do not see each other's files."""

import pytest

from shell.run_cmd import run_commands
from shell.system import System

BOUND = 200_000_000      # instructions per run: far above what any test needs


class Runner:
    def __init__(self, system):
        self.system = system

    def __call__(self, script, max_instructions=BOUND):
        """Runs the script; returns (exit status, output text)."""
        result = run_commands(script, system=self.system, max_instructions=max_instructions)
        return result.status, result.output.decode("utf-8", "replace")


@pytest.fixture(scope="session")
def minos_system():
    system = System(kernel="mono", cores=1)
    system.build()
    yield system
    system.close()


@pytest.fixture
def run(minos_system):
    return Runner(minos_system)
