"""The fast engine's code cache (vm/codecache.py): translations saved by one
run and loaded by the next change nothing but speed, and a damaged or
foreign cache file is ignored."""

import hashlib
import sys
from pathlib import Path

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



PEEK_PROGRAM = """
        li   s0, 0
.Lloop: call tail
        addi s0, s0, 1
        li   t0, 200
        blt  s0, t0, .Lloop
        halt
        .org 0x8FF0
tail:   addi a0, a0, 1
        addi a0, a0, 2
        csrr a1, cycle          # on the next page; a trace stops before it
        ret
"""


def test_a_page_a_trace_only_peeked_at_is_not_among_its_pages():
    """A trace that stops before an instruction it leaves to the reference
    (the cycle read on the next page) only peeked at that page: its
    translation must not check it. Else a machine whose memory holds the
    same trace takes the cached translation, whose checks name a page that
    machine never looked up (a NameError inside the block)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vm"))
    from helpers import PageTables, make_machine, paging_on

    def outcome(next_page):
        m = make_machine(paging_on() + PEEK_PROGRAM, mem_mib=4, engine="fast")
        pt = PageTables(m)
        pt.identity(0x1000, 0x9000, "rwx")
        m.write_phys(next_page, m.read_phys(0x9000, 4096))
        pt.map(0x9000, next_page, "rwx")
        pt.map(0xF0002000, 0xF0002000, "rw")
        r = m.run(max_instructions=100_000)
        return r.reason, m.cores[0].regs[1]

    assert outcome(0x9000) == ("halt", 600)
    assert outcome(0x20000) == ("halt", 600)     # the trace's pages as before, the next elsewhere


def loop_adding(k):
    """A loop whose code differs with k."""
    from lang.asm import assemble
    from lang.link import link
    source = f"""
    .text
    .global _start
_start:
    li t0, 0
    li t1, 1000
loop:
    addi a1, a1, {k}
    addi t0, t0, 1
    blt t0, t1, loop
    li t0, 0xF0002000
    sw zero, 0(t0)
"""
    return link([assemble(source, "loop.s")])[0]


def test_a_few_new_translations_are_saved_in_a_journal_and_merged_later(tmp_path):
    """A run that translates only a little saves it (else every later run
    translates it again), without rewriting the whole cache file."""
    from vm import codecache
    run(build("alu", 3000), tmp_path)
    journals = CACHE.journals(CACHE.file_in(tmp_path))
    assert len(journals) == 1 and not CACHE.file_in(tmp_path).exists()
    CACHE.clear()
    run(build("alu", 3000), tmp_path)
    assert CACHE.entries > 0 and CACHE.unsaved == 0          # all loaded from the journal
    for n in range(codecache.JOURNALS):
        CACHE.clear()
        run(loop_adding(n + 1), tmp_path)                     # new code: new journals
    assert CACHE.file_in(tmp_path).is_file()
    assert len(CACHE.journals(CACHE.file_in(tmp_path))) < codecache.JOURNALS
    CACHE.clear()
    assert run(build("alu", 3000), tmp_path)[0].reason == "halt"
    assert CACHE.unsaved == 0


def test_the_cache_file_is_named_after_every_vm_source(tmp_path):
    """A translation made by other vm sources is never used: the file's name
    (codecache.version) changes with any vm/*.py, not only the translator's."""
    from vm import codecache
    here = Path(codecache.__file__).resolve().parent
    for path in here.glob("*.py"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    assert codecache._version_of(tmp_path) == codecache.version()
    with open(tmp_path / "devices.py", "a") as f:
        f.write("\n# changed\n")
    assert codecache._version_of(tmp_path) != codecache.version()


def test_loading_unmarshals_a_start_only_when_asked_for(tmp_path):
    """Loading reads the index; a start's translations are unmarshalled
    when a machine first asks for them (most of a big cache is not used
    by one run)."""
    run(build("calls", 14), tmp_path)
    CACHE.save(CACHE.file_in(tmp_path), force=True)
    saved = {start: dict(entries) for start, entries in CACHE.by_start.items()}
    CACHE.clear()
    CACHE.load(CACHE.file_in(tmp_path))
    assert CACHE.by_start == {} and CACHE.entries == sum(map(len, saved.values()))
    start, entries = next(iter(saved.items()))
    assert dict(CACHE.candidates(start)).keys() == entries.keys()
    assert list(CACHE.by_start) == [start]
    assert CACHE.candidates((0, 0, 0)) == ()


def test_a_new_translators_first_save_removes_the_files_of_others(tmp_path):
    stale = [tmp_path / "fast-0000000000000000.cache", tmp_path / "fast-0000000000000000.7.journal"]
    for path in stale:
        path.write_bytes(b"old")
    run(build("alu", 3000), tmp_path)
    assert CACHE.journals(CACHE.file_in(tmp_path)) and not any(path.exists() for path in stale)
