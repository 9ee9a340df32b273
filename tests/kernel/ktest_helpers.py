"""Helpers for the kernel tests: build the system once, make a disk whose
/bin/sh is the kernel test program (programs/ktest.c), boot it through
shell.system.System, and collect its report.

init (userland/init.c) runs /bin/sh and powers the machine off with its
exit status, so a test boots, waits for "KTEST PASSED"/"KTEST FAILED" and
then for the power-off. /ktest.conf on the disk names the groups of checks
ktest runs (see main() in programs/ktest.c).
"""

import atexit
import functools
import re
import shutil
import tempfile
from pathlib import Path

from lang.cc.driver import Driver, Options
import shell.build as build_mod
from shell.system import System

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REPORT = re.compile(r"KTEST (PASSED|FAILED)\n")


@functools.lru_cache(maxsize=None)
def system_images():
    """Build kernel.img, the user programs and fs.img (cached by content)."""
    out = tempfile.mkdtemp(prefix="minos-ktest-")   # private: tests run in parallel
    atexit.register(shutil.rmtree, out, True)
    return build_mod.build("mono", out=out)


@functools.lru_cache(maxsize=None)
def ktest_image():
    """programs/ktest.c linked like any user program: crt0, libc, trap stubs."""
    images = system_images()
    out = images.dir / "ktest" / "sh"
    driver = Driver(Options(include_dirs=build_mod.user_include_dirs(ROOT)))
    library = build_mod.user_library("mono", ROOT)
    build_mod.link_image(driver, library + [HERE / "programs" / "ktest.c"], out,
                         build_mod.USER_BASE, "_start")
    return out


def ktest_disk(tmp_path, groups):
    """An fs image: the normal root, with ktest as /bin/sh and /ktest.conf
    naming the groups to run."""
    images = system_images()
    staging = tmp_path / "root"
    shutil.copytree(images.dir / "root", staging)
    (staging / "bin").mkdir(exist_ok=True)
    shutil.copyfile(ktest_image(), staging / "bin" / "sh")
    if groups:          # no /ktest.conf: ktest runs every group but ctrlc
        (staging / "ktest.conf").write_text(" ".join(groups) + "\n")
    disk = tmp_path / "fs.img"
    build_mod.make_fs(disk, staging)
    return disk


def run_ktest(tmp_path, groups, cores=1, max_instructions=20_000_000, interact=None):
    """Boot with ktest running the given groups. interact(system), if
    given, runs after boot (to wait for a prompt and type, say). Returns
    (console output, RunResult of the power-off)."""
    disk = ktest_disk(tmp_path, groups)
    with System(kernel="mono", cores=cores) as system:
        system.images = system_images()
        system.boot(disk=str(disk))
        if interact:
            interact(system)
        system.wait_for(REPORT, max_instructions=max_instructions)
        result = system.run(2_000_000)
        return system.console_since(0), result


def failures(output):
    return [line for line in output.splitlines() if line.startswith("FAIL")]
