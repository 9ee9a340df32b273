"""Copy-on-write fork in micro's pager (issue 15: "a thread's page fault
becomes a message to its pager, a user-level server that decides what to
map (sbrk, lazy allocation, copy-on-write fork all live in user space
here)"). pm lends every page of a process from its own address space and
decides at fork and at each write fault (servers/pm/mem.c); the kernel
only maps, unmaps and records the mappings (kernel/micro/mem.c, whose
mapping database grows a page of entries at a time).

One bounded boot per core count of a bundle with the real servers whose
init is programs/cowcheck.c, with userland's forktest and cowtest beside
it. cowcheck counts free pages (sysinfo) and pm's counters (vmstats)
around a fork of a 200-page process: the fork shares the pages instead of
copying them, each page the child writes costs exactly one page, neither
side sees the other's writes, and after wait every page is free again.
Then cowtest, unmodified, runs its four parts (fork, many, race,
syscalls) on micro. docs/micro.md ("Fork and copy-on-write") says where
each part lives.

The exact figures below are printed by the boot itself (run one with
`pytest -s` and read the "cowcheck:" lines)."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.system import System

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
USERBIN = build_mod.ROOT / "userland" / "bin"
BOUND = 200_000_000           # instructions the whole run may take (cowtest's "many" forks 2,000 pages 4 times)
NWRITE = 10                   # cowcheck.c: pages the child writes
# Pages cowcheck's fork takes: the child's 3 page tables, the copy of the
# parent's stack page its first write after the fork makes, and 2 pages
# of the kernel's mapping database for the child's 215 mappings (127 a page).
FORK_PAGES = 6
# Pages fork shares: the 200 of the heap and the rest of cowcheck (its
# text, data and stack pages), counted by pm.
FORK_SHARED = 215
# What stays after everything: cowcheck's own 200-page heap, and the 3
# pages of the mapping database (127 entries a page) that record its 400
# entries (pm's root of each page and cowcheck's mapping of it).
KEPT_PAGES = 203
# Page tables the first out-of-memory round leaves allocated for the
# next (cowcheck's for a bigger heap, pm's for a bigger window).
OOM_TABLES = 3


def cow_images(out):
    """The micro kernel with the real servers, cowcheck as init and
    forktest and cowtest in its boot bundle (pm runs bundle images:
    servers/pm/exec.c)."""
    root = build_mod.ROOT
    users = build_mod.link_user_images(root, "micro", [("init", PROGRAMS / "cowcheck.c"),
                                                      ("forktest", USERBIN / "forktest.c"),
                                                      ("cowtest", USERBIN / "cowtest.c")],
                                       out, tmpdir=out / ".tmp")
    kernel_img = build_mod.micro_kernel(root, out, build_mod.bundle_servers(root),
                                        tmpdir=out / ".tmp", extra=users)
    fs_img = out / "fs.img"
    build_mod.make_fs(fs_img, out / "fsroot")
    return build_mod.Build("micro", out, root, kernel_img, fs_img, [], 0)


@pytest.fixture(scope="module", params=[1, 4], ids=["1core", "4cores"])
def cowrun(request):
    out = Path(tempfile.mkdtemp(prefix="minos-micro-cow-"))
    try:
        images = cow_images(out)
        with System(kernel="micro", cores=request.param) as system:
            system.images = images
            system.boot()
            system.wait_for("COWCHECK ", BOUND)
            system.wait_for("\n", 1_000_000)
            return system.console_since(0)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def figure(run, pattern, group=1):
    match = re.search(pattern, run)
    assert match, f"no line matching {pattern!r} in:\n{run[-2000:]}"
    return int(match.group(group))


def test_cowcheck_passes(cowrun):
    assert [line for line in cowrun.splitlines() if line.startswith("FAIL")] == []
    assert "fork shares checked" in cowrun
    assert "COWCHECK PASSED" in cowrun


def test_forktest_passes_on_micro(cowrun):
    assert "fork test OK" in cowrun, cowrun[-2000:]


@pytest.mark.parametrize("part", ["fork", "many", "race", "syscalls"])
def test_cowtest_parts_pass_on_micro(cowrun, part):
    # cowtest reads vmstats (pm's counters on micro) and checks what
    # fork, a write to a shared page, and the kernel's writes into one
    # (read, fstat: libc asks pm first, PM_TOUCH) did.
    assert f"cowtest {part}: OK" in cowrun, cowrun[-3000:]


def test_fork_shares_the_200_pages(cowrun):
    # An eager copy would take the 200 heap pages and more.
    assert figure(cowrun, r"cowcheck: fork took (-?\d+) pages") == FORK_PAGES
    assert figure(cowrun, r"cowcheck: fork shared (\d+) pages, copied (\d+)") == FORK_SHARED
    assert figure(cowrun, r"cowcheck: fork shared (\d+) pages, copied (\d+)", 2) == 0


def test_each_write_copies_one_page(cowrun):
    # The child's writes to 10 shared heap pages copy those 10 pages, and
    # its first write to its (shared) stack page copies that one: pm
    # copies each (the frame is shared: its count is 2).
    assert figure(cowrun, rf"cowcheck: {NWRITE} writes took (-?\d+) pages") == NWRITE + 1
    assert figure(cowrun, rf"cowcheck: {NWRITE} writes copied (\d+) pages, reused (\d+)") == NWRITE + 1
    assert figure(cowrun, rf"cowcheck: {NWRITE} writes copied (\d+) pages, reused (\d+)", 2) == 0


def test_a_page_no_longer_shared_is_reused(cowrun):
    # After wait the child's references are gone: the parent's write to a
    # page they shared maps the same frame writable again (count 1).
    assert figure(cowrun, r"a write after wait copied (\d+) pages, reused (\d+)") == 0
    assert figure(cowrun, r"a write after wait copied (\d+) pages, reused (\d+)", 2) == 1


def test_running_out_of_memory_kills_the_writer(cowrun):
    # A child that writes more shared pages than memory holds is refused
    # a frame (pm) or a mapping (the kernel's database: -ENOMEM) and
    # killed (cowcheck checks its status, -1); nothing panics, and every
    # page comes back but the page tables the first round leaves for the
    # next — the second round leaves none.
    assert "panic" not in cowrun
    assert figure(cowrun, r"after running out \(1\) (-?\d+) pages not free again") == OOM_TABLES
    assert figure(cowrun, r"after running out \(2\) (-?\d+) pages not free again") == 0


def test_no_page_leaks_after_wait(cowrun):
    assert figure(cowrun, r"after wait (-?\d+) pages not free again") == 0
    # forktest's children too: only the parent's own heap stays
    assert figure(cowrun, r"in all (-?\d+) pages not free again") == KEPT_PAGES
