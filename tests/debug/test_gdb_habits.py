"""gdb habits a stuck student reaches for (issue 21): calling functions in
`print`, breakpoint command lists with silent and printf, warnings for
conditions that cannot work where they are set, and line breakpoints that
say where they moved."""

import pytest

from debug_helpers import KernelTranscript, Transcript, compile_program

BRANCHES_C = r"""int f(int x) {
    int y;
    if (x > 0) {
        y = 1;
    } else {
        y = 2;
    }
    return y;
}
int main(void) {
    return f(3) + f(-1);
}
"""


def test_print_calls_a_function_on_a_copy_of_the_machine(recursive):
    t = Transcript(recursive)
    out = t.run("break sum\ncontinue\ninfo digest")
    before = out.splitlines()[-1]
    out = t.run("print fact(5)\nprint fact(3) + fact(2)\nprint sum(pts, 1)\nprint fact()\n"
                "print nosuch(1)\ninfo digest\nnext\nprint s")
    lines = out.splitlines()
    assert "$1 = 120" in lines and "$2 = 8" in lines and "$3 = 3" in lines
    assert "cannot call fact: fact takes 1 argument, not 0" in lines
    assert 'no symbol "nosuch" in current context' in lines
    assert before in lines                  # the machine is exactly as before the calls
    assert "$4 = 0" in lines                # and runs on as if nothing happened


def test_a_call_in_a_condition_is_refused_with_a_reason(recursive):
    t = Transcript(recursive)
    out = t.run("break fact if fact(2) == 2\ncontinue")
    assert ("Error in the condition of breakpoint 1: cannot call fact() here: "
            "a breakpoint condition is evaluated while the machine runs") in out


def test_commands_silent_printf_continue(recursive):
    t = Transcript(recursive)
    out = t.run('break fact\ncommands\nsilent\n'
                'printf "fact(%d) counter=%d %s|%4x|%-3d|%c%%\\n", n, counter, greeting, n * 255, n, 64 + n\n'
                'continue\nend\ninfo breakpoints\nbreak sum\ncommands 2\nprint p[1]\nend\ncontinue')
    assert "        printf \"fact(%d) counter=%d" in out        # info breakpoints lists the commands
    body = out[out.index("(mdb) continue\n", out.index("commands 2")):]
    assert body.splitlines()[1:5] == ["fact(4) counter=5 hello| 3fc|4  |D%",
                                      "fact(3) counter=5 hello| 2fd|3  |C%",
                                      "fact(2) counter=5 hello| 1fe|2  |B%",
                                      "fact(1) counter=5 hello|  ff|1  |A%"]
    assert "Breakpoint 1," not in body                  # silent
    assert "Breakpoint 2, sum (p=" in body and "$1 = {x = 3, y = 4}" in body


def test_printf_errors(recursive):
    t = Transcript(recursive)
    out = t.run('printf "%d\\n"\nprintf "%d\\n", 1, 2\nprintf nope\nprintf "%d %s", 7, greeting\n'
                'commands 9\nprint 6 * 7')
    lines = out.splitlines()
    assert "printf: not enough arguments for the format (conversion %d)" in lines
    assert "printf: 1 argument(s) more than the format uses" in lines
    assert 'usage: printf "FORMAT", ARG, ...' in lines
    assert '(mdb) printf "%d %s", 7, greeting' in lines and "7 hello" in lines
    assert "No breakpoint number 9." in lines and "$1 = 42" in lines


def test_condition_warnings(recursive):
    t = Transcript(recursive)
    out = t.run("break sum if i == 1\nbreak prog.c:16 if s > 3\nbreak fact if nosuch > 1\n"
                "break main if r == 24\ncondition 4 counter == 5")
    lines = out.splitlines()
    assert ("warning: prog.c:13: 'i' is not assigned yet (line 15 assigns it first), "
            "so the condition reads an uninitialized value") in lines
    assert not any("'s'" in line for line in lines)      # line 16 comes after `int s = 0;`
    assert "warning: prog.c:8: 'nosuch' is not known: the condition cannot be evaluated" in lines
    assert "warning: prog.c:20: 'r' is not assigned yet (line 25 assigns it first), " \
           "so the condition reads an uninitialized value" in lines
    assert sum(line.startswith("warning") for line in lines) == 3


def test_a_line_without_code_says_where_the_breakpoint_moved(tmp_path):
    image = compile_program(tmp_path, {"br.c": BRANCHES_C}, "br")
    t = Transcript(image)
    out = t.run("break br.c:5\nbreak br.c:4\ncontinue")
    lines = out.splitlines()
    assert ("Note: br.c:5 has no code; breakpoint 1 moved to br.c:6, the next line with code "
            "(it stops only when that line runs)") in lines
    assert not any("breakpoint 2 moved" in line for line in lines)
    assert "Breakpoint 2, f (x=3) at br.c:4" in out


@pytest.mark.slow
def test_kernel_calls_and_the_field_path_instead():
    t = KernelTranscript(budget=10_000_000)
    out = t.run("break sys_write\ncontinue\nprint myproc()->thread->name\nprint myproc()->pid\n"
                "delete\nbreak sys_read if myproc()->pid == 2\ncontinue")
    assert '$1 = "sh"' in out and "$2 = 2" in out
    # the suggestion comes from the debug info: struct cpu's thread, whose
    # void * owner is the process (kernel/mono/proc.h), read with a cast
    assert ("cannot call myproc() here: a breakpoint condition is evaluated while the machine runs; "
            "without a call, try `((struct proc *)cpus[0].thread->owner)->pid == 2`") in out
