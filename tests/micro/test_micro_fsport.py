"""The file-system core (kernel/mono's bio.c, log.c, fs.c and fsops.c) is portable:
it uses nothing from its home but what kernel/include/unix/fsport.h
declares, so the microkernel's file-system server (and exo's library OS)
compile the same files."""

import re
from pathlib import Path

from shell.build import kernel_drivers

ROOT = Path(__file__).resolve().parents[2]
CORE = ("bio.c", "log.c", "fs.c", "fsops.c")
# The headers the core may include: the on-disk and in-memory formats and
# the port. (spinlock.h and sleeplock.h define the lock structs a home
# provides; monoparam.h the table sizes.)
ALLOWED = {"types.h", "monoparam.h", "spinlock.h", "sleeplock.h", "fs.h", "buf.h", "file.h",
           "stat.h", "fcntl.h", "errnum.h", "fsport.h"}


def port_functions():
    """The functions fsport.h says a home provides (after its 'what its
    home provides' line)."""
    text = (ROOT / "kernel" / "include" / "unix" / "fsport.h").read_text()
    home = text.split("what its home provides", 1)[1]
    return set(re.findall(r"^[\w ]+?[\s*]+(\w+)\(", home, re.M))


def test_fs_core_includes_only_the_port_and_the_formats():
    for name in CORE:
        included = re.findall(r'^#include "([^"]+)"', (ROOT / "kernel" / "mono" / name).read_text(), re.M)
        assert "fsport.h" in included, f"{name} does not include fsport.h"
        extra = set(included) - ALLOWED
        assert not extra, f"kernel/mono/{name} includes {sorted(extra)}: the fs core may use only fsport.h"


def test_fs_core_calls_only_what_fsport_declares():
    provided = port_functions()
    assert {"diskrw", "fs_cwd", "sleep", "panic"} <= provided, provided
    _, personality = kernel_drivers(ROOT, "mono")
    objects = [personality.object_for(ROOT / "kernel" / "mono" / name) for name in CORE]
    defined = {s.name for o in objects for s in o.symbols if s.section is not None}
    undefined = {s.name for o in objects for s in o.symbols if s.section is None} - defined
    # compiler helpers (__mulsi3 and the like) are the toolchain's, not the home's
    undefined = {n for n in undefined if not n.startswith("__")}
    assert undefined <= provided, f"the fs core calls {sorted(undefined - provided)}, which fsport.h does not declare"
