"""Booting the monolithic kernel with a file-system test program as init.

The test programs live in tests/kernel/fs_programs/. fs_system() builds the
OS as usual (shell/build.py, through the System API), compiles the chosen
program with the user library, puts it on a copy of the built disk as
/bin/init (the first program the kernel runs), and boots from that disk.
"""

import shutil
from pathlib import Path

from lang.cc.driver import Driver, Options
from lang.fs.mkfs import make_image
from shell import build as B
from shell.system import System

PROGRAMS = Path(__file__).resolve().parent / "fs_programs"


def program_disk(system, program, workdir):
    """Path of a disk image: the built root directory with `program`
    (a file name in fs_programs/) compiled, for the system's kernel, as
    /bin/init."""
    images = system.build()
    workdir = Path(workdir)
    stage = workdir / "root"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(images.dir / "root", stage)
    include = B.user_include_dirs(B.ROOT) + [str(PROGRAMS)]
    driver = Driver(Options(opt=1, include_dirs=include))
    B.link_image(driver, B.user_library(system.kernel, B.ROOT) + [PROGRAMS / program],
                 stage / "bin" / "init", B.USER_BASE, "_start", dbg=workdir / "init.dbg")
    disk = workdir / "fs.img"
    make_image(str(disk), [str(stage)])
    return disk


def fs_system(program, workdir, cores=1, seed=None, kernel="mono"):
    """A System ready to boot `program` as init: returns (system, disk path)."""
    system = System(kernel=kernel, cores=cores, seed=seed)
    return system, program_disk(system, program, workdir)
