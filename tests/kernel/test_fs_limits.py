"""The file-size and disk-space limits are errors, not crashes
(tests/kernel/fs_programs/diskfull.c): a write past MAXFILE blocks gives
EFBIG, a write to a full disk ENOSPC (issue 21's note); the disk is
consistent afterwards and its blocks are free again."""

import re

import pytest

from lang.fs.fsck import check
from lang.fs.image import FsImage

from tests.kernel.fs_support import fs_system

BOUND = 400_000_000


@pytest.mark.slow
def test_efbig_and_enospc(tmp_path):
    system, disk = fs_system("diskfull.c", tmp_path)
    with system:
        system.boot(disk=disk)
        found = system.wait_for(re.compile(r"diskfull: (\d+) failures|panic: .*"),
                                max_instructions=BOUND)
        assert found.group(0) == "diskfull: 0 failures", system.console_since()
        system.run(1_000_000)
        assert system.result.reason == "halt"
        image = FsImage.open(str(system.disk_path))
    assert check(image) == []
    assert image.listdir("/") == ["bin", "dev"]
    assert sum(image.bitmap()) == sum(FsImage.open(str(disk)).bitmap())
