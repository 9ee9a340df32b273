"""The power-cut crash tests of the file system, on micro: the same
workload as tests/kernel/test_fs_crash.py (fs_programs/crashwork.c, run
as /bin/init by pm from the file system), through the real micro
servers — the fs server's log and recovery, the disk driver. The run is
recorded once; the disk after a cut at write n is the starting disk plus
the first n writes (the machine is deterministic: one real power cut
checks it). At several cut points across the run, the fs server's
recovery at its next mount must leave the disk fsck-clean, with every
operation that returned before the cut there and the one in progress
wholly or not at all — except that a write longer than a message
(IPC_MAXLONG, 4,096 bytes) is several requests to the fs server
(userland/lib/backend/micro/fsclient.c), each its own transaction: a
cut may leave a prefix of whole messages of it (on mono the 9,000-byte
write is one transaction). docs/micro.md says so."""

import pytest

from lang.fs.fsck import Checker
from lang.fs.image import FsImage
from tests.kernel.fs_support import fs_system
from tests.kernel.test_fs_crash import (BOUND, STATES, _show, cut_and_reboot, disk_after, last_op,
                                        recorded_run, tree)

CUTS = 8          # cut points spread over the run, besides the log's own
MESSAGE = 4096    # IPC_MAXLONG: the bytes of one write request


def check_state(image, k, where):
    """The tree is the state after op k, or after op k+1 (in progress),
    or op k+1's write done in some of its whole messages."""
    found = tree(image)
    allowed = [STATES[k]]
    if k + 1 < len(STATES):
        allowed.append(STATES[k + 1])
        for path, data in STATES[k + 1].items():
            old = STATES[k].get(path)
            if isinstance(data, bytes) and isinstance(old, bytes) and data.startswith(old):
                for end in range(len(old) + MESSAGE, len(data), MESSAGE):
                    allowed.append({**STATES[k + 1], path: data[:end]})
    assert found in allowed, (f"{where}: after op {k} the tree is {_show(found)}, expected "
                              f"{' or '.join(_show(s) for s in allowed)}")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("micro-crash")
    system, disk = fs_system("crashwork.c", tmp, kernel="micro")
    with system:
        start, writes = recorded_run(system, disk)
        yield system, disk, tmp, start, writes, system.console_since()


def cut_points(start, writes):
    """Spread points, a cut just before the first commit's log is complete
    and one with a committed, uninstalled log (recovery must install it)."""
    committed = [n for n in range(1, len(writes) + 1)
                 if FsImage(disk_after(start, writes, n)).logheader()["n"]]
    assert committed
    spread = [len(writes) * k // CUTS for k in range(1, CUTS + 1)]
    return sorted(set(spread + [committed[0] - 1, committed[len(committed) // 2]]))


def test_workload_runs_on_micro(recorded):
    system, disk, tmp, start, writes, output = recorded
    assert last_op(output) == len(STATES) - 1
    assert len(writes) > 50


def test_recovery_after_cuts_on_micro(recorded):
    system, disk, tmp, start, writes, output = recorded
    crashed = tmp / "crashed.img"
    for n in cut_points(start, writes):
        crashed.write_bytes(disk_after(start, writes, n))
        system.boot(disk=crashed)
        system.wait_for("crashwork: waiting", max_instructions=BOUND)
        system.halt()
        image = FsImage.open(str(system.disk_path))
        assert Checker(image).run() == [], f"cut after write {n}"
        assert image.logheader()["n"] == 0
        check_state(image, last_op(output[:writes[n - 1][2]]), f"micro, cut after write {n}")


def test_a_real_power_cut_on_micro(recorded):
    system, disk, tmp, start, writes, output = recorded
    n = cut_points(start, writes)[len(cut_points(start, writes)) // 2]
    before, crashed, image = cut_and_reboot(system, disk, n)
    assert crashed == disk_after(start, writes, n), "the run is not deterministic"
    assert Checker(image).run() == []
    check_state(image, last_op(before), f"micro, real cut after write {n}")
