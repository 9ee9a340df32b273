"""Watchpoints (old and new values, the writing instruction, rwatch,
awatch) and catchpoints (syscall, trap, ring, switch); stepping and
backtraces across a ring change."""

from debug_helpers import RINGS_S, Transcript, assemble_program


def test_watch_reports_old_new_and_writer(recursive):
    t = Transcript(recursive)
    out = t.run("watch counter\ncontinue\ncontinue\ncontinue\ninfo breakpoints")
    assert "Hardware watchpoint 1: counter" in out
    assert "Old value = 0\nNew value = 5" in out
    assert "Old value = 5\nNew value = 13" in out
    assert "(written by the instruction at 0x" in out and "<main+" in out
    assert "main () at prog.c:25" in out
    assert "watchpoint already hit 2 times" in out
    assert "exit code 0" in out


def test_watch_struct_field_and_local(recursive):
    t = Transcript(recursive)
    out = t.run("break main\ncontinue\nwatch pts[1].y\ncontinue")
    assert "Old value = 0\nNew value = 4" in out
    t = Transcript(recursive)
    out = t.run("break fact\ncontinue\nwatch n\nup\nwatch arr[2]\nwatch counter\nset var arr[2] = 30\ndelete 1\n"
                "continue\nprint r")
    assert "cannot watch 'n': it is not in memory" in out
    assert "Hardware watchpoint 3: counter" in out
    assert "Old value = 5\nNew value = 40" in out        # sum 10 + the 30 written by hand


def test_rwatch_and_awatch(recursive):
    t = Transcript(recursive)
    out = t.run("break main\ncontinue\nrwatch counter\ncontinue")
    assert "Hardware read watchpoint 2: counter" in out
    assert "Value = " not in out or "read by the instruction" in out
    t = Transcript(recursive)
    out = t.run("break main\ncontinue\nawatch counter\ncontinue")
    assert "Hardware access (read/write) watchpoint 2: counter" in out
    assert "New value = 5" in out and "(write by the instruction at 0x" in out


def test_catch_syscall_and_trap(syscall_prog):
    t = Transcript(syscall_prog)
    out = t.run("catch syscall\ncontinue\nbt\ninfo registers t0")
    assert "Catchpoint 1 (syscall)" in out
    assert "Catchpoint 1 (syscall 16 write) on core 0, from 0x" in out
    assert "vectors () at vec.s:" in out
    assert "0x00000010  16" in out
    t = Transcript(syscall_prog)
    out = t.run("catch syscall 3\ncatch trap syscall\ncontinue")
    assert "Catchpoint 2 (trap syscall) on core 0" in out
    out = t.run("catch trap bogus\ncatch syscall nosuchcall\ncatch nothing")
    assert "unknown trap cause 'bogus'" in out
    assert "unknown system call 'nosuchcall'" in out
    assert "usage: catch" in out


def test_rings_step_catch_and_backtrace(tmp_path):
    image = assemble_program(tmp_path, RINGS_S, "rings")
    t = Transcript(image)
    out = t.run("catch ring\ncontinue\ninfo registers ring\ncontinue\nbt")
    assert "Catchpoint 1 (ring 0 -> 3) on core 0" in out
    assert "[ring 3] user () at rings.s:" in out
    assert "Catchpoint 1 (ring 3 -> 0) on core 0" in out
    assert "--- trap: syscall from ring 3 ---" in out
    assert "[ring 3]" in out.splitlines()[-1]
    out = t.run("delete\nstep\nstep\nstep\nprint $a0\nprint $ring\ncontinue")
    assert "kentry () at rings.s:" in out
    assert "[ring 3] user () at rings.s:" in out
    assert "$1 = 105" in out and "$2 = 3" in out
    assert "exit code 106" in out


def test_reverse_across_the_ring_change(tmp_path):
    image = assemble_program(tmp_path, RINGS_S, "rings")
    t = Transcript(image)
    t.run("break kentry\ncontinue\nstepi\nstepi")
    assert t.engine.core.ring == 3
    out = t.run("reverse-stepi\nprint $ring\nreverse-continue\nprint $ring\nprint $a0")
    assert "$1 = 0" in out and "$2 = 0" in out
    assert "Breakpoint 1, kentry () at rings.s:" in out
    assert "$3 = 5" in out


def test_catch_switch_on_an_address_space_change(tmp_path):
    from debug_helpers import PAGING_S
    image = assemble_program(tmp_path, PAGING_S, "paging")
    t = Transcript(image)
    out = t.run("catch switch\ncontinue\nprint $status\ninfo breakpoints")
    assert "Catchpoint 1 (address space switch on core 0: ptbr 0x0 asid 0 -> ptbr 0x10000 asid 0)" in out
    assert "$1 = 2" in out                      # paging is on from here
    assert "catchpoint already hit 1 time" in out
