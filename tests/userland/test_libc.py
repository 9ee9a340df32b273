"""libc's POSIX parts, run inside the OS by programs/libctest.c: getopt,
strtol's ERANGE, opendir/readdir/closedir, strerror; and perror's exact
lines for failing calls (the kernel's error numbers, issue 21)."""

import re
from pathlib import Path

import pytest

import shell.build as build_mod
from shell.run_cmd import run_commands
from shell.system import System

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BOUND = 50_000_000


@pytest.fixture(scope="module")
def libc_system(tmp_path_factory):
    """A build of the system with /bin/libctest added."""
    images = build_mod.build("mono", out=tmp_path_factory.mktemp("libc"))
    build_mod.link_image(build_mod.user_driver(ROOT),
                         build_mod.user_library("mono", ROOT) + [HERE / "programs" / "libctest.c"],
                         images.dir / "root" / "bin" / "libctest", build_mod.USER_BASE, "_start")
    system = System(kernel="mono", cores=1)
    system.images = images
    yield system
    system.close()


def run(system, script):
    result = run_commands(script, system=system, max_instructions=BOUND)
    return result.status, result.output.decode()


def test_libc_checks_pass(libc_system):
    status, out = run(libc_system, "libctest\n")
    assert "FAIL" not in out, out
    assert out.endswith("LIBCTEST PASSED\n") and status == 0
    assert out.count("ok ") == 22


def test_perror_says_why_each_call_failed(libc_system):
    status, out = run(libc_system, "libctest perror\n")
    assert out == ("open /no/such/file: No such file or directory\n"
                   "mkdir /bin: File exists\n"
                   "chdir /bin/ls: Not a directory\n"
                   "write to a pipe with no reader: Broken pipe\n"
                   "exec with MAXARG+1 arguments: Argument list too long\n"
                   "wait without children: No child processes\n"
                   "kill 99999: No such process\n")


def test_the_bare_runtimes_numbers_are_the_kernels():
    def numbers(path):
        return dict(re.findall(r"#define\s+(E[A-Z0-9]+)\s+(\d+)", path.read_text()))
    runtime = numbers(ROOT / "lang" / "runtime" / "include" / "errno.h")
    kernel = numbers(ROOT / "kernel" / "include" / "errnum.h")
    assert runtime and all(kernel[name] == value for name, value in runtime.items())


def test_waitcheck_reports_a_child_its_parent_never_waited_for(libc_system):
    status, out = run(libc_system, "waitcheck libctest orphan\necho status $?\n"
                                   "ls -a / | grep -c waitcheck\n")
    lines = out.splitlines()
    assert len(lines) == 3 and lines[1:] == ["status 0", "0"]
    assert lines[0].startswith("waitcheck: pid ")
    assert lines[0].endswith(" exited after its parent, which never waited for it")
