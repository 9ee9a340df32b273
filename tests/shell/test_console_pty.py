"""The interactive console (`minos boot` on a terminal), driven through a pty:
history, ^C into a running program, ^D ending the shell.

This is the one place where a test waits on wall-clock time: the console
runs the machine in a thread behind prompt_toolkit, so the test reads the
terminal until a pattern appears, with generous timeouts."""

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINOS = [sys.executable, "-m", "shell.cli"]
ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\r")


class Terminal:
    def __init__(self, home):
        self.master, slave = os.openpty()
        env = dict(os.environ, HOME=str(home), TERM="xterm", COLUMNS="100", LINES="30")
        self.proc = subprocess.Popen(MINOS + ["boot"], stdin=slave, stdout=slave, stderr=slave,
                                     env=env, cwd=ROOT, start_new_session=True)
        os.close(slave)
        self.raw = b""

    def text(self):
        return ESCAPES.sub(b"", self.raw).decode("utf-8", "replace")

    def read_until(self, predicate, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if predicate(self.text()):
                return True
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self.master, 4096)
            except OSError:
                break
            if b"\x1b[6n" in data:               # prompt_toolkit asks where the cursor is
                os.write(self.master, b"\x1b[1;1R")
            self.raw += data
        return predicate(self.text())

    def send(self, data):
        os.write(self.master, data)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)


def outputs(text, word):
    """How many times the OS printed `word` (not counting the editor's
    display of a typed `echo word`). The editor's redraws move the cursor,
    so output may share a stripped line with the toolbar: count words."""
    return len(re.findall(r"(?<!echo )" + re.escape(word), text))


@pytest.mark.slow
def test_history_interrupt_and_end_of_input(tmp_path):
    subprocess.run(MINOS + ["build"], cwd=ROOT, check=True, capture_output=True)
    term = Terminal(tmp_path)
    try:
        assert term.read_until(lambda t: "/$" in t, 180), term.text()[-500:]

        term.send(b"echo first-line\r")
        assert term.read_until(lambda t: outputs(t, "first-line") == 1, 120)

        # up-arrow recalls the last line; enter runs it again
        term.send(b"\x1b[A")
        time.sleep(0.5)
        term.send(b"\r")
        assert term.read_until(lambda t: outputs(t, "first-line") == 2, 120), \
            term.text()[-800:]

        # ^C kills the foreground program inside the OS, not the shell or minos
        term.send(b"sleep 100000\r")
        time.sleep(3)
        term.send(b"\x03")
        term.send(b"echo after-interrupt\r")
        assert term.read_until(lambda t: outputs(t, "after-interrupt") == 1, 120), \
            term.text()[-800:]

        # ^D at an empty prompt ends the shell; init powers off; minos exits 0
        time.sleep(0.5)
        term.send(b"\x04")
        assert term.proc.wait(120) == 0
    finally:
        term.close()
    # history is kept across sessions
    history = (tmp_path / ".minos_history").read_text()
    assert "echo first-line" in history and "sleep 100000" in history


@pytest.mark.slow
def test_escape_into_the_debugger_and_back(tmp_path):
    subprocess.run(MINOS + ["build"], cwd=ROOT, check=True, capture_output=True)
    term = Terminal(tmp_path)
    try:
        assert term.read_until(lambda t: "/$" in t, 180), term.text()[-500:]
        term.send(b"\x01d")                       # ^A d
        assert term.read_until(lambda t: "(mdb)" in t, 120), term.text()[-800:]
        term.send(b"info cores\r")
        assert term.read_until(lambda t: "core 0  ring" in t, 60), term.text()[-800:]
        term.send(b"continue\r")
        time.sleep(1)
        term.send(b"echo back; echo from-debugger\r")
        assert term.read_until(lambda t: "from-debugger" in t.split("echo from-debugger")[-1], 120), \
            term.text()[-800:]
        term.send(b"\x01x")                       # ^A x powers off
        assert term.proc.wait(60) is not None
    finally:
        term.close()
