"""The fault promise of issue 15: micro's reincarnation server
(servers/rs/rs.c) restarts a driver or server that dies while the system
runs on, and `svc` (userland/bin/svc.c) shows and kills services.

One interactive boot of the default system is shared by the svc tests,
in order: the listing; `svc kill disk` while stressfs runs in the
background (typed once stressfs has said it started) (stressfs finishes OK, a file written before reads back, the
disk is fsck-clean, svc shows restarts=1); `svc kill console` (a line
typed after the restart arrives; and a line half typed when the driver
is killed is finished after: rs keeps the driver's input in a page of
its own); `svc kill fs` (the fs server's state
dies with it: the new instance mounts the disk again, the shell goes on,
files on disk are there); programs/fsrestart.c, which kills the fs
server under its own open descriptor (the next read is EBADF, a new open
reads back what was written before). More boots use the host's
injection (shell/inject.py): a crash of the disk driver in the middle of
stressfs; a hung disk driver, a hung fs server, a hung pm, each found by
the heartbeat (pm cannot be restarted: the machine stops); a crash of the
fs server in the middle of stressfs's writes (the log makes the disk
consistent). Every boot is bounded.
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
PROGRAMS = Path(__file__).resolve().parent / "programs"


@pytest.fixture(scope="module")
def images():
    """The default micro system, with programs/fsrestart.c on its disk."""
    out = Path(tempfile.mkdtemp(prefix="minos-micro-rs-"))
    try:
        images = build_mod.build("micro", out=out)
        build_mod.link_user_images(build_mod.ROOT, "micro", [("fsrestart", PROGRAMS / "fsrestart.c")],
                                   out, tmpdir=out / ".tmp")
        build_mod.make_fs(images.fs_img, out / "root")
        yield images
    finally:
        shutil.rmtree(out, ignore_errors=True)


def fsck(system):
    """The host's fsck on the machine's disk, once the machine is stopped."""
    return Checker(FsImage.open(str(system.disk_path))).run()


def services(text):
    """svc's table in text: {name: (state, restarts, last end)}."""
    return {m.group(1): (m.group(2), int(m.group(3)), m.group(4))
            for m in re.finditer(r"^(\w+)\s+\d+\s+\d+\s+(\S+)\s+(\d+)\s+(\S+)$", text, re.M)}


def interleaved(text, other):
    """A pattern for text on the console with another writer's line,
    other, possibly between any two of its characters (two writers on
    one console: rs writes on the kernel's debugging console a byte at a
    time, a program through the console driver; where one lands in the
    other moves with any change to the instructions either runs)."""
    gap = "(?:" + re.escape(other) + ")?"
    return re.compile(gap.join(re.escape(c) for c in text))


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

    def background(self, job, started, line, done):
        """Start job, wait until it prints `started`, then type line while
        it runs, and wait for it to print `done`."""
        start = len(self.system.output)
        self.system.type(job + "\n")
        self.system.wait_for(started, BOUND)
        self.system.type(line + "\n")
        self.system.wait_for(done, BOUND)
        return self.system.console_since(start)


@pytest.fixture(scope="module")
def svc_session(images):
    """The svc steps, in order, on one interactive boot: {step: output}.
    (All run here, the tests only read them: a test run split across
    workers still sees the whole sequence.)"""
    sh = Shell(images)
    out = {}
    try:
        out["list"] = sh.run("svc")
        out["refuse"] = sh.run("svc kill pm") + sh.run("svc kill nosuch") + sh.run("svc kill")
        sh.run("echo kept before the kill > kept")
        out["disk"] = sh.background("stressfs &", "stressfs starting", "svc kill disk", "stressfs OK")
        out["disk after"] = sh.run("cat kept") + sh.run("svc")
        # rs writes on the kernel's debugging console, svc through the new
        # console driver: the two may interleave
        out["console"] = sh.run("svc kill console").replace("svc: console killed\n", "")
        out["console after"] = sh.run("echo typed after the restart") + sh.run("svc")
        sh.run("sleep 30 && svc kill console &")
        sh.system.type("echo half a line")          # typed, echoed, not finished
        # (rs writes on the kernel's debugging console, between the bytes
        # the console driver echoes: wait for the end of its line only,
        # which svc's line, through the new driver, may split anywhere)
        sh.system.wait_for(interleaved("console restarted (2)", "svc: console killed\n"), BOUND)
        out["half line"] = sh.run(" and the rest") + sh.run("svc")
        out["fs"] = sh.run("svc kill fs")
        out["fs after"] = sh.run("cat kept") + sh.run("echo new > new; cat new") + sh.run("svc")
        out["fsrestart"] = sh.run("fsrestart") + sh.run("svc")
        sh.run("rm kept new")
        sh.system.halt()
        out["fsck"] = fsck(sh.system)
        yield out
    finally:
        sh.system.close()


def test_svc_lists_the_services(svc_session):
    table = services(svc_session["list"])
    assert table == {name: ("up", 0, "-") for name in ("console", "disk", "fs", "pm")}


def test_svc_refuses_what_it_cannot_kill(svc_session):
    out = svc_session["refuse"]
    assert "svc: pm: cannot be killed" in out
    assert "svc: nosuch: no such service" in out
    assert "usage: svc [kill NAME]" in out


