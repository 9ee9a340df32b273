"""kernel/micro/fastpath.S, the IPC fast path in assembly, reads the
kernel's C structs by numeric offsets. Each #define there names, in its
comment, what it stands for (`struct.field`, `sizeof struct`, `enum
name`, or `global.field`); this test compares every one with the
compiler's debug info for the linked micro kernel, so a change to
micro.h or thread.h that moves a field fails here instead of corrupting
memory at run time."""

import re
import shutil
import tempfile
from pathlib import Path

import pytest

import shell.build as build_mod
from lang.debuginfo import DebugInfo
from shell.perf.kernel_view import KernelView

FASTPATH = build_mod.ROOT / "kernel" / "micro" / "fastpath.S"
DEFINE = re.compile(r"^#define\s+(\w+)\s+(\d+)\s+//\s*(.+?)\s*$", re.M)


@pytest.fixture(scope="module")
def kernel_info():
    out = Path(tempfile.mkdtemp(prefix="minos-fastpath-"))
    try:
        from tests.micro.test_ipc import PROGRAM
        image = build_mod.micro_kernel(build_mod.ROOT, out, [("ipctest", PROGRAM)], tmpdir=out / ".tmp")
        yield DebugInfo.load(str(image))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def layouts(info):
    """{struct name: type entry}, {enum constant: value}."""
    structs, enums = {}, {}
    for e in info.debug:
        if e.get("kind") != "types":
            continue
        for t in e["types"]:
            if t.get("t") == "struct" and t.get("name") and t.get("fields"):
                structs.setdefault(t["name"], t)
            elif t.get("t") == "enum":
                for name, value in t.get("constants", []):
                    enums.setdefault((t.get("name"), name), value)
    return structs, enums


def actual(what, name, info, structs, enums):
    """The value debug info gives for a #define's comment, or None."""
    words = what.split()
    if words[0] == "sizeof":
        return structs[words[1]]["size"]
    if words[0] == "enum":
        return enums.get((words[1], name))
    base, field = re.match(r"(\w+)\.(\w+)", what).groups()
    if base in structs:
        found = [f for f in structs[base]["fields"] if f["name"] == field]
        return found[0]["offset"] if found else None
    view = KernelView(info)                  # a global: the field's address minus the global's
    (_, start), *steps = view.resolve(what.split()[0])[0]
    return sum(n for op, n in steps if op == "add")


def test_the_defines_are_found():
    defines = DEFINE.findall(FASTPATH.read_text())
    assert len(defines) >= 40
    assert {"TCB_FAULT", "CAP_SIZE", "ASIDS_GEN", "SLEEPING"} <= {d[0] for d in defines}


def test_offsets_match_the_c_structs(kernel_info):
    structs, enums = layouts(kernel_info)
    wrong = []
    for name, value, what in DEFINE.findall(FASTPATH.read_text()):
        got = actual(what, name, kernel_info, structs, enums)
        if got != int(value):
            wrong.append(f"{name} is {value} in fastpath.S, but {what} is {got}")
    assert not wrong, "\n".join(wrong)
