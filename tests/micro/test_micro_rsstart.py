"""A service that dies at start, on micro: the reincarnation server
(servers/rs/rs.c) sets a driver up before it runs and never waits for
it (servers/lib/driver.c; there is no ROOT_READY handshake), so a
driver that faults or exits at once is a death like any other — rs
restarts it, MAXRESTARTS (5) times, then gives it up and says so — and
its clients' calls fail (-EIDRM: rs revoked its endpoint) instead of
waiting for ever. The machine then stops with a clear last line, or
goes on without the service: never a hang.

Two boots of the default system with one driver replaced in the boot
bundle by programs/deadstart.c (under the driver's name): the disk
driver faults at once — the fs server's first disk read fails, the fs
server cannot be restarted without a disk, pm cannot run init and stops
the machine; the console driver exits at once — the system boots
without a console, the shell reads end of input and the machine stops.
Each boot is bounded."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.system import System

BOUND = 30_000_000           # instructions for a whole boot (each takes about 7 million)
MAXRESTARTS = 5              # servers/rs/rs.c
EIDRM = 43                   # kernel/include/errnum.h: a call on a revoked endpoint
PROGRAM = Path(__file__).resolve().parent / "programs" / "deadstart.c"


@pytest.fixture(scope="module")
def system_images():
    """The default micro build (its disk holds init and the shell)."""
    out = Path(tempfile.mkdtemp(prefix="minos-micro-rsstart-"))
    try:
        yield out, build_mod.build("micro", out=out)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def boot_without(system_images, name):
    """Boot the default system with driver `name` replaced by deadstart:
    (console output, the run's result)."""
    out, images = system_images
    where = out / f"without-{name}"
    servers = [(n, PROGRAM if n == name else s) for n, s in build_mod.bundle_servers(build_mod.ROOT)]
    kernel_img = build_mod.micro_kernel(build_mod.ROOT, where, servers, tmpdir=where / ".tmp")
    system = System(kernel="micro")
    system.images = images.replace(dir=where, kernel_img=kernel_img)
    try:
        system.boot()
        result = system.run(BOUND)
        return system.console_since(), result
    finally:
        system.close()


def said(out, line):
    """line is on the console, though other servers' output may land
    between any two of its characters (each server writes on the kernel's
    debugging console a byte at a time)."""
    return re.search(".{0,120}?".join(re.escape(c) for c in line), out, re.S) is not None


@pytest.fixture(scope="module")
def no_disk(system_images):
    return boot_without(system_images, "disk")


@pytest.fixture(scope="module")
def no_console(system_images):
    return boot_without(system_images, "console")


def test_a_driver_that_faults_at_start_is_restarted_then_given_up(no_disk):
    out, result = no_disk
    assert len(re.findall(r"\(disk\): page fault at pc 0x[0-9a-f]+ \(read of 0x00000000\): killed", out)) \
        == 1 + MAXRESTARTS, out
    for n in range(1, MAXRESTARTS + 1):
        assert said(out, f"micro: rs: disk restarted ({n})"), out
    assert f"restarted ({MAXRESTARTS + 1})" not in out, out
    assert said(out, "micro: rs: disk given up"), out


def test_the_clients_of_a_service_never_started_get_an_error(no_disk):
    out, result = no_disk
    # the fs server's disk read, queued while the driver kept dying, fails
    # when rs gives the driver up; the fs server cannot come back without
    # a disk, and pm's call to run init fails the same way
    assert said(out, f"fs: disk read of block 1 failed (-{EIDRM})"), out
    assert said(out, "micro: rs: fs given up"), out
    assert said(out, f"pm: cannot run /bin/init (error -{EIDRM}): the machine stops"), out
    assert result.reason == "halt" and result.exit_code == 1, (result.reason, out)


def test_a_driver_that_exits_at_start_leaves_a_system_that_stops(no_console):
    out, result = no_console
    for n in range(1, MAXRESTARTS + 1):
        assert said(out, f"micro: rs: console restarted ({n})"), out
    assert said(out, "micro: rs: console given up"), out
    assert said(out, "fs: file system mounted"), out
    # the shell's console reads fail: it ends, and init stops the machine
    assert result.reason == "halt", (result.reason, out)
    assert "kernel panic" not in out
