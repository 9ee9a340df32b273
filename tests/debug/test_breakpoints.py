"""Breakpoints by line, function and address; hit counts; conditions;
tbreak, delete, disable; bad commands."""

from debug_helpers import Transcript


def test_break_function_stops_after_prologue_with_params(recursive):
    t = Transcript(recursive)
    out = t.run("break fact\ncontinue\nprint n\ncontinue\nprint n")
    assert "Breakpoint 1 at " in out and "in fact at prog.c:8" in out
    assert "Breakpoint 1, fact (n=4) at prog.c:8" in out
    assert "$1 = 4" in out and "$2 = 3" in out


def test_hit_counts_and_info_breakpoints(recursive):
    t = Transcript(recursive)
    out = t.run("break fact\ncontinue\ncontinue\ncontinue\ninfo breakpoints")
    assert "breakpoint already hit 3 times" in out
    assert "1   breakpoint     keep y   " in out


def test_break_file_line_and_address(recursive):
    t = Transcript(recursive)
    out = t.run("break prog.c:28\ncontinue\nprint r")
    assert "Breakpoint 1, main () at prog.c:28" in out
    assert "$1 = 13" in out          # sum(pts, 2) + arr[2] = 10 + 3
    addr = t.engine.core.pc
    t2 = Transcript(recursive)
    out2 = t2.run(f"break *{addr:#x}\ncontinue")
    assert f"Breakpoint 1 at {addr:#010x} in main at prog.c:28" in out2
    assert t2.engine.core.pc == addr


def test_condition_and_tbreak(recursive):
    t = Transcript(recursive)
    out = t.run("break fact if n == 2\ncontinue\nprint n\ninfo breakpoints")
    assert "Breakpoint 1, fact (n=2)" in out
    assert "stop only if n == 2" in out and "already hit 1 time" in out
    t = Transcript(recursive)
    out = t.run("tbreak fact\ncontinue\ncontinue")
    assert "Temporary breakpoint 1, fact (n=4)" in out
    assert "fact 24" in out and "powered off with exit code 0" in out


def test_disable_enable_delete(recursive):
    t = Transcript(recursive)
    out = t.run("break fact\ndisable 1\ncontinue")
    assert "Breakpoint 1," not in out and "exit code 0" in out
    t = Transcript(recursive)
    out = t.run("break fact\ndisable 1\nenable 1\ncontinue\ndelete 1\ninfo breakpoints\ncontinue")
    assert "Breakpoint 1, fact (n=4)" in out
    assert "No breakpoints, watchpoints or catchpoints." in out
    assert "exit code 0" in out


def test_bad_commands_keep_the_session_alive(recursive):
    t = Transcript(recursive)
    out = t.run("frobnicate\nbreak nosuchfn\nprint 1 +\nprint nosuch\nx/4qw 0\n"
                "delete 99\nbreak prog.c:zz\nprint 6 * 7")
    lines = out.splitlines()
    assert 'Undefined command: "frobnicate". Try "help".' in lines
    assert "function 'nosuchfn' not defined in prog.img" in lines
    assert 'no symbol "nosuch" in current context' in lines
    assert "No breakpoint number 99." in lines
    assert "$1 = 42" in lines
    assert "Traceback" not in out
    # every error is one line: no line of output is empty besides the echo
    assert all(line.strip() for line in lines)
