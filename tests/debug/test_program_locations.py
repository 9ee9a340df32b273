"""Symbols that name their program (issue 17): a name defined in several
programs (libc's `write` is in every user program) gets one location per
program, `PROGRAM:FUNCTION` picks one, `info breakpoints` shows each
location's program, and a location stops only while its program runs."""

import re
from pathlib import Path

import pytest

from debug_helpers import KernelTranscript, Transcript


def test_program_qualified_location_on_a_bare_program(recursive):
    t = Transcript(recursive)
    out = t.run("break prog:fact\ninfo breakpoints\ncontinue\nbreak nosuch:fact")
    assert "Breakpoint 1 at 0x" in out and "in fact at prog.c:8" in out
    assert "(prog.img)" not in out              # one program: no need to name it
    assert "Breakpoint 1, fact (n=4) at prog.c:8" in out
    assert "bad location 'nosuch:fact': no program 'nosuch' is loaded" in out


@pytest.mark.slow
def test_break_write_in_every_program_or_in_one():
    t = KernelTranscript(budget=10_000_000)
    run = t.run
    user_programs = [p.name for p in t.engine.programs if p.name != "kernel"]

    out = run("break write\ninfo breakpoints")
    m = re.search(r"Breakpoint 1 at write: (\d+) locations, one in each program that has it "
                  r"\(cat, .* more\); `break PROGRAM:write` sets one", out)
    assert m and int(m.group(1)) == len(user_programs) > 10, out[:600]
    assert "1   breakpoint     keep y   <MULTIPLE>" in out
    assert re.search(r"\n1\.\d+ +0x[0-9a-f]{8} at usys\.S:\d+ \(sh\)\n", out)
    # cat's write is at the same address as the shell's: it must not stop there
    out = run("delete\nbreak cat:write\ncontinue")
    assert "Breakpoint 2 at 0x" in out and "(cat)" in out
    assert "/$ " in out and "Breakpoint 2," not in out
    assert "the machine is waiting for input" in out
    out = run("input echo hi | cat\\n\ncontinue\nbt")
    assert "Breakpoint 2, [ring 3] write () at usys.S:" in out
    assert "in main (argc=1, argv=0x" in out and "at cat.c:" in out
    out = run("delete\nbreak sh:write\ncontinue\nbt")
    assert "hi\n" in out
    assert "Breakpoint 3, [ring 3] write () at usys.S:" in out
    assert "in prompt () at sh.c:" in out
    line = sys_write_first_line()
    out = run(f"break sysfile.c:{line}\nbreak nosuchfn")
    assert re.search(rf"Breakpoint 4 at 0x[0-9a-f]{{8}} in sys_write at sysfile.c:{line} \(kernel\)", out)
    assert "function 'nosuchfn' not defined in " in out and "(info programs lists them)" in out
    # a condition checked at every location warns once for all the programs it fails in
    out = run("break write if nosuch > 0")
    warnings = [line for line in out.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("warning: usys.S:") and " more): 'nosuch' is not known" in warnings[0]


def sys_write_first_line():
    """The line of sys_write's first statement in kernel/mono/sysfile.c (a
    line with code, so the breakpoint lands on it exactly)."""
    lines = (Path(__file__).resolve().parents[2] / "kernel" / "mono" / "sysfile.c").read_text().splitlines()
    start = lines.index("sys_write(void)")
    return next(i + 1 for i in range(start, len(lines)) if lines[i].strip().startswith("if ("))
