"""Going back: reverse-stepi then stepi gives back the identical state;
reverse-step; reverse-continue to the previous breakpoint hit; output and
disk are part of the state."""

from debug_helpers import Transcript
from shell.debugger.engine.snapshot import state_digest


def _state(t):
    m = t.engine.machine
    return state_digest(m), t.engine.position(), [c.counters() for c in m.cores], bytes(t.engine.output_log)


def test_reverse_stepi_then_stepi_is_identical(recursive):
    t = Transcript(recursive, snapshot_every=200)
    t.run("break fact if n == 2\ncontinue")
    here = _state(t)
    regs = list(t.engine.core.regs)
    t.run("reverse-stepi")
    assert t.engine.position() == here[1] - 1
    assert _state(t) != here
    t.run("stepi")
    assert _state(t) == here
    assert t.engine.core.regs == regs
    # further back than a snapshot interval (printf ran in between), and forward again
    t.run("delete\nbreak prog.c:28\ncontinue")
    here = _state(t)
    assert here[1] > 700
    for _ in range(700):
        t.engine.reverse_stepi()
    assert t.engine.position() == here[1] - 700
    t.engine.stepi(700)
    assert _state(t) == here


def test_reverse_continue_to_previous_hit(recursive):
    t = Transcript(recursive, snapshot_every=300)
    out = t.run("break fact\ncontinue\ncontinue\ncontinue\nreverse-continue\nprint n\n"
                "reverse-continue\nprint n\nreverse-continue")
    assert out.count("Breakpoint 1, fact (n=3)") == 2
    assert "$1 = 3" in out and "$2 = 4" in out
    assert "No more reverse-execution history." in out
    assert t.engine.position() == 0


def test_reverse_step_goes_to_previous_line(recursive):
    t = Transcript(recursive)
    out = t.run("break prog.c:26\ncontinue\nreverse-next\nprint r")
    assert "25\t    r = fact(4);" in out
    # before line 25 ran, r was not yet 24
    assert "$1 = 24" not in out
    out = t.run("next\nprint r")
    assert "$2 = 24" in out


def test_console_output_is_undone_and_redone(recursive):
    t = Transcript(recursive)
    t.run("break prog.c:27\ncontinue")
    assert bytes(t.engine.output_log) == b"fact 24\n"
    t.run("reverse-continue")
    assert bytes(t.engine.output_log) == b""
    out = t.run("continue\ncontinue")
    assert "fact 24" in out


def test_disk_writes_are_undone(tmp_path):
    from debug_helpers import compile_program
    src = r"""
#include <hw.h>
int main(void) {
    char *buf = (char *)0x80000;
    int i;
    for (i = 0; i < 4096; i++)
        buf[i] = 'A';
    REG(DISK_BASE, DISK_BLOCK) = 1;
    REG(DISK_BASE, DISK_ADDR) = 0x80000;
    REG(DISK_BASE, DISK_CMD) = 2;
    while (REG(DISK_BASE, DISK_STATUS) == 1)
        ;
    return 0;
}
"""
    image = compile_program(tmp_path, {"disk.c": src}, "disk")
    disk = tmp_path / "disk.bin"
    disk.write_bytes(bytes(4096 * 4))
    t = Transcript(image, disk=str(disk))
    t.run("break disk.c:13\ncontinue")
    data = t.engine.machine.disk.data
    assert data[4096:4100] == b"AAAA"
    t.run("reverse-stepi 200")
    assert data[4096:4100] == b"\0\0\0\0"
    t.run("continue")
    assert data[4096:4100] == b"AAAA"
    assert disk.read_bytes() == bytes(4096 * 4)     # the file itself is never changed


def test_console_input_is_replayed_at_the_same_moment(tmp_path):
    from debug_helpers import compile_program
    src = r"""
#include <stdio.h>
int readc(void) {
    int c;
    while ((c = getchar()) == EOF)      /* the console does not block: wait */
        ;
    return c;
}
int main(void) {
    int c, n = 0;
    while ((c = readc()) != '\n')
        n = n * 10 + (c - '0');
    printf("got %d\n", n);
    return n & 255;
}
"""
    image = compile_program(tmp_path, {"input.c": src}, "input")
    t = Transcript(image)
    out = t.run("stepi 5\ninput 42\\n\nbreak input.c:13\ncontinue\nprint n\nreverse-stepi 30\ncontinue\nprint n")
    assert "$1 = 42" in out and "$2 = 42" in out        # replayed: the input came at the same moment
    # back before the input was typed: typing something else there changes the future
    out = t.run("delete\nreverse-continue\ninput 7\\n\ncontinue")
    assert "No more reverse-execution history." in out
    assert "got 7\n" in out and "exit code 7" in out
