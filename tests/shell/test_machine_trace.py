"""`minos machine --trace`: the console's output and the trace lines share
the terminal without ever mixing within a line (shell/machine_cmd.py)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRACE_LINE = re.compile(r"^(insn|trap|irq|tlb|disk|ring) +(core \d+|machine)[: ]")


def test_console_lines_and_trace_lines_never_interleave(tmp_path):
    (tmp_path / "hello.c").write_text('#include <stdio.h>\nint main(void) { '
                                      'printf("hello, minos\\n"); printf("no newline"); '
                                      'return 0; }\n')
    image = tmp_path / "hello.img"
    cc = subprocess.run([sys.executable, "-m", "shell.cli", "cc", "--bare", str(tmp_path / "hello.c"),
                         "-o", str(image)], cwd=ROOT, capture_output=True, timeout=300)
    assert cc.returncode == 0, cc.stderr.decode()
    done = subprocess.run([sys.executable, "-m", "shell.cli", "machine", str(image), "--trace=insn",
                           "--max-instructions", "200000"], cwd=ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    lines = done.stdout.decode().splitlines()
    console = [line for line in lines if not TRACE_LINE.match(line)]
    assert console == ["hello, minos", "no newline"]
    assert len(lines) > 100                      # the trace was there, around them
