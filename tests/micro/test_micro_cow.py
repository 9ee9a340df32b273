"""Fork's memory on micro (issue 15: "sbrk, lazy allocation, copy-on-write
fork"): one bounded boot per core count of a bundle with the real servers
whose init is programs/cowcheck.c, and userland's forktest beside it.
cowcheck counts free pages (sysinfo) around a fork of a 200-page process:
the fork shares the pages instead of copying them, each page the child
writes costs exactly one page, neither side sees the other's writes, and
after wait every page is free again. docs/micro.md ("Fork and
copy-on-write") says where each part lives."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.system import System

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
FORKTEST = build_mod.ROOT / "userland" / "bin" / "forktest.c"
BOUND = 60_000_000            # instructions the whole run may take
NWRITE = 10                   # cowcheck.c: pages the child writes


def cow_images(out):
    """The micro kernel with the real servers, cowcheck as init and
    forktest in its boot bundle (pm runs bundle images: servers/pm/exec.c)."""
    root = build_mod.ROOT
    users = build_mod.link_user_images(root, "micro", [("init", PROGRAMS / "cowcheck.c"),
                                                      ("forktest", FORKTEST)],
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


def figure(run, pattern):
    match = re.search(pattern, run)
    assert match, f"no line matching {pattern!r} in:\n{run[-2000:]}"
    return int(match.group(1))


def test_cowcheck_passes(cowrun):
    assert [line for line in cowrun.splitlines() if line.startswith("FAIL")] == []
    assert "fork shares checked" in cowrun
    assert "COWCHECK PASSED" in cowrun


def test_forktest_passes_on_micro(cowrun):
    assert "fork test OK" in cowrun, cowrun[-2000:]


def test_fork_shares_the_200_pages(cowrun):
    # An eager copy would take the 200 heap pages and more. Sharing takes
    # 4: the child's page-table pages, and the copy of the parent's stack
    # page that its first write after the fork makes (read() into a local).
    assert figure(cowrun, r"cowcheck: fork took (-?\d+) pages") == 4


def test_each_write_copies_one_page(cowrun):
    # The child's writes to 10 shared heap pages copy those 10 pages, and
    # its first write to its (shared) stack page copies that one.
    assert figure(cowrun, rf"cowcheck: {NWRITE} writes took (-?\d+) pages") == NWRITE + 1


def test_no_page_leaks_after_wait(cowrun):
    assert figure(cowrun, r"after wait (-?\d+) pages not free again") == 0
    # forktest's children too: only the parent's own 200-page heap stays
    assert figure(cowrun, r"in all (-?\d+) pages not free again") == 200
