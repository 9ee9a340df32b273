"""Crash consistency: cut the power after each disk write of a file-system
workload, recover, and check that the file system is consistent and that
every operation that returned before the cut is there — the one in
progress wholly or not at all.

The workload is tests/kernel/fs_programs/crashwork.c: it prints "op N"
after its N-th call returns. STATES below is the file tree after each op.

The machine is deterministic, so the disk after a cut at write N is the
starting disk plus the first N writes of an uncut run. The fast test
records those writes once and checks every N on the host (replaying the
log as the kernel's recovery does), then really cuts the power and
reboots the kernel at a few N: the disk equals the recorded one, and the
kernel's recovery gives the same result. The slow test boots the kernel
(its recovery) on the disk of every N.
"""

import re

import pytest

from lang.fs import layout as L
from lang.fs.fsck import Checker
from lang.fs.image import FsImage

from tests.kernel.fs_support import fs_system

BOUND = 60_000_000
DIR = "<dir>"


def _states():
    """The tree (path -> bytes, or DIR) before op 1 and after each op."""
    steps = [
        ("/a", b""),
        ("/a", b"a" * 1000),
        ("/a", b"a" * 1000 + b"b" * 5000),
        ("/d", DIR),
        ("/d/x", b""),
        ("/d/x", b"c" * 9000),
        ("/y", b"c" * 9000),                  # link("/d/x", "/y")
        ("/a", None),                         # unlink
        ("/d/e", DIR),
        ("/d/e/z", b""),
        ("/d/e/z", b"zz"),
        ("/d/x", None),
        ("/y", b""),                          # O_TRUNC
        ("/y", b"q" * 3000),                  # O_APPEND write
        ("/d/e/z", None),
        ("/d/e", None),
        ("/w", b""),
        ("/w", b"w" * 4096),
    ]
    states = [{}]
    for path, value in steps:
        tree = dict(states[-1])
        if value is None:
            del tree[path]
        else:
            tree[path] = value
        states.append(tree)
    return states


STATES = _states()


def tree(image):
    """The image's files and directories, apart from /bin and /dev."""
    out = {}

    def walk(path, inum):
        ino = image.inode(inum)
        for child, name in image.dir_entries(ino):
            if name in (".", "..") or (path == "" and name in ("bin", "dev")):
                continue
            full = f"{path}/{name}"
            cino = image.inode(child)
            if cino["type"] == L.T_DIR:
                out[full] = DIR
                walk(full, child)
            else:
                out[full] = image.read_inode_data(cino)

    walk("", L.ROOTINO)
    return out


def last_op(output):
    ops = [int(n) for n in re.findall(r"^op (\d+)$", output, re.M)]
    assert ops == list(range(1, len(ops) + 1)), output
    return ops[-1] if ops else 0


def check_state(image, k, where):
    """The tree is the state after op k, or after op k+1 (in progress)."""
    found = tree(image)
    allowed = [STATES[k]] + ([STATES[k + 1]] if k + 1 < len(STATES) else [])
    assert found in allowed, (f"{where}: after op {k} the tree is {_show(found)}, expected "
                              f"{' or '.join(_show(s) for s in allowed)}")


def _show(t):
    return "{" + ", ".join(f"{p}: {v if v == DIR else len(v)}" for p, v in sorted(t.items())) + "}"


def recorded_run(system, disk):
    """Run the workload once without a cut. Returns the starting disk's
    bytes and [(block, data, console length)] for each disk write."""
    start = disk.read_bytes()
    system.boot(disk=disk)
    writes = []
    dev = system.machine.disk
    original = dev._write_block

    def record(block, data):
        writes.append((block, bytes(data), len(system.output)))
        original(block, data)

    dev._write_block = record
    system.type("go\n")
    system.wait_for("crashwork: end", max_instructions=BOUND)
    return start, writes


def disk_after(start, writes, n):
    data = bytearray(start)
    for block, content, _ in writes[:n]:
        data[block * L.BSIZE:(block + 1) * L.BSIZE] = content
    return data


