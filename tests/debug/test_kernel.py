"""The debugger on the monolithic kernel: symbols switch with ring and
address space, backtraces cross the user/kernel boundary, the process
table is readable, and going back works across a system call."""

import pytest

from debug_helpers import KernelTranscript

pytestmark = pytest.mark.slow


def test_break_in_sys_write_backtrace_across_the_boundary():
    t = KernelTranscript()
    out = t.run("break sys_write\ncontinue\nbt\ninfo procs\nprint cpus[0].thread->name")
    assert "Breakpoint 1, sys_write () at sysfile.c:" in out
    assert "--- trap: syscall from ring 3 ---" in out
    assert "in write () at usys.S:" in out and "[ring 3]" in out
    assert "in main (argc=1, argv=0x" in out            # the user program's own main
    assert "RUNNING" in out and "sh" in out
    assert '= "sh"' in out


def test_catch_syscall_and_back_over_it():
    t = KernelTranscript()
    out = t.run("catch syscall write\ncontinue\nprint $ring\nreverse-stepi\nprint $ring\nx/i $pc\n"
                "stepi\nprint $ring")
    assert "Catchpoint 1 (syscall 16 write)" in out
    assert "vectors () at entry.s:" in out
    assert "$1 = 0" in out and "$2 = 3" in out and "$3 = 0" in out
    assert "syscall" in out[out.index("(mdb) x/i"):]
    out = t.run("delete\ncatch ring\ncontinue\nbt")
    assert "Catchpoint 2 (ring 0 -> 3)" in out
    assert "[ring 3] write () at usys.S:" in out


def test_address_spaces_by_pid():
    t = KernelTranscript()
    out = t.run("break sys_write\ncontinue\ninfo pagetable pid 1\nx/2xw 0x40000000 -as pid 2\n"
                "x/2xw 0x40000000\ninfo pagetable pid 99")
    assert "0x40000000-" in out and "r-x  3" in out
    lines = [line for line in out.splitlines() if line.startswith("0x40000000:")]
    assert len(lines) == 2 and lines[0] == lines[1]     # sh (pid 2) is the current process
    assert "no process with pid 99" in out


def test_step_from_a_user_write_into_the_kernel_and_back_out():
    t = KernelTranscript()
    # back to the user's syscall instruction in write(), then forward into
    # the kernel's trap vector, then on to the iret that returns to ring 3
    out = t.run("catch syscall write\ncontinue\nreverse-stepi\nprint $ring\nx/i $pc\n"
                "stepi\nprint $ring\ndelete\ncatch ring\ncontinue\nprint $ring\nbt")
    rings = [line.split("= ")[1] for line in out.splitlines() if line.startswith("$")]
    assert rings == ["3", "0", "3"], out[-1500:]
    assert "write () at usys.S:" in out and "vectors () at entry.s:" in out
    assert "Catchpoint 2 (ring 0 -> 3)" in out


def test_watchpoint_on_a_kernel_variable():
    t = KernelTranscript()
    out = t.run("watch ticks\ncontinue")
    assert "atchpoint 1: ticks" in out and "Old value = " in out and "New value = " in out, out[-1200:]


def test_debugging_on_two_cores():
    t = KernelTranscript(cores=2)
    out = t.run("break sys_write\ncontinue\ninfo cores\ncore 1\nbt\ncore 0\nbt\nfoo-bar\ninfo cores")
    assert "Breakpoint 1, [core 1] sys_write" in out or "Breakpoint 1, [core 0] sys_write" in out
    assert "core 0" in out and "core 1" in out and "[Switching to core 1]" in out
    assert "--- trap: syscall from ring 3 ---" in out
    assert "Undefined command" in out or "unknown command" in out.lower(), out[-800:]
    assert out.count("core 1") >= 2 and "Traceback" not in out
