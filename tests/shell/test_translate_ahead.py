"""A new build is booted once, quietly, so that the fast engine's code cache
holds translations of the boot's hot code before the user's first boot
(System.translate_ahead). It changes speed only, never behaviour."""


import pytest

import shell.system
from shell.build import build
from shell.system import PROMPT, System
from vm.codecache import CACHE

BOOT_BOUND = 20_000_000


@pytest.fixture(scope="module")
def built():
    return build("mono")


pytestmark = pytest.mark.usefixtures("empty_code_cache")


def boot_to_prompt(built, code_cache):
    CACHE.clear()                       # as a new process would start
    with System(code_cache=code_cache) as system:
        system.images = built
        system.boot()
        system.wait_for(PROMPT, BOOT_BOUND)
        return system.counters(), CACHE.entries, CACHE.unsaved


def test_translating_ahead_fills_the_code_cache(built, tmp_path):
    system = System(code_cache=tmp_path)
    system.images = built
    system.translate_ahead()
    assert CACHE.journals(CACHE.file_in(tmp_path)), "nothing saved"
    counters, entries, new = boot_to_prompt(built, tmp_path)
    assert entries > 100
    assert new <= entries // 10, "the boot after translating ahead still translated much"
    cold, _, _ = boot_to_prompt(built, None)
    assert counters == cold, "translations made ahead changed what the machine did"


def test_a_kernel_that_misses_its_prompt_is_not_translated_ahead(built, tmp_path, monkeypatch):
    monkeypatch.setattr(shell.system, "AHEAD_BOUND", 10_000)
    system = System(code_cache=tmp_path)
    system.images = built
    system.translate_ahead()            # stops at its bound, quietly


@pytest.mark.parametrize("fresh,engine,code_cache,ahead", [
    (True, "fast", True, True),
    (False, "fast", True, False),       # nothing new was built
    (True, "ref", True, False),         # the reference engine translates nothing
    (True, "fast", None, False),        # no code cache to fill
])
def test_only_a_fresh_build_for_the_fast_engine_translates_ahead(built, monkeypatch, tmp_path,
                                                                  fresh, engine, code_cache, ahead):
    calls = []
    monkeypatch.setattr(shell.system, "build", lambda *a, **k: built.replace(fresh=fresh))
    monkeypatch.setattr(System, "translate_ahead", lambda self: calls.append(self))
    CACHE.file_in(tmp_path).write_bytes(b"")   # the cache holds this translator's translations
    System(engine=engine, code_cache=code_cache and tmp_path).build()
    assert bool(calls) == ahead


def test_a_new_translator_translates_ahead_without_a_new_build(built, tmp_path, monkeypatch):
    """After the translator changes (its cache file name changes) the next
    build translates ahead again, though its images were built before."""
    system = System(code_cache=tmp_path)
    monkeypatch.setattr(shell.system, "build", lambda kernel, **kw: built.replace(fresh=False))
    assert not CACHE.saved_in(tmp_path)
    system.build()
    assert CACHE.saved_in(tmp_path)



def translated_after_ls(built, folder, command):
    """How many translated blocks the user's machine runs from after its
    first `ls`, the build translated ahead with AHEAD_COMMAND `command`."""
    system = System(code_cache=folder)
    system.images = built
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shell.system, "AHEAD_COMMAND", command)
        system.translate_ahead()
    CACHE.clear()
    with System(code_cache=folder) as user:
        user.images = built
        user.boot()
        user.wait_for(PROMPT, BOOT_BOUND)
        user.type("ls\n")
        user.wait_for(PROMPT, BOOT_BOUND)
        blocks = user.machine.memory.blocks.values()
        return sum(1 for b in blocks if b.fn is not None and b.heat is None)


def test_translating_ahead_runs_a_first_command(built, tmp_path):
    """The quiet boot runs AHEAD_COMMAND at its prompt, so that the code
    that starts and ends a program is in the code cache too: the user's
    first `ls` runs more of it translated (found in the cache, not
    interpreted for HOT_RUNS runs first)."""
    with_command = translated_after_ls(built, tmp_path / "with", "ls")
    CACHE.clear()
    without = translated_after_ls(built, tmp_path / "without", "")
    assert with_command > without
