"""kernel/core knows no personality: proven from the objects' symbol tables
and from the sources' #include lines (issue 14, docs/kernel.md).

Every symbol a kernel/core object uses but does not define must be
defined by another core object or declared in kernel/include/personality.h
(what core asks of a personality), and no core file may include a Unix
header (kernel/include/unix/) or a personality's own header."""

import re
from pathlib import Path

import pytest

from lang.cpp import CppError, preprocess_file
from lang.cc.driver import system_dirs
from lang.obj import Symbol
from shell.build import ROOT, kernel_objects

CORE = ROOT / "kernel" / "core"
INCLUDE = ROOT / "kernel" / "include"
PERSONALITY_H = INCLUDE / "personality.h"
LINKER_SYMBOLS = {"_end"}          # defined by the linker (the end of the image)
INCLUDE_LINE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def personality_interface():
    """The function names personality.h declares."""
    text = re.sub(r"//[^\n]*", "", PERSONALITY_H.read_text())
    return set(re.findall(r"\b(\w+)\s*\([^;{]*\)\s*;", text))


def core_undefined(objects):
    """{symbol: [core files using it]} for symbols no core object defines."""
    core = [o for o in objects if Path(o.source).parent == CORE]
    defined = {s.name for o in core for s in o.symbols if s.section is not None and s.is_global}
    used = {}
    for o in core:
        for s in o.symbols:
            if s.section is None and s.name not in defined:
                used.setdefault(s.name, []).append(Path(o.source).name)
    return used


@pytest.fixture(scope="module")
def mono_objects():
    objects, _ = kernel_objects(ROOT, "mono")
    return objects


def test_personality_interface_is_what_mono_defines(mono_objects):
    interface = personality_interface()
    assert {"personality_init", "personality_start", "syscall", "personality_exit"} <= interface
    defined = {s.name for o in mono_objects if Path(o.source).parent.name == "mono"
               for s in o.symbols if s.section is not None and s.is_global}
    assert interface <= defined, f"mono does not define {sorted(interface - defined)}"


def test_core_uses_only_core_and_the_personality_interface(mono_objects):
    allowed = personality_interface() | LINKER_SYMBOLS
    stray = {name: files for name, files in core_undefined(mono_objects).items() if name not in allowed}
    assert not stray, ("kernel/core uses symbols that are neither core's nor in personality.h: " +
                       ", ".join(f"{n} ({', '.join(sorted(f))})" for n, f in sorted(stray.items())))


def test_the_check_sees_a_stray_symbol(mono_objects):
    """The check would fail if core called a mono function by name."""
    core = next(o for o in mono_objects if Path(o.source).name == "trap.c")
    names = [s.name for s in core.symbols if s.section is None]
    assert "syscall" in names
    core.symbols.append(Symbol("diskintr"))
    try:
        assert core_undefined(mono_objects)["diskintr"] == ["trap.c"]
    finally:
        core.symbols.pop()


def test_no_core_file_includes_a_unix_or_personality_header():
    private = {p.name for p in (INCLUDE / "unix").glob("*.h")}
    for kernel in (ROOT / "kernel").iterdir():
        if kernel.is_dir() and kernel.name not in ("core", "include"):
            private |= {p.name for p in kernel.rglob("*.h")}
    core_headers = {p.name for p in INCLUDE.glob("*.h")}
    for source in sorted(CORE.glob("*")) + sorted(INCLUDE.glob("*.h")):
        for name in INCLUDE_LINE.findall(source.read_text()):
            assert "unix/" not in name and (name in core_headers or name not in private), \
                f"{source.relative_to(ROOT)} includes {name}, a Unix or personality header"


def test_core_compiles_without_the_unix_headers(tmp_path):
    """The build gives kernel/core only kernel/include, where no Unix header is."""
    text = preprocess_file(str(CORE / "main.c"), include_dirs=[str(INCLUDE)], system_dirs=system_dirs())
    assert "personality_init" in text
    probe = tmp_path / "probe.c"
    probe.write_text('#include "fs.h"\n')
    with pytest.raises(CppError):
        preprocess_file(str(probe), include_dirs=[str(INCLUDE)])
