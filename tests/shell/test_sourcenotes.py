"""Crash reports name their source (shell/sourcenotes.py): a user process
killed by a fault gets its function and line, a kernel backtrace gets
function, file and line per frame, from the debug info of the build."""

from pathlib import Path

import pytest

from lang.debuginfo import DebugInfo
from shell.build import build, debug_file
from shell.cli import main
from shell.run_cmd import run_commands
from shell.sourcenotes import SourceNotes

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def images():
    return build("mono", root=ROOT)


def notes_of(images, data, chunk=3):
    out = bytearray()
    notes = SourceNotes(lambda: images, out.extend)
    for i in range(0, len(data), chunk):        # the console delivers any split
        notes(data[i:i + chunk])
    notes.flush()
    return out.decode()


def where(dbg, addr):
    info = DebugInfo.from_file(str(dbg))
    (name, _), (file, line, _) = info.symbol_at(addr), info.line_at(addr)
    return f"{name} at {Path(file).relative_to(ROOT)}:{line}"


def test_a_killed_process_gets_its_function_and_line(images):
    dbg = images.dir / "debug" / "bin" / "echo.dbg"
    pc = DebugInfo.from_file(str(dbg)).addr_of("main") + 8
    line = f"pid 3 (echo): page fault at pc {pc:#010x} (write of 0x00000000): killed\n"
    text = notes_of(images, b"$ echo\n" + line.encode() + b"$ ")
    assert text == f"$ echo\n{line}  pc {pc:#010x} is in {where(dbg, pc)}\n$ "
    assert "main at userland/bin/echo.c:" in text


def test_a_panic_backtrace_gets_function_file_and_line_per_frame(images):
    dbg = Path(str(images.kernel_img) + ".dbg")
    info = DebugInfo.from_file(str(dbg))
    frames = [info.addr_of("panic") + 16, info.addr_of("kerneltrap") + 24]
    data = b"panic: core 0: kernel trap\nbacktrace:\n" + b"".join(
        b"  %#010x\n" % a for a in frames) + b"  0xdeadbeef\n"
    text = notes_of(images, data, chunk=5)
    assert text.splitlines() == [
        "panic: core 0: kernel trap", "backtrace:",
        f"  {frames[0]:#010x} in {where(dbg, frames[0] - 1)}",
        f"  {frames[1]:#010x} in {where(dbg, frames[1] - 1)}",
        "  0xdeadbeef"]
    assert "in panic at kernel/core/printf.c:" in text


def test_output_that_is_not_a_report_passes_through_at_once(images):
    out = bytearray()
    notes = SourceNotes(lambda: images, out.extend)
    notes(b"backtrace:\n  0x0001")           # could be a frame: held to its end
    assert bytes(out) == b"backtrace:\n"
    notes(b"x\n$ ")
    assert bytes(out) == b"backtrace:\n  0x0001x\n$ "


@pytest.mark.slow
def test_minos_run_names_the_line_of_a_fault(images, capsysbinary):
    done = run_commands("lazytest bounds", max_instructions=100_000_000,
                        out=lambda data: None)
    assert b"(lazytest): page fault" in done.output        # what the kernel said, raw
    shown = bytearray()
    run_commands("lazytest bounds", max_instructions=100_000_000, out=shown.extend)
    assert "is in c_nowhere at userland/bin/lazytest.c:" in shown.decode()


def test_objdump_finds_the_debug_info_of_a_built_program(images, capsys):
    program = images.dir / "root" / "bin" / "echo"
    assert debug_file(program) == (images.dir / "debug" / "bin" / "echo.dbg").resolve()
    assert main(["objdump", "-d", "-l", str(program)]) == 0
    assert "userland/bin/echo.c:" in capsys.readouterr().out
