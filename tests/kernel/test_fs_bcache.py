"""The buffer cache under pressure: tests/kernel/fs_programs/bcache.c
starts 3 writers, whose transactions keep blocks pinned in the cache, and
a tick later 42 readers of distinct, uncached blocks at the same moment.
There are more readers than buffers (NBUF), so some must wait for a
buffer: before bget slept for one, the kernel panicked with "bget: every
buffer is in use" (with NBUF 30, on 1 core). Whether a reader waits now,
with NBUF 40, depends on the timing of the disk and the writers' commits
(it did at one point of the tree, not at another): the kernel's count of
those waits (bgetwaits, read from its memory through the debug info) is
printed on failure, not asserted."""

import re

import pytest

import vm.devices

from lang.debuginfo import DebugInfo
from lang.fs.fsck import check
from lang.fs.image import FsImage

from tests.kernel.fs_support import fs_system

BOUND = 150_000_000
SLOW_DISK = 200_000      # cycles a disk request takes here (vm/devices.py: 4,000)


def bget_waits(system):
    addr = DebugInfo.load(str(system.images.kernel_img), required=True).addr_of("bgetwaits")
    return system.machine.memory.word(addr)


@pytest.mark.parametrize("cores", [1, 4])
def test_more_readers_than_buffers(tmp_path, cores, monkeypatch):
    monkeypatch.setattr(vm.devices, "DISK_LATENCY", SLOW_DISK)
    system, disk = fs_system("bcache.c", tmp_path, cores=cores)
    with system:
        system.boot(disk=disk)
        found = system.wait_for(re.compile(r"bcache: (\d+) failures|panic: .*"),
                                max_instructions=BOUND)
        assert found.group(0) == "bcache: 0 failures", \
            f"{system.console_since()} (bget waited {bget_waits(system)} times)"
        if cores == 1:
            assert bget_waits(system) > 0, "no reader had to wait: the test lost its point"
        system.run(1_000_000)
        assert system.result.reason == "halt"
        image = FsImage.open(str(system.disk_path))
    assert check(image) == []
    assert image.listdir("/") == ["bin", "dev"]
