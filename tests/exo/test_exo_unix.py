"""The Unix library OS on the exokernel (issue 16): libos/unix under libc
(userland/lib/backend/exo), and exo's disk bindings (kernel/exo/disk.c).

Two boots, each shared by the tests of its part (module fixtures):
- programs/unixtest.c, a Unix program, is the first process; the bundle
  also holds sh, echo, cat and false, unchanged, and a crafted image;
- programs/disktest.c, a bare libos program, on a disk with spare blocks.
"""

import functools
import struct
import tempfile
from pathlib import Path

import pytest

from exo_helpers import ROOT, checks
import shell.build as build_mod
from shell.system import System

HERE = Path(__file__).resolve().parent
IMAGE_MAGIC = 0x534F4E4D
# A well-formed header whose one segment lies on the devices (0xF0000000):
# the library's loader must refuse it (ENOEXEC) before binding anything.
CRAFTED = (struct.pack("<IIII", IMAGE_MAGIC, 1, 0xF0000000, 1)
           + struct.pack("<6I", 0xF0000000, 40, 16, 4096, 5, 0) + bytes(16))
UNIX_PROGRAMS = [HERE / "programs" / "unixtest.c"] + [
    ROOT / "userland" / p for p in ("sh.c", "bin/echo.c", "bin/cat.c", "bin/false.c")]


def boot_bundle(kernel, disk, bound, cores=1):
    """Boot a bundle; (console output, RunResult); fails past the bound."""
    with System(kernel="exo", cores=cores) as system:
        system.images = build_mod.Build("exo", disk.parent, ROOT, kernel, disk, [], 0)
        system.boot()
        result = system.run(bound)
        if result.reason == "limit":
            raise AssertionError(f"exo boot did not finish within {bound:,} instructions:\n"
                                 + system.console_since(0)[-1500:])
        return system.console_since(0), result


@functools.lru_cache(maxsize=None)
def unix_bundle():
    out = Path(tempfile.mkdtemp(prefix="minos-exounix-"))
    return build_mod.build_exo_unix_bundle(UNIX_PROGRAMS, out, root=ROOT, extra=[("bin/crafted", CRAFTED)])


@pytest.fixture(scope="module")
def unix():
    kernel, disk, _ = unix_bundle()
    return boot_bundle(kernel, disk, 60_000_000)


@pytest.fixture(scope="module")
def disk():
    out = Path(tempfile.mkdtemp(prefix="minos-exodisk-"))
    kernel, image, _ = build_mod.build_exo_bundle([HERE / "programs" / "disktest.c"], out, root=ROOT,
                                                  spare=8)
    return boot_bundle(kernel, image, 5_000_000)


def test_unix_programs_run_unchanged_on_the_library_os(unix):
    output, result = unix
    assert "unixtest: PASSED" in output, output
    assert result.reason == "halt" and result.exit_code == 0


@pytest.mark.parametrize("name", [
    "pid1", "exec_echo", "sh_pipe", "exec_crafted", "exec_missing", "wait_status", "wait_none",
    "fork_shares", "cow_copies", "cow_isolated", "kill", "kill_none"])
def test_unix_check(unix, name):
    found = checks(unix[0])
    assert name in found, f"check {name} did not run:\n{unix[0]}"
    assert found[name][0], f"check {name} failed:\n{unix[0]}"


def test_echo_hi_and_a_pipe_through_the_unmodified_shell(unix):
    lines = unix[0].splitlines()
    at = lines.index("ok exec_echo echo's status: 0")
    assert lines[at - 1] == "hi"                              # /bin/echo hi
    assert lines[at + 1:at + 4] == ["hi", "or", "ok sh_pipe sh's status: 0"]   # echo hi | cat; false || echo or


def test_fork_copies_exactly_the_pages_written(unix):
    found = checks(unix[0])
    assert found["cow_copies"][1] == 5            # the child wrote 5 shared pages: 5 copies
    assert found["cow_isolated"][1] == 8          # none of its writes reached the parent


def test_a_crafted_image_is_refused_with_enoexec(unix):
    assert checks(unix[0])["exec_crafted"][1] == 8           # ENOEXEC
    assert checks(unix[0])["exec_missing"][1] == 2           # ENOENT


def test_the_disk_program_passes(disk):
    output, result = disk
    assert "disktest: PASSED" in output, output
    assert result.exit_code == 0


@pytest.mark.parametrize("name,value", [
    ("bundle_public", -1), ("read_public", 0), ("write_public_refused", -13),   # EACCES
    ("bind", 0), ("bind_again", 0), ("write_own", 0), ("read_own", 0),
    ("read_into_readonly", -14), ("read_into_unmapped", -14),                    # EFAULT
    ("bad_block", -22), ("unaligned_va", -22),                                   # EINVAL
    ("other_read_refused", -13), ("other_write_refused", -13), ("other_bind_refused", -16),
    ("other_read_public", 0), ("grant_self", -3)])
def test_disk_check(disk, name, value):
    found = checks(disk[0])
    assert name in found, f"check {name} did not run:\n{disk[0]}"
    assert found[name] == (True, value), f"check {name}:\n{disk[0]}"


# ---- the whole system: `minos build --kernel exo` (every userland program
# linked with libc over libos/unix, in the boot bundle), `minos run`, and the
# console at the shell's prompt

def test_minos_run_echo_hi_and_a_pipe():
    from shell.run_cmd import run_commands
    result = run_commands("echo hi\necho piped | cat\nfalse", kernel="exo",
                          max_instructions=100_000_000)
    assert result.output == b"hi\npiped\n"
    assert result.status == 1                       # false's, the last command's


@pytest.fixture(scope="module")
def console():
    with System(kernel="exo") as system:
        system.boot()
        system.wait_for("$ ", 30_000_000)
        yield system


def test_the_shell_reads_lines_typed_at_the_console(console):
    console.type("echo typed here\n")
    console.wait_for("typed here\n", 20_000_000)    # the echo of the line, then echo's output
    console.wait_for("typed here\n", 20_000_000)
    console.wait_for("$ ", 20_000_000)


def test_the_line_discipline_erases_and_kills(console):
    console.type("echo abx\b\bcd\n")              # backspace twice: "echo acd"
    console.wait_for("acd\n", 20_000_000)
    console.wait_for("$ ", 20_000_000)
    console.type("cat\n")                          # cat reads the console: ^C ends it
    console.wait_for("cat\n", 20_000_000)
    console.type("\x03")
    console.wait_for("^C\n", 20_000_000)
    console.wait_for("$ ", 20_000_000)
    console.type("echo $?\n")
    console.wait_for("255\n", 20_000_000)          # killed: status -1, shown as 255


def test_cowtest_and_forktest_pass_unchanged():
    # cowtest's fourth part (syscalls) opens "/": it needs the file system
    from shell.run_cmd import run_commands
    result = run_commands("cowtest fork many race && forktest", kernel="exo",
                          max_instructions=400_000_000)
    assert result.output.decode().splitlines() == [
        "cowtest fork: OK", "cowtest many: OK", "cowtest race: OK", "fork test", "fork test OK"]
    assert result.status == 0


def test_unix_programs_on_four_cores():
    kernel, disk, _ = unix_bundle()
    output, result = boot_bundle(kernel, disk, 200_000_000, cores=4)
    assert "unixtest: PASSED" in output, output
    assert result.exit_code == 0
