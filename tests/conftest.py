"""Fixtures shared by more than one test folder."""

import pytest

from vm.codecache import CACHE


@pytest.fixture
def empty_code_cache():
    """The fast engine's in-process code cache empty before and after: a
    test sees only what it translates or loads itself."""
    CACHE.clear()
    yield
    CACHE.clear()
