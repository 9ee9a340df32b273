"""Transcript tests: a recorded interactive session must replay exactly.

A transcript (tests/userland/transcripts/*.txt) is what the console shows
after the boot banner: prompts, the commands as the OS echoes them, and
their output. The test boots, types each command after its prompt, and
compares everything the console printed with the file. To record a new
one, write the commands after prompts, run the test and check the diff.
"""

import re
from pathlib import Path

import pytest

from shell.system import System

HERE = Path(__file__).parent / "transcripts"
PROMPT = re.compile(r"^(/[^\s$]*)\$ (.*)$")
BOUND = 100_000_000          # instructions per command


def commands(text):
    """The command typed after each prompt (the last prompt has none)."""
    found = [m.group(2) for m in map(PROMPT.match, text.splitlines()) if m]
    return found[:-1] if found and found[-1] == "" else found


@pytest.mark.parametrize("path", sorted(HERE.glob("*.txt")), ids=lambda p: p.stem)
def test_transcript(path):
    expected = path.read_text()
    with System(kernel="mono", cores=1) as system:
        system.boot()
        system.wait_for(re.compile(r"\n/\$ $"), BOUND)
        start = system.mark - len("/$ ")
        for command in commands(expected):
            system.type(command + "\n")
            system.wait_for(re.compile(r"\n/[^\s$]*\$ $"), BOUND)
        got = system.console_since(start)
    # the file ends with the last prompt (and perhaps a newline editors add)
    assert got == expected.rstrip("\n").rstrip(" ") + " "
