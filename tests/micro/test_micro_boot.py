"""`--kernel micro` as a user meets it (issue 15, milestone B): the
build links servers/ into the kernel's boot bundle and the userland
(libc's micro backend) into the file system; the root task starts the
console driver, the disk driver, the file-system server and the process
manager, pm runs /bin/init from the file system, and the shell runs
commands — `minos run` and `minos bench` work on micro as on mono."""

import shutil
import struct
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.cli import main
from shell.perf import bench
from shell.system import System

BOUND = 10_000_000            # the boot to the prompt takes about 1.6 million instructions


@pytest.fixture(scope="module")
def boot():
    out = Path(tempfile.mkdtemp(prefix="minos-micro-boot-"))
    try:
        with System(kernel="micro") as system:
            system.images = build_mod.build("micro", out=out)
            system.boot()
            system.wait_for("/$ ", BOUND)
            yield system.console_since(0), system.images
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_root_task_starts_the_servers_and_the_shell_runs(boot):
    output, images = boot
    assert "micro: rs: fs started" in output
    assert "micro: rs: pm started" in output
    assert "fs: file system mounted" in output
    assert output.rstrip().endswith("/$")                # pm ran /bin/init, init ran sh
    assert len(images.programs) > 30                     # the userland, on the fs image
    assert (images.dir / "servers" / "root").is_file()
    assert build_mod.program_debug_file(images, "pm").is_file()   # the debugger's symbols


def test_bundle_layout():
    blob = build_mod.bundle_bytes([("root", b"abcde"), ("x", b"1234")])
    magic, n = struct.unpack_from("<II", blob)              # kernel/include/bundle.h's layout
    assert (magic, n) == (0x4C44424D, 2)
    name, off, size = struct.unpack_from("<16sII", blob, 8)
    assert (name.rstrip(b"\0"), size) == (b"root", 5) and blob[off:off + size] == b"abcde"
    name, off2, size = struct.unpack_from("<16sII", blob, 8 + 24)
    assert off2 % 4 == 0 and blob[off2:off2 + size] == b"1234"


def test_bundle_name_too_long():
    with pytest.raises(build_mod.BuildError, match="longer than 15 bytes"):
        build_mod.bundle_bytes([("a-very-long-server-name", b"")])


def test_bench_includes_micro():
    notes = []
    kernels = bench.default_kernels(notes.append)
    assert "micro" in kernels and "mono" in kernels
    assert not any(n.startswith("minos bench: micro") for n in notes)


def test_run_on_micro(capsys):
    # the first sign of life: a pipeline through pm, the fs
    # server's pipe and the console driver
    assert main(["run", "--kernel", "micro", "-c", "echo hi | wc -c"]) == 0
    out = capsys.readouterr().out
    assert out.split() == ["3"], out
