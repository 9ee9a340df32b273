"""step / next / finish / stepi / nexti / until in a recursive C function,
and stepping through a system call into the trap handler and back out."""

from debug_helpers import Transcript


def test_starts_before_the_first_instruction(recursive):
    t = Transcript(recursive)
    core = t.engine.core
    assert core.instructions == 0 and t.engine.position() == 0
    out = t.run("info registers pc")
    assert "<_start>" in out


def test_step_into_recursion_and_next_over_it(recursive):
    t = Transcript(recursive)
    out = t.run("break prog.c:25\ncontinue\nstep\nstep\nstep\nbt")
    # into fact(4), past its test, into fact(3)
    assert "fact (n=4) at prog.c:8" in out
    assert "10\t    return n * fact(n - 1);" in out
    assert "fact (n=3) at prog.c:8" in out
    bt = out[out.rindex("(mdb) bt"):]
    assert "#0  fact (n=3) at prog.c:8" in bt
    assert "#1  " in bt and "in fact (n=4) at prog.c:10" in bt
    assert "in main () at prog.c:25" in bt
    t = Transcript(recursive)
    out = t.run("break prog.c:25\ncontinue\nnext\nprint r")
    assert "26\t    printf(\"fact %d\\n\", r);" in out
    assert "$1 = 24" in out


def test_finish_returns_value_and_lands_in_caller(recursive):
    t = Transcript(recursive)
    out = t.run("break fact if n == 1\ncontinue\ndelete\nfinish\nfinish\nfinish")
    assert "Run till exit from #0 fact (n=1)" in out
    assert "Value returned is $1 = 1" in out
    assert "Value returned is $2 = 2" in out
    assert "Value returned is $3 = 6" in out
    assert "fact (n=4) at prog.c:10" in out


def test_stepi_nexti_and_until(recursive):
    t = Transcript(recursive)
    t.run("break prog.c:25\ncontinue")
    before = t.engine.core.instructions
    t.run("stepi")
    assert t.engine.core.instructions == before + 1
    t = Transcript(recursive)
    t.run("break prog.c:25\ncontinue")
    # nexti over the call: main's line 25 is 'li a0, 4; call fact; ...'
    for _ in range(3):
        t.run("nexti")
    assert t.engine.frame().function.name == "main"
    assert t.engine.core.regs[1] == 24         # fact(4) ran inside the nexti
    t = Transcript(recursive)
    out = t.run("break prog.c:25\ncontinue\nuntil 28\nprint r")
    assert "main () at prog.c:28" in out or "28\t    counter = r;" in out
    assert "$1 = 13" in out


def test_step_follows_syscall_into_handler_and_back(syscall_prog):
    t = Transcript(syscall_prog)
    out = t.run("break main\ncontinue\nnext\nstep\nstep")
    assert "do_syscall () at vec.s:" in out
    assert "syscall" in out.splitlines()[-1]
    out = t.run("step")
    assert "vectors () at vec.s:" in out and "jmp     sys_entry" in out
    out = t.run("step\nbt")
    assert "sys_entry () at vec.s:" in out
    assert "--- trap: syscall from ring 0 ---" in out
    assert "in do_syscall () at vec.s:" in out and "in main () at sys.c:8" in out
    out = t.run("step\nstep\ninfo registers a0")
    assert "iret" in out
    assert "do_syscall () at vec.s:" in out            # back out on iret, at the ret
    assert "0x00000069  105" in out
    out = t.run("step\nprint r")
    assert "main () at sys.c:9" in out and "$1 = 105" in out


def test_next_steps_over_the_syscall(syscall_prog):
    t = Transcript(syscall_prog)
    out = t.run("break do_syscall\ncontinue\nnext\nnext")
    assert "vectors" not in out and "sys_entry" not in out
    assert t.engine.core.regs[1] == 105
