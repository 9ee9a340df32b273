"""The Unix library OS's writable file system (issue 16): kernel/mono's
file-system core linked into every program on exo (libos/unix/fsport.c,
its tables at a fixed address the processes share), on the disk blocks
the Unix binds after the boot bundle.

Shared boots (module fixtures), each bounded: usertests, stressfs,
forktest and cowtest (all four parts) on 1 and on 4 cores; then the
disk each run leaves is checked with fsck. A third boot runs the shell's
file commands."""

import pytest

from exo_helpers import ROOT
import shell.build as build_mod
from lang.fs.fsck import check
from lang.fs.image import FsImage
from shell.run_cmd import run_commands
from shell.system import System

SUITE = "usertests\nstressfs\nforktest\ncowtest"
# usertests + the rest: 67 million instructions on 1 core, 95 million
# summed over 4 cores (measured).
BOUND = 400_000_000


def run_kept(script, cores, bound):
    """Run script on exo; (RunResult, the disk's bytes afterwards)."""
    with System(kernel="exo", cores=cores) as system:
        result = run_commands(script, kernel="exo", system=system, max_instructions=bound)
        return result, system.disk_path.read_bytes()


@pytest.fixture(scope="module", params=[1, 4], ids=["1core", "4cores"])
def suite(request):
    return run_kept(SUITE, request.param, BOUND)


def test_usertests_all_pass(suite):
    out = suite[0].output.decode()
    assert "ALL TESTS PASSED" in out, out[-3000:]
    for name in ("files", "bigfile", "dirs", "links", "fds", "badpointers", "exec", "leak"):
        assert f"test {name}: OK" in out, out[-3000:]


def test_stressfs_forktest_cowtest_pass(suite):
    lines = suite[0].output.decode().splitlines()
    for line in ("stressfs OK", "fork test OK", "cowtest fork: OK", "cowtest many: OK",
                 "cowtest race: OK", "cowtest syscalls: OK"):
        assert line in lines, "\n".join(lines[-30:])
    assert suite[0].status == 0


def test_the_disk_is_consistent_after_the_run(suite):
    disk = suite[1]
    start = build_mod.exo_fs_start(disk[:4096])
    assert start > 1                                    # after the bundle's header and bin/init
    assert check(FsImage(disk[start * 4096:])) == []


def test_shell_file_commands():
    result, disk = run_kept("echo hi > f\ncat f\nmkdir d\ncd d\necho there >> g\ncat g\npwd\n"
                            "cd /\nls d\nln f d/h\ncat d/h\nrm f\ncat f\nwc d/h\nps\n",
                            1, 200_000_000)
    lines = result.output.decode().splitlines()
    assert lines[:7] == [
        "hi", "there", "/d", "g", "hi", "cat: f: No such file or directory", "      1       1       3 d/h"]
    # ps reads the library's process table: init and sh wait in usleep
    # (sleeping, as on mono), ps itself runs.
    states = {fields[4]: fields[2] for fields in map(str.split, lines[8:])}
    assert states == {"init": "sleep", "sh": "sleep", "ps": "runble"}, lines[7:]
    start = build_mod.exo_fs_start(disk[:4096])
    img = FsImage(disk[start * 4096:])
    assert check(img) == []


def test_minos_fsck_finds_the_file_system_of_an_exo_disk(tmp_path, capsys):
    from shell.cli import main
    images = build_mod.build("exo", root=ROOT)
    assert main(["fsck", str(images.fs_img)]) == 0
    assert "an exo disk: its file system starts at block" in capsys.readouterr().out
    broken = tmp_path / "broken.img"
    data = bytearray(images.fs_img.read_bytes())
    start = build_mod.exo_fs_start(data[:4096])
    data[(start + 1) * 4096:(start + 1) * 4096 + 4] = b"\0\0\0\0"      # the superblock's magic
    broken.write_bytes(bytes(data))
    assert main(["fsck", str(broken)]) == 1
    assert "bad magic" in capsys.readouterr().out


# ---- the path of one write() and one read() (docs/exo.md) ----

SYSCALL = 7                                    # the trap cause of the syscall instruction
EXO_CALLS = {7: "page_map", 8: "page_unmap", 9: "pte", 16: "yield", 35: "disk_read",
             36: "disk_write"}


@pytest.fixture(scope="module")
def fspath(tmp_path_factory):
    """Boot programs/fspath.c (reference engine, hooks): for each of its
    measured regions, (instructions, of which in the kernel, {kernel
    call: count})."""
    import json
    from pathlib import Path
    out = tmp_path_factory.mktemp("fspath")
    kernel, disk, images = build_mod.build_exo_unix_bundle(
        [Path(__file__).parent / "programs" / "fspath.c"], out, root=ROOT)
    debug = json.loads(Path(str(images[0]) + ".dbg").read_text())
    mark = next(s["addr"] for s in debug["symbols"] if s["name"] == "mark")
    regions, state = [], {"start": None, "calls": {}, "kernel": 0}

    def insn(core, pc):
        if state["start"] is not None and core.ring == 0:
            state["kernel"] += 1
        if pc != mark:
            return
        if state["start"] is None:
            state.update(start=core.instructions, calls={}, kernel=0)
        else:
            regions.append((core.instructions - state["start"], state["kernel"], state["calls"]))
            state["start"] = None

    def trap(core, cause, epc):
        if state["start"] is not None and cause == SYSCALL:
            name = EXO_CALLS.get(core.regs[7], str(core.regs[7]))
            state["calls"][name] = state["calls"].get(name, 0) + 1

    with System(kernel="exo", cores=1, engine="ref") as system:
        system.images = build_mod.Build("exo", disk.parent, ROOT, kernel, disk, [], 0)
        system.boot()
        system.machine.add_hook("insn", insn)
        system.machine.add_hook("trap", trap)
        result = system.run(60_000_000)
        assert result.reason == "halt", system.console_since(0)[-1500:]
        assert "fspath: write 512 read 512" in system.console_since(0)
    return regions


def test_one_write_commits_through_the_log_to_the_disk_binding(fspath):
    instructions, _, calls = fspath[0]
    # the data block and the inode: two log blocks, the header, two
    # installs, the header cleared (the user buffer is checked in the
    # page table's view, UVPT: no kernel entry)
    assert calls == {"disk_write": 6}, calls
    assert 20_000 < instructions < 80_000, instructions


def test_one_read_from_the_buffer_cache_never_enters_the_kernel(fspath):
    instructions, kernel, calls = fspath[1]
    assert calls == {} and kernel == 0, calls      # a library call on shared pages
    assert instructions < 5_000, instructions
