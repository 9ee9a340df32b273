"""`--kernel micro` as a user meets it today (issue 15, milestone B under
way): the build links servers/ into the kernel's boot bundle, the root
task starts the console driver and the process manager from it, and pm
says it has no init to run until the file-system server lands; the
tools that need a shell say clearly that micro has none yet instead of
timing out."""

import shutil
import struct
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.cli import main
from shell.perf import bench
from shell.system import System

BOUND = 10_000_000


@pytest.fixture(scope="module")
def boot():
    out = Path(tempfile.mkdtemp(prefix="minos-micro-boot-"))
    try:
        with System(kernel="micro") as system:
            system.images = build_mod.build("micro", out=out)
            system.boot()
            system.wait_for("pm: cannot run /bin/init", BOUND)
            yield system.console_since(0), system.images
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_root_task_starts_the_bundle(boot):
    output, images = boot
    assert "micro: root task: console and pm started" in output
    # no file system server yet, so no /bin/init: pm says so (ENOENT)
    assert "pm: cannot run /bin/init (error -2)" in output
    assert images.programs == []                        # no userland on micro yet
    assert (images.dir / "servers" / "root").is_file()
    assert build_mod.program_debug_file(images, "pm").is_file()   # the debugger's symbols


def test_bundle_layout():
    blob = build_mod.bundle_bytes([("root", b"abcde"), ("x", b"1234")])
    magic, n = struct.unpack_from("<II", blob)
    assert (magic, n) == (build_mod.BUNDLE_MAGIC, 2)
    name, off, size = build_mod.BUNDLE_ENTRY.unpack_from(blob, 8)
    assert (name.rstrip(b"\0"), size) == (b"root", 5) and blob[off:off + size] == b"abcde"
    name, off2, size = build_mod.BUNDLE_ENTRY.unpack_from(blob, 8 + build_mod.BUNDLE_ENTRY.size)
    assert off2 % 4 == 0 and blob[off2:off2 + size] == b"1234"


def test_bundle_name_too_long():
    with pytest.raises(build_mod.BuildError, match="longer than 15 bytes"):
        build_mod.bundle_bytes([("a-very-long-server-name", b"")])


def test_bench_skips_micro_with_a_reason():
    notes = []
    kernels = bench.default_kernels(notes.append)
    assert "micro" not in kernels and "mono" in kernels
    assert any("micro: cannot run the benchmark yet (no shell" in n for n in notes)


def test_bench_and_run_on_micro_fail_clearly(capsys):
    assert main(["bench", "--kernel", "micro"]) == 1
    err = capsys.readouterr().err
    assert "micro: cannot run the benchmark yet" in err and "Traceback" not in err
    assert main(["run", "--kernel", "micro", "-c", "echo hi"]) == 1
    err = capsys.readouterr().err
    assert "cannot run commands yet" in err and "minos boot --kernel micro" in err
