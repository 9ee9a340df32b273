"""Shared fixture for the C corpus tests: is the whole toolchain there?

The corpus tests are written before (and while) the compiler and the machine
are; when a piece is missing they skip with a reason instead of failing.
"""

import importlib

import pytest

# Everything a --bare build and a run need, by module.
TOOLCHAIN_MODULES = ("lang.cpp", "lang.cc.driver", "lang.cc.frontend", "lang.cc.codegen",
                     "lang.asm", "lang.link", "vm.machine")


def missing_toolchain():
    """The first module of the toolchain that cannot be imported, or None."""
    for name in TOOLCHAIN_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as e:
            return f"{name} is not available yet ({e})"
    return None


@pytest.fixture
def toolchain():
    reason = missing_toolchain()
    if reason:
        pytest.skip(reason)
