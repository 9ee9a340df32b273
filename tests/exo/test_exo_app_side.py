"""Two library OSes side by side on one exokernel (issue 16): XCP's
(libos/xcp, bench/exo/xcp.c, the first env) starts Unix's (libos/unix:
bin/init, then sh) in an env of its own and copies its files while sh
runs commands typed at the console. One boot, shared by every test here.

Both are alive and correct at once: sh's pipe prints while XCP's big copy
is under way, and the copies are byte-exact. The kernel protects each
from the other: XCP can neither map Unix's pages nor read or write the
blocks of Unix's file system (xcp.c's guards), and a Unix
program cannot map XCP's pages nor read, write or bind the blocks of
XCP's file system (tests/exo/programs/xcpprobe.c) — while reading the
public bundle into the same page works.
"""

import re
from pathlib import Path

import pytest

import shell.build as build_mod
from exo_helpers import checks
from lang.fs.fsck import check as fsck
from shell.perf import xcp
from shell.system import PROMPT, System

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
UNIX = [ROOT / "userland" / p for p in ("init.c", "sh.c", "bin/echo.c", "bin/cat.c", "bin/halt.c")]
BOUND = 60_000_000


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("exoside")


@pytest.fixture(scope="module")
def unix(out):
    """The Unix's disk: a bundle of bin/init, then its file system."""
    return build_mod.build_exo_unix_bundle(UNIX + [HERE / "programs" / "xcpprobe.c"],
                                           out / "unix", root=ROOT)[1]


@pytest.fixture(scope="module")
def side(out, unix):
    images = xcp.build_xcp(out / "xcp", ROOT, beside=unix)
    with System(kernel="exo") as system:
        system.images = images
        system.boot()
        system.wait_for(PROMPT, BOUND)
        system.type("echo hi | cat\n")
        system.wait_for("hi\n", BOUND)
        if "xcp: done, waiting beside Unix" not in system.console_since(0):
            system.wait_for("xcp: done, waiting beside Unix", BOUND)
        system.type("xcpprobe\n")
        system.wait_for("publicread", BOUND)
        system.wait_for(PROMPT, BOUND)
        system.type("echo side | cat > /side\n")
        system.wait_for(PROMPT, BOUND)
        system.type("halt\n")
        result = system.run(BOUND)
        if result.reason == "limit":
            raise AssertionError(f"the machine did not power off within {BOUND:,} instructions:\n"
                                 + system.console_since(0)[-1500:])
        return (system.console_since(0), result, xcp.fs_of(system.disk_path, "exo-xcp"),
                xcp.fs_of(system.disk_path, "exo-unix"))


def test_xcp_starts_unix_beside_it(side):
    text = side[0]
    assert "xcp: Unix runs beside us in env" in text


def test_the_shell_runs_a_pipe_while_xcp_copies(side):
    """sh reads the typed pipe (its library echoes it) inside the big
    copy's window: both library OSes ran in that window, and the Unix is
    alive when the copy ends. The pipe's output is right. (How many of
    the pipe's processes are still alive at the copy's end is up to the
    scheduler, so it is not asserted.)"""
    text = side[0]
    start = text.index("[xcp start]", text.index("[xcp end]"))     # the big copy's
    end = text.index("[xcp end]", start)
    assert start < text.index("echo hi | cat") < end, text
    assert "\nhi\n" in text[start:], text
    alive = [int(n) for n in re.findall(r"xcp: (\d+) other envs alive after the copy", text)]
    assert len(alive) == 2 and alive[0] >= 2, text                   # init and sh at least
    assert alive[1] >= 2, text                    # init and sh at least, again


def test_xcp_copies_correctly_beside_unix(side):
    """The same disk requests as alone (test_exo_app.py's boot): Unix
    beside it changes nothing in XCP's cache or on its blocks."""
    text, fs = side[0], side[2]
    assert "xcp: /big -> /big.xcp: 589824 bytes, 148 disk reads, 149 disk writes" in text
    assert fs.read_file("/big.xcp") == xcp.payload(xcp.BIG, 2)
    assert fsck(fs) == []


def test_the_unix_has_its_own_file_system_beside_xcps(side):
    """The disk divided by bindings: the Unix's file system right after
    the bundle, XCP's in its partition (xcp/part) after it. sh wrote a
    file in the Unix's; each image is consistent and holds only its own
    library OS's files."""
    text, _, xfs, ufs = side
    assert "libos:" not in text, text                    # no complaint from the Unix's mount
    assert ufs.read_file("/side") == b"side\n"
    assert fsck(ufs) == []
    assert "side" not in xfs.listdir("/") and "big.xcp" not in ufs.listdir("/")
    assert fsck(xfs) == []


@pytest.mark.parametrize("name,value", [
    ("unixpage", -13), ("unixpagew", -13),                      # XCP -> Unix's pages
    ("unixread", -13), ("unixwrite", -13),                      # XCP -> Unix's blocks
    ("xcppage", -13), ("xcpread", -13), ("xcpwrite", -13),      # Unix -> XCP's page and blocks
    ("xcpbind", -16), ("publicread", 0)])
def test_the_kernel_keeps_each_library_os_out_of_the_other(side, name, value):
    text = side[0]
    found = checks(text)
    assert name in found, f"check {name} did not run:\n{text}"
    assert found[name] == (True, value), f"check {name}:\n{text}"


def test_the_machine_powers_off_when_unix_halts(side):
    result = side[1]
    assert result.reason == "halt" and result.exit_code == 0


@pytest.mark.parametrize("where", ["public", "small"])
def test_xcp_refuses_a_partition_that_is_not_its_file_systems(out, unix, where):
    """xcp/part naming blocks of the public bundle (the kernel refuses the
    bind: EIO), or a partition smaller than the file system found there
    (EINVAL): a clear line, status 1, Unix never started."""
    import struct
    images = xcp.build_xcp(out / f"part-{where}", ROOT, beside=unix)
    disk = bytearray(Path(images.fs_img).read_bytes())
    block = next(b for name, b, _ in xcp._entries(disk) if name == xcp.PART)
    first, n = struct.unpack_from("<II", disk, block * 4096)
    struct.pack_into("<II", disk, block * 4096, *((1, n) if where == "public" else (first, 4)))
    bad = out / f"part-{where}.img"
    bad.write_bytes(disk)
    result, text = xcp.run_disk(images, bad, 5_000_000)
    error = -5 if where == "public" else -22
    assert result.reason == "halt", text
    assert f"xcp: no file system of ours on the disk ({error})" in text and result.exit_code == 1
    assert "Unix runs beside us" not in text
