"""A debugger that talks while it runs: progress at fixed instruction
counts (the terminal's live status line), ^C at a clean boundary, a budget
message that says how to raise the budget, and a stop when the whole
machine only waits for console input (issue 17)."""

import io

import pytest

from debug_helpers import KernelTranscript, Transcript, compile_program
from shell.debugger.repl import attach_status

LOOP_C = r"""
int counter;
int main(void) {
    int i;
    for (i = 0; i < 1000000000; i++)
        counter = counter + 1;
    return 0;
}
"""


@pytest.fixture
def loop(tmp_path):
    return compile_program(tmp_path, {"loop.c": LOOP_C}, "loop")


def test_progress_comes_at_fixed_instruction_counts(loop):
    t = Transcript(loop, budget=450_000)
    t.engine.progress_every = 100_000
    seen = []
    t.engine.on_progress = lambda run, engine: seen.append(run)
    out = t.run("continue")
    assert seen == [100_000, 200_000, 300_000, 400_000]
    assert "stopped after 450000 instructions (the budget)" in out
    assert "running:" not in out            # off a terminal: no live line in the transcript


def test_live_status_line_is_shown_then_cleared(loop):
    t = Transcript(loop, budget=250_000)
    t.engine.progress_every = 100_000
    screen = io.StringIO()
    attach_status(t.session, screen)
    out = t.run("continue")
    shown = screen.getvalue()
    assert shown.count("\r") == 3            # two updates, then cleared before the report
    assert "\rrunning: 200,000 instructions, core 0 in loop.img, ring 0; ^C to stop\x1b[K" in shown
    assert shown.endswith("\r\x1b[K")
    assert "running:" not in out


def test_interrupt_stops_at_a_clean_boundary(loop):
    t = Transcript(loop, budget=1_000_000)
    t.engine.progress_every = 100_000

    def on_progress(run, engine):
        if run == 300_000:
            engine.interrupt()              # what ^C does
    t.engine.on_progress = on_progress
    out = t.run("continue\nprint counter > 0")
    assert "Program stopped (interrupted)." in out
    assert t.engine.position() == 300_000
    assert "$1 = 1" in out
    out = t.run("next")                     # the machine runs on normally after it
    assert "Program stopped" not in out


def test_budget_message_says_how_to_raise_it(loop):
    t = Transcript(loop, budget=50_000)
    out = t.run("continue")
    assert ("stopped after 50000 instructions (the budget): `continue` runs 50000 more; "
            "`set budget N` (or `minos debug --budget N`) changes it") in out
    out = t.run("set budget 70000\ncontinue\nset budget x")
    assert "stopped after 70000 instructions (the budget)" in out
    assert "usage: set budget N" in out


@pytest.mark.slow
def test_continue_into_an_idle_shell_says_it_waits_for_input():
    t = KernelTranscript(budget=10_000_000)
    engine, run = t.engine, t.run
    out = run("continue")
    # the shell printed its prompt and every core sleeps: stop, within a bound
    assert "/$ " in out
    assert "the machine is waiting for input: type it with `input`, or `continue` to wait" in out
    assert engine.position() < 2_000_000, engine.position()
    assert "wfi () at machine.h:" in out and "the budget" not in out
    out = run("input echo hi\\n\ncontinue")
    assert "hi\n/$ " in out and "waiting for input" in out
    # `continue` right after that stop waits (to the budget)
    at = engine.position()
    out = run("continue")
    assert "stopped after 10000000 instructions (the budget)" in out
    assert engine.position() - at >= 10_000_000


# A bare program that turns on the console's receive interrupt, sleeps in
# wfi (interrupts stay off: wfi still wakes when one is pending) and powers
# off with the byte it then reads.
WAIT_FOR_KEY_S = r"""
        .text
        .global _start
_start:
        li      t0, 0xF0000000
        li      t1, 1
        sw      t1, 12(t0)       # console CTRL: receive interrupt on
        wfi
        lw      a0, 4(t0)        # console RX
        li      t0, 0xF0002000
        sw      a0, 0(t0)        # power off with it
"""


def test_a_bare_machine_waiting_for_a_key_says_so(tmp_path):
    from debug_helpers import assemble_program
    t = Transcript(assemble_program(tmp_path, WAIT_FOR_KEY_S, "key"))
    out = t.run("continue")
    assert "the machine is waiting for input: type it with `input`, or `continue` to wait" in out
    assert "every core is waiting" not in out
    out = t.run("input A\ncontinue")
    assert "[machine powered off with exit code 65]" in out
