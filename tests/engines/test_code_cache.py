"""The fast engine's code cache (vm/codecache.py): translations saved by one
run and loaded by the next change nothing but speed, and a damaged or
foreign cache file is ignored."""

import hashlib

import pytest

from bench.workloads import build
from vm.codecache import CACHE, CodeCache
from vm.machine import Machine


pytestmark = pytest.mark.usefixtures("empty_code_cache")


def run(image, folder):
    machine = Machine(engine="fast", code_cache=folder)
    machine.load_image(image)
    result = machine.run(max_instructions=5_000_000)
    machine.close()
    return (result, machine.counters(), [list(c.regs) for c in machine.cores],
            hashlib.sha256(machine.memory.ram).hexdigest())


def test_saved_translations_are_used_and_change_nothing(tmp_path):
    image = build("calls", 14)
    first = run(image, tmp_path)
    CACHE.save(CACHE.file_in(tmp_path), force=True)
    saved = CACHE.entries
    assert saved > 0 and CACHE.file_in(tmp_path).is_file()
    CACHE.clear()                       # a new process: nothing in memory
    second = run(image, tmp_path)
    assert second == first
    assert CACHE.entries == saved and CACHE.unsaved == 0    # nothing compiled anew


def test_code_that_changed_is_not_taken_from_the_cache(tmp_path):
    run(build("calls", 14), tmp_path)
    CACHE.save(CACHE.file_in(tmp_path), force=True)
    CACHE.clear()
    other = build("alu", 3000)          # other code at the same addresses
    assert run(other, tmp_path) == run(other, None)


def test_a_damaged_cache_file_is_ignored(tmp_path):
    CodeCache.file_in(tmp_path).write_bytes(b"\x00not marshal data")
    result = run(build("alu", 3000), tmp_path)
    assert result[0].reason == "halt"


def test_saving_removes_the_files_of_other_translators(tmp_path):
    stale = tmp_path / "fast-0000000000000000.marshal"
    stale.write_bytes(b"old")
    run(build("alu", 3000), tmp_path)
    CACHE.save(CACHE.file_in(tmp_path), force=True)
    assert CACHE.file_in(tmp_path).is_file() and not stale.exists()
