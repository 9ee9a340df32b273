"""The file system through the monolithic kernel: tests/kernel/fs_programs/
fstest.c runs as init and checks open/read/write/close, O_TRUNC/O_APPEND,
a file that needs the indirect block, directories and relative paths,
getcwd, link/unlink, dup/dup2, bad descriptors/pointers/paths, a 64 KiB
pipe between two processes, and the console's line discipline.
It prints "FAIL line N: ..." per failed check and powers off with the
number of failures."""

import re

import pytest

from lang.fs.fsck import check
from lang.fs.image import FsImage

from tests.kernel.fs_support import fs_system

# What the console test types: a line, a line with a backspace (DEL), a
# line killed with ^U and retyped, ^D (end of file), a line read in two parts.
TYPED = "hello\nabX\x7fc\njunk\x15ok\n\x04xyz\n"
BOUND = 120_000_000


@pytest.mark.slow
@pytest.mark.parametrize("cores", [1, 2, 4])
def test_fstest(tmp_path, cores):
    system, disk = fs_system("fstest.c", tmp_path, cores=cores)
    with system:
        system.boot(disk=disk)
        system.type(TYPED)
        system.wait_for("fstest: start", max_instructions=BOUND)
        system.wait_for("fstest: press ^C", max_instructions=BOUND)
        system.type("\x03")
        system.wait_for("^C\nfstest: interrupted", max_instructions=BOUND)
        found = system.wait_for(re.compile(r"fstest: (\d+) failures"), max_instructions=BOUND)
        output = system.console_since()
        assert found.group(1) == "0", output
        assert "FAIL" not in output
        system.run(1_000_000)                   # let it power off
        assert system.result.reason == "halt" and system.result.exit_code == 0
        image = FsImage.open(str(system.disk_path))
    # The kernel left a consistent file system, without the test's files.
    assert check(image) == []
    assert image.listdir("/") == ["bin", "dev"]