def cut_and_reboot(system, disk, n):
    """Boot from disk, cut the power after write n, reboot on the same disk
    until the workload waits again (the kernel has recovered by then).
    Returns (output before the cut, the disk after recovery)."""
    system.boot(disk=disk, power_cut_after_writes=n)
    system.type("go\n")
    while system.run(BOUND).reason == "limit":
        pass
    assert system.result.reason == "powercut", system.console_since()
    before = system.console_since()
    crashed = system.disk_path.read_bytes()
    system.reboot()
    system.wait_for("crashwork: waiting", max_instructions=BOUND)
    system.halt()
    return before, crashed, FsImage.open(str(system.disk_path))


@pytest.mark.slow
def test_crash_at_every_write_recorded(tmp_path):
    system, disk = fs_system("crashwork.c", tmp_path)
    with system:
        start, writes = recorded_run(system, disk)
        output = system.console_since()
        assert last_op(output) == len(STATES) - 1
        assert len(writes) > 50
        committed = []          # cut points that leave a committed, uninstalled log
        for n in range(1, len(writes) + 1):
            image = FsImage(disk_after(start, writes, n))
            k = last_op(output[:writes[n - 1][2]])
            if image.logheader()["n"]:
                committed.append(n)
            checker = Checker(image, repair=True)
            assert checker.run() == [], f"cut after write {n}"
            check_state(image, k, f"cut after write {n}")
        assert committed

        # The kernel's own recovery, at a cut with a committed log (it
        # must install it), and at a cut mid-way through writing a log.
        for n in (committed[len(committed) // 2], committed[0] - 1):
            before, crashed, image = cut_and_reboot(system, disk, n)
            assert crashed == disk_after(start, writes, n), "the run is not deterministic"
            assert Checker(image).run() == [], f"cut after write {n}, kernel recovery"
            assert image.logheader()["n"] == 0
            check_state(image, last_op(before), f"cut after write {n}, kernel recovery")


@pytest.mark.slow
def test_crash_at_every_write_rebooted(tmp_path):
    """For every cut point, boot the kernel on the disk as the cut left it
    (built from the recorded writes, which the fast test shows equal to a
    real cut): its recovery must leave a clean disk in an allowed state."""
    system, disk = fs_system("crashwork.c", tmp_path)
    with system:
        start, writes = recorded_run(system, disk)
        output = system.console_since()
        crashed = tmp_path / "crashed.img"
        for n in range(1, len(writes) + 1):
            crashed.write_bytes(disk_after(start, writes, n))
            system.boot(disk=crashed)
            system.wait_for("crashwork: waiting", max_instructions=BOUND)
            system.halt()
            image = FsImage.open(str(system.disk_path))
            problems = Checker(image).run()
            assert problems == [], f"cut after write {n}: {problems}"
            check_state(image, last_op(output[:writes[n - 1][2]]), f"cut after write {n}")


def _orphans(image):
    """Inodes in use (type != 0) with no link: nothing can reach them."""
    return [inum for inum in range(1, image.sb["ninodes"])
            if image.inode(inum)["type"] != 0 and image.inode(inum)["nlink"] == 0]


def test_orphan_inode_reclaimed_at_mount(tmp_path):
    """Issue 18 item 6: a file unlinked while open, then a power cut
    before its close, leaves an inode (and its blocks) that no directory
    names: fsck reports it. The kernel reclaims such inodes when it
    mounts the disk (fsinit), so after the reboot fsck is clean and the
    blocks are free again."""
    system, disk = fs_system("orphan.c", tmp_path)
    with system:
        system.boot(disk=disk)
        system.wait_for("orphan: waiting", max_instructions=BOUND)
        system.halt()
        before = FsImage.open(str(system.disk_path))
        used_before = sum(before.bitmap())

        system.reboot()
        system.wait_for("orphan: waiting", max_instructions=BOUND)
        system.type("go\n")
        system.wait_for("orphan: unlinked", max_instructions=BOUND)
        system.halt()             # the power goes: /o is never closed
        cut = FsImage.open(str(system.disk_path))
        assert len(_orphans(cut)) == 1
        assert any("no directory names it" in p for p in Checker(cut).run())

        system.reboot()
        system.wait_for("orphan: waiting", max_instructions=BOUND)
        system.halt()
        after = FsImage.open(str(system.disk_path))
        assert "reclaimed orphan inode" in system.console_since(0)
        assert _orphans(after) == []
        assert Checker(after).run() == []
        assert sum(after.bitmap()) == used_before
