"""Two library OSes side by side on one exokernel (issue 16): XCP's
(libos/xcp, bench/exo/xcp.c, the first env) starts Unix's (libos/unix:
bin/init, then sh) in an env of its own and copies its files while sh
runs commands typed at the console. One boot, shared by every test here.

Both are alive and correct at once: sh's pipe prints while XCP's big copy
is under way, and the copies are byte-exact. The kernel protects each
from the other: XCP cannot map Unix's pages (xcp.c's guard), and a Unix
program cannot map XCP's pages nor read, write or bind the blocks of
XCP's file system (tests/exo/programs/xcpprobe.c) — while reading the
public bundle into the same page works.
"""

import re
import shutil
import tempfile
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
def side():
    out = Path(tempfile.mkdtemp(prefix="minos-exoside-"))
    try:
        _, unix, _ = build_mod.build_exo_unix_bundle(UNIX + [HERE / "programs" / "xcpprobe.c"],
                                                     out / "unix", root=ROOT)
        images = xcp.build_xcp(out / "xcp", ROOT, extra=xcp.bundle_entries(unix))
        with System(kernel="exo") as system:
            system.images = images
            system.boot()
            system.wait_for(PROMPT, BOUND)
            system.type("echo hi | cat\n")
            system.wait_for("hi\n", BOUND)
            system.wait_for("xcp: done, waiting beside Unix", BOUND)
            system.type("xcpprobe\n")
            system.wait_for("publicread", BOUND)
            system.wait_for(PROMPT, BOUND)
            system.type("halt\n")
            result = system.run(BOUND)
            if result.reason == "limit":
                raise AssertionError(f"the machine did not power off within {BOUND:,} instructions:\n"
                                     + system.console_since(0)[-1500:])
            yield system.console_since(0), result, xcp.fs_of(system.disk_path, "exo-xcp")
    finally:
        shutil.rmtree(out, True)


def test_xcp_starts_unix_beside_it(side):
    text, _, _ = side
    assert "xcp: Unix runs beside us in env" in text


def test_the_shell_runs_a_pipe_while_xcp_copies(side):
    text, _, _ = side
    start = text.index("[xcp start]", text.index("[xcp end]"))     # the big copy's
    assert start < text.index("hi\n") < text.index("[xcp end]", start)
    alive = [int(n) for n in re.findall(r"xcp: (\d+) other envs alive after the copy", text)]
    assert len(alive) == 2 and min(alive) >= 2, text                 # init and sh at least


def test_xcp_copies_correctly_beside_unix(side):
    """The same disk requests as alone (test_exo_app.py's boot): Unix
    beside it changes nothing in XCP's cache or on its blocks."""
    text, _, fs = side
    assert "xcp: /big -> /big.xcp: 589824 bytes, 148 disk reads, 149 disk writes" in text
    assert fs.read_file("/big.xcp") == xcp.payload(xcp.BIG, 2)
    assert fsck(fs) == []


@pytest.mark.parametrize("name,value", [
    ("unixpage", -13), ("unixpagew", -13),                      # XCP -> Unix's pages
    ("xcppage", -13), ("xcpread", -13), ("xcpwrite", -13),      # Unix -> XCP's page and blocks
    ("xcpbind", -16), ("publicread", 0)])
def test_the_kernel_keeps_each_library_os_out_of_the_other(side, name, value):
    text, _, _ = side
    found = checks(text)
    assert name in found, f"check {name} did not run:\n{text}"
    assert found[name] == (True, value), f"check {name}:\n{text}"


def test_the_machine_powers_off_when_unix_halts(side):
    _, result, _ = side
    assert result.reason == "halt" and result.exit_code == 0
