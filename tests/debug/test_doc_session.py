"""The worked session of docs/debugger.md still happens as written."""

import re
from pathlib import Path

from debug_helpers import Transcript, compile_program

DOC = Path(__file__).resolve().parents[2] / "docs" / "debugger.md"


def test_bug_hunt_from_the_guide(tmp_path):
    text = DOC.read_text()
    source = re.search(r"```c\n(.*?)```", text, re.S).group(1)
    image = compile_program(tmp_path, {"scores.c": source}, "scores")
    t = Transcript(image)
    out = t.run("break scores.c:17\ncontinue\nprint nplayers\nprint scores\nwatch nplayers\n"
                "reverse-continue\nbt\nup\nprint i\nprint &scores[4] == &nplayers")
    for expected in ["Breakpoint 1, main () at scores.c:17", "$1 = 40", "$2 = {0, 10, 20, 30}",
                     "Old value = 4\nNew value = 40", "record (slot=4, value=40) at scores.c:8",
                     "in main () at scores.c:14", "$3 = 4", "$4 = 1"]:
        assert expected in out
        assert expected in text          # and the guide shows the same