def test_disk_killed_during_stressfs(svc_session):
    out = svc_session["disk"]
    # the driver died while stressfs ran, and stressfs read back every block
    assert out.index("stressfs starting") < out.index("micro: rs: disk restarted (1)") < \
        out.index("stressfs OK")
    assert "stressfs FAILED" not in out
    after = svc_session["disk after"]
    assert "kept before the kill" in after.splitlines()
    assert services(after)["disk"] == ("up", 1, "killed")


def test_console_killed_input_still_arrives(svc_session):
    assert "micro: rs: console restarted (1)" in svc_session["console"]
    after = svc_session["console after"]
    assert "typed after the restart" in after
    assert services(after)["console"] == ("up", 1, "killed")


def test_console_killed_keeps_the_line_being_typed(svc_session):
    """The line typed, echoed and not finished when the driver dies lives
    in the page rs keeps for it: the new instance finishes it."""
    out = svc_session["half line"]
    assert "half a line and the rest" in out.splitlines()
    assert services(out)["console"] == ("up", 2, "killed")


def test_fs_killed_its_state_dies_the_disk_stays(svc_session):
    out = svc_session["fs"]
    assert "micro: rs: fs restarted (1)" in out
    assert "fs: file system mounted" in out            # the new instance recovered the log
    after = svc_session["fs after"]
    assert "kept before the kill" in after
    assert "new" in after.splitlines()
    table = services(after)
    assert table["fs"] == ("up", 1, "killed") and table["pm"] == ("up", 0, "-")


def test_fs_killed_under_an_open_descriptor(svc_session):
    """The descriptor died with the server that kept it: EBADF, not a hang;
    what was written before the kill is on the disk."""
    out = svc_session["fsrestart"]
    assert "micro: rs: fs restarted (2)" in out
    assert re.search(r"fsrestart: read of descriptor 3 after the kill: -1 \(.*\)\n", out)
    assert "FAIL" not in out and "fsrestart PASSED" in out
    assert services(out)["fs"] == ("up", 2, "killed")


def test_disk_is_clean_after_the_kills(svc_session):
    assert svc_session["fsck"] == []


def injected(images, spec, lines):
    """Boot with `spec` injected, run the shell's lines; (output, injector,
    fsck)."""
    injector = Injector(spec, build_mod.ROOT)
    shell = Shell(images, on_boot=[injector])
    try:
        out = "".join(shell.run(line) for line in lines)
        shell.system.halt()
        return out, injector, fsck(shell.system)
    finally:
        shell.system.close()


def injected_stressfs(images, spec, first=()):
    """The lines `first`, then stressfs and svc, with `spec` injected."""
    return injected(images, spec, [*first, "stressfs", "svc"])


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


# The fs server's clients' calls in flight at its end fail (-EPIPE), and
# their descriptors died with it (EBADF): stressfs reports FAILED, never
# hangs. A file written before, and the shell, are fine after.
FS_AFTER = ["echo kept before > kept", "stressfs", "svc", "cat kept", "echo new > new; cat new",
            "rm kept new"]


def test_inject_hang_fs_found_by_the_heartbeat(images):
    out, injector, problems = injected(images, "hang fs after 200 requests", FS_AFTER)
    assert [a[:2] for a in injector.log] == [("hang", "fs")]
    assert out.index("stressfs starting") < out.index("micro: rs: fs does not answer: killed")
    assert "micro: rs: fs restarted (1)" in out
    assert "does not answer" not in out.replace("fs does not answer", "")   # fs alone is blamed
    assert "stressfs FAILED" in out
    assert services(out) == {"console": ("up", 0, "-"), "disk": ("up", 0, "-"), "fs": ("up", 1, "hung"),
                             "pm": ("up", 0, "-")}
    assert "kept before" in out.splitlines() and "new" in out.splitlines()
    assert problems == []


def test_inject_hang_disk_blames_the_disk_not_the_fs_waiting_for_it(images):
    """The fs server waits for the hung disk and answers no ping either:
    rs kills the disk driver only (the one that waits for nothing)."""
    out, injector, problems = injected_stressfs(images, "hang disk after 300 requests")
    assert "fs does not answer" not in out and "pm does not answer" not in out
    assert services(out)["fs"] == ("up", 0, "-")


def test_inject_crash_fs_during_writes_the_log_makes_the_disk_consistent(images):
    out, injector, problems = injected(images, "crash fs after 150 requests", FS_AFTER)
    assert [a[:2] for a in injector.log] == [("crash", "fs")]
    assert "(fs): page fault at pc 0x00000000" in out
    assert out.index("stressfs starting") < out.index("micro: rs: fs restarted (1)")
    assert "stressfs FAILED" in out
    assert services(out)["fs"] == ("up", 1, "ended")
    assert "kept before" in out.splitlines() and "new" in out.splitlines()
    assert problems == []


def test_inject_hang_pm_stops_the_machine(images):
    """pm cannot be restarted (its state is every process): a hung pm is
    said, and the machine halts, instead of hanging for ever."""
    injector = Injector("hang pm after 5 requests", build_mod.ROOT)
    system = System(kernel="micro", on_boot=[injector])
    system.images = images
    try:
        system.boot()
        result = system.run(BOUND)
        out = system.console_since()
        assert [a[:2] for a in injector.log] == [("hang", "pm")]
        assert "micro: rs: pm does not answer, and it cannot be restarted: the machine stops" in out
        assert result.reason not in ("limit", "stopped"), result.reason
    finally:
        system.close()
