"""Several processes use the file system at once: tests/kernel/fs_programs/
fsconc.c forks workers that create, write, link, unlink and remove files
and directories in one shared directory. Their transactions overlap and
commit in groups; afterwards every worker saw its own data and the disk is
consistent."""

import re

import pytest

from lang.fs.fsck import check
from lang.fs.image import FsImage

from tests.kernel.fs_support import fs_system

BOUND = 200_000_000


@pytest.mark.slow
@pytest.mark.parametrize("cores", [1, 4])
def test_concurrent_file_operations(tmp_path, cores):
    system, disk = fs_system("fsconc.c", tmp_path, cores=cores)
    with system:
        system.boot(disk=disk)
        found = system.wait_for(re.compile(r"fsconc: (\d+) failures"), max_instructions=BOUND)
        assert found.group(1) == "0", system.console_since()
        system.run(1_000_000)
        assert system.result.reason == "halt"
        image = FsImage.open(str(system.disk_path))
    assert check(image) == []
    assert image.listdir("/") == ["bin", "dev"]
