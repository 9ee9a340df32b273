"""Fixtures for the debugger tests: the small programs, compiled into tmp_path."""

import pytest

from debug_helpers import RECURSIVE_C, SYSCALL_C, VECTORS_S, compile_program


@pytest.fixture
def recursive(tmp_path):
    return compile_program(tmp_path, {"prog.c": RECURSIVE_C})


@pytest.fixture
def syscall_prog(tmp_path):
    return compile_program(tmp_path, {"sys.c": SYSCALL_C, "vec.s": VECTORS_S}, "sys")
