"""The process manager of the micro world (issue 15, milestone B): one
bounded boot of a bundle with the real servers (root, console, pm) whose
init is programs/pmtest.c, an ordinary user program linked with libc's
micro backend. pmtest checks each rule from inside (a "FAIL ..." line per
broken one) — fork/exec/wait/exit statuses, sbrk's lazy pages through
the pager, kill, process groups and ^C through the console driver, a
process's lack of rights — and exec of crafted images, made here, must
fail with ENOEXEC."""

import shutil
import struct
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.system import System

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
BOUND = 80_000_000            # instructions the whole run may take

MAGIC, VERSION = 0x534F4E4D, 1
USER_BASE = 0x40000000


def image(entry, segments, pad=0):
    """A minos executable: header, segment table (vaddr, off, filesz,
    memsz, flags), then pad bytes."""
    head = struct.pack("<4I", MAGIC, VERSION, entry, len(segments))
    table = b"".join(struct.pack("<6I", *seg, 0) for seg in segments)
    return head + table + bytes(pad)


CRAFTED = [
    # a writable segment over the console's registers
    ("badseg", image(0xF0000000, [(0xF0000000, 64, 16, 4096, 7)], 16)),
    # a segment whose file bytes run past the end of the image
    ("shortimg", image(USER_BASE, [(USER_BASE, 64, 100000, 100000, 5)], 16)),
    # an entry point outside every executable segment
    ("noentry", image(USER_BASE + 0x10000, [(USER_BASE, 64, 16, 4096, 5)], 16)),
]


def pm_images(out):
    """The micro kernel with the real servers, then pmtest as init, pmchild
    and the crafted images in its boot bundle (pm runs bundle images
    before a file system exists: servers/pm/exec.c)."""
    root = build_mod.ROOT
    servers = [(name, build_mod.server_sources(root, name)) for name in build_mod.SERVERS]
    users = build_mod.link_user_images(root, "micro", [("init", PROGRAMS / "pmtest.c"),
                                                      ("pmchild", PROGRAMS / "pmchild.c")],
                                       out, tmpdir=out / ".tmp")
    kernel_img = build_mod.micro_kernel(root, out, servers, tmpdir=out / ".tmp", extra=users + CRAFTED)
    fs_img = out / "fs.img"
    build_mod.make_fs(fs_img, out / "fsroot")
    return build_mod.Build("micro", out, root, kernel_img, fs_img, [], 0)


@pytest.fixture(scope="module", params=[1, 3], ids=["1core", "3cores"])
def pmrun(request):
    out = Path(tempfile.mkdtemp(prefix="minos-micro-pm-"))
    try:
        images = pm_images(out)
        with System(kernel="micro", cores=request.param) as system:
            system.images = images
            system.boot()
            system.wait_for("TYPE CTRL-C\n", BOUND)
            system.type("\x03")
            system.wait_for("PMTEST ", BOUND)
            system.wait_for("\n", 1_000_000)
            yield system.console_since(0)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def fails(output):
    return [line for line in output.splitlines() if line.startswith("FAIL")]


def test_pm_runs_init_from_the_bundle(pmrun):
    assert "micro: root task: console and pm started" in pmrun
    assert "pmtest: init runs" in pmrun


@pytest.mark.parametrize("part", ["fork and wait", "exec", "sbrk", "kill", "blocked kill",
                                  "rights", "process groups"])
def test_pm_part_checked(pmrun, part):
    assert f"{part} checked" in pmrun, pmrun[-2000:]


def test_pm_exec_passes_arguments(pmrun):
    assert "pmchild: pmchild exit 42 (pid " in pmrun


def test_pm_no_failures(pmrun):
    assert fails(pmrun) == []
    assert "PMTEST PASSED" in pmrun


def test_pm_kernel_reports_refused_faults(pmrun):
    # the pager refused: the kernel kills the thread and says why, as on mono
    assert "page fault" in pmrun and "killed" in pmrun
