"""Every machine test runs on both execution engines (vm/interp.py, the
reference, and vm/fast.py): they must have one semantics. A module that
compares the engines itself sets BOTH_ENGINES_INSIDE = True and runs once."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from vm.machine import ENGINES  # noqa: E402


def pytest_generate_tests(metafunc):
    if "engine" in metafunc.fixturenames and not getattr(metafunc.module, "BOTH_ENGINES_INSIDE", False):
        metafunc.parametrize("engine", sorted(ENGINES), indirect=True)


@pytest.fixture(autouse=True)
def engine(request, monkeypatch):
    name = getattr(request, "param", None)
    if name:
        monkeypatch.setenv("MINOS_ENGINE", name)
    return name
