"""The fault promise of issue 15: micro's reincarnation server
(servers/rs/rs.c) restarts a driver or server that dies while the system
runs on, and `svc` (userland/bin/svc.c) shows and kills services.

One interactive boot of the default system is shared by the svc tests,
in order: the listing; `svc kill disk` while stressfs runs in the
background (stressfs finishes OK, a file written before reads back, the
disk is fsck-clean, svc shows restarts=1); `svc kill console` (a line
typed after the restart arrives); `svc kill fs` (the fs server's state
dies with it: the new instance mounts the disk again, the shell goes on,
files on disk are there). Two more boots use the host's injection
(shell/inject.py): a crash of the disk driver in the middle of stressfs,
and a hung disk driver, which the heartbeat finds. Every boot is bounded.
"""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from lang.fs.fsck import Checker
from lang.fs.image import FsImage
from shell.inject import InjectError, Injector, parse
from shell.system import System

BOUND = 60_000_000          # instructions for any one step of a boot
PROMPT = "/$ "


@pytest.fixture(scope="module")
def images():
    out = Path(tempfile.mkdtemp(prefix="minos-micro-rs-"))
    try:
        yield build_mod.build("micro", out=out)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def fsck(system):
    """The host's fsck on the machine's disk, once the machine is stopped."""
    return Checker(FsImage.open(str(system.disk_path))).run()


def services(text):
    """svc's table in text: {name: (state, restarts, last end)}."""
    return {m.group(1): (m.group(2), int(m.group(3)), m.group(4))
            for m in re.finditer(r"^(\w+)\s+\d+\s+\d+\s+(\S+)\s+(\d+)\s+(\S+)$", text, re.M)}


class Shell:
    """An interactive boot: type a line, wait for the prompt after it."""

    def __init__(self, images, on_boot=()):
        self.system = System(kernel="micro", on_boot=on_boot)
        self.system.images = images
        self.system.boot()
        self.system.wait_for(PROMPT, BOUND)

    def run(self, line, until=PROMPT):
        start = len(self.system.output)
        self.system.type(line + "\n")
        self.system.wait_for(until, BOUND)
        return self.system.console_since(start)


@pytest.fixture(scope="module")
def sh(images):
    shell = Shell(images)
    try:
        yield shell
    finally:
        shell.system.close()


def test_svc_lists_the_services(sh):
    table = services(sh.run("svc"))
    assert table == {name: ("up", 0, "-") for name in ("console", "disk", "fs", "pm")}


def test_svc_refuses_what_it_cannot_kill(sh):
    assert "svc: pm: cannot be killed" in sh.run("svc kill pm")
    assert "svc: nosuch: no such service" in sh.run("svc kill nosuch")
    assert "usage: svc [kill NAME]" in sh.run("svc kill")


def test_disk_killed_during_stressfs(sh):
    sh.run("echo kept before the kill > kept")
    out = sh.run("stressfs & sleep 1; svc kill disk", until="stressfs OK")
    # the driver died while stressfs ran, and stressfs read back every block
    assert out.index("stressfs starting") < out.index("micro: rs: disk restarted (1)")
    assert "stressfs FAILED" not in out
    assert "kept before the kill" in sh.run("cat kept").splitlines()
    assert services(sh.run("svc"))["disk"] == ("up", 1, "killed")


def test_console_killed_input_still_arrives(sh):
    # rs writes on the kernel's debugging console, svc through the new
    # console driver: the two may interleave
    out = sh.run("svc kill console").replace("svc: console killed\n", "")
    assert "micro: rs: console restarted (1)" in out
    assert "typed after the restart" in sh.run("echo typed after the restart")
    assert services(sh.run("svc"))["console"] == ("up", 1, "killed")


