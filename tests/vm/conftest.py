"""Every machine test runs on both execution engines (vm/interp.py, the
reference, and vm/fast.py): they must have one semantics."""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(__file__))

from vm.machine import ENGINES  # noqa: E402


@pytest.fixture(autouse=True, params=sorted(ENGINES))
def engine(request, monkeypatch):
    monkeypatch.setenv("MINOS_ENGINE", request.param)
    return request.param