def test_fs_killed_its_state_dies_the_disk_stays(sh):
    out = sh.run("svc kill fs")
    assert "micro: rs: fs restarted (1)" in out
    assert "fs: file system mounted" in out            # the new instance recovered the log
    assert "kept before the kill" in sh.run("cat kept")
    assert "new" in sh.run("echo new > new; cat new").splitlines()
    table = services(sh.run("svc"))
    assert table["fs"] == ("up", 1, "killed") and table["pm"] == ("up", 0, "-")


def test_disk_is_clean_after_the_kills(sh):
    """Last in this module: stops the shared machine."""
    sh.run("rm kept new")
    sh.system.halt()
    assert fsck(sh.system) == []


def injected_stressfs(images, spec, first=()):
    """Boot with `spec` injected, run the lines `first`, then stressfs and
    svc; (output, injector, fsck)."""
    injector = Injector(spec, build_mod.ROOT)
    shell = Shell(images, on_boot=[injector])
    try:
        out = "".join(shell.run(line) for line in first)
        out += shell.run("stressfs") + shell.run("svc")
        shell.system.halt()
        return out, injector, fsck(shell.system)
    finally:
        shell.system.close()


def test_inject_crash_disk_during_stressfs(images):
    """Killed once by svc, then crashed: svc shows 2 restarts, the last
    end a crash (not the kill before it)."""
    out, injector, problems = injected_stressfs(images, "crash disk after 300 requests",
                                                first=["svc kill disk"])
    assert [a[:2] for a in injector.log] == [("crash", "disk")]
    assert "(disk): page fault at pc 0x00000000" in out          # the kernel ended it
    assert out.index("stressfs starting") < out.index("micro: rs: disk restarted (2)")
    assert "stressfs OK" in out
    assert services(out)["disk"] == ("up", 2, "ended")
    assert problems == []


def test_inject_hang_disk_found_by_the_heartbeat(images):
    out, injector, problems = injected_stressfs(images, "hang disk after 300 requests")
    assert [a[:2] for a in injector.log] == [("hang", "disk")]
    assert "micro: rs: disk does not answer: killed" in out
    assert "stressfs OK" in out
    assert services(out)["disk"] == ("up", 1, "hung")
    assert problems == []


@pytest.mark.parametrize("spec, error", [
    ("crash disk", "cannot read 'crash disk'"),
    ("explode disk after 3 requests", "cannot read"),
    ("crash nosuch after 3 requests", "unknown server 'nosuch'"),
    ("crash root at instruction 5", "unknown server 'root'"),
    ("hang disk after 0 requests", "at least 1"),
])
def test_inject_bad_spec_is_a_clear_error(spec, error):
    with pytest.raises(InjectError, match=re.escape(error)):
        parse(spec, build_mod.ROOT)


def test_inject_spec_reads_labels_from_proto_h():
    crash, hang = parse("crash disk after 40 requests; hang console at instruction 9", build_mod.ROOT)
    assert (crash.action, crash.name, crash.requests, crash.labels) == ("crash", "disk", 40,
                                                                        (0x400, 0x4FF))
    assert (hang.action, hang.name, hang.instruction, hang.labels) == ("hang", "console", 9, None)


@pytest.mark.parametrize("kernel", ["mono", "exo"])
def test_svc_elsewhere_is_a_clear_error(kernel):
    """Only micro has services: svcinfo() is ENOSYS on mono and exo."""
    from shell.run_cmd import run_commands
    result = run_commands("svc", kernel=kernel, max_instructions=BOUND)
    assert result.status == 1
    assert "svc: this kernel has no services" in result.output.decode()


@pytest.mark.parametrize("argv, error", [
    (["--kernel", "mono", "--inject", "crash disk after 1 requests"], "micro kernel only"),
    (["--kernel", "micro", "--inject", "crash nosuch after 1 requests"], "unknown server 'nosuch'"),
])
def test_inject_errors_from_the_command_line(capsys, argv, error):
    """A bad --inject is one line on stderr and status 1, before any boot."""
    from shell.cli import main as minos
    assert minos(["run", *argv, "-c", "true"]) == 1
    err = capsys.readouterr().err
    assert error in err and "Traceback" not in err
