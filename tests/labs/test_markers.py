"""Solution markers: parsing, stripping and their errors (shell/labs/markers.py)."""

import pytest

from shell.labs.markers import MarkerError, parse, strip

C_FILE = """\
int keep;
/* BEGIN SOLUTION util */
int answer(void) { return 42; }
/* END SOLUTION util */
/* STUB util
// TODO: write answer()
int answer(void) { return 0; }
*/
/* BEGIN SOLUTION pgtbl */
int other(void) { return 1; }
/* END SOLUTION pgtbl */
int tail;
"""

PY_FILE = """\
def f():
    # BEGIN SOLUTION util
    return 42
    # END SOLUTION util
    # STUB util
    # # TODO: return the answer
    # return 0
    # END STUB
"""


def test_strip_c_replaces_the_lab_region_by_its_stub():
    out = strip(C_FILE, "util", "a.c")
    assert "return 42" not in out
    assert "// TODO: write answer()\nint answer(void) { return 0; }\n" in out
    assert "SOLUTION util" not in out and "STUB util" not in out
    assert out.startswith("int keep;\n") and out.endswith("int tail;\n")
    # the other lab's region is kept, markers and all
    assert "/* BEGIN SOLUTION pgtbl */\nint other(void) { return 1; }\n" in out


def test_strip_of_another_lab_keeps_this_labs_solution():
    out = strip(C_FILE, "pgtbl", "a.c")
    assert "return 42" in out and "return 1" not in out
    assert "/* STUB util\n" in out           # still a comment, still not compiled


def test_strip_hash_style_uncomments_the_stub():
    out = strip(PY_FILE, "util", "a.py")
    assert out == "def f():\n    # TODO: return the answer\n    return 0\n"


def test_parse_lists_regions_and_stubs():
    parsed = parse(C_FILE, "a.c")
    assert [(r.lab, r.begin, r.end) for r in parsed.regions] == [("util", 2, 4), ("pgtbl", 9, 11)]
    assert [(s.lab, s.begin, s.end) for s in parsed.stubs] == [("util", 5, 8)]
    assert parsed.labs() == {"util", "pgtbl"}


def test_region_without_stub_is_just_removed():
    text = "a\n// BEGIN SOLUTION x\nb\n// END SOLUTION x\nc\n"
    assert strip(text, "x") == "a\nc\n"


def test_markers_must_be_whole_lines():
    text = 'char *s = "/* BEGIN SOLUTION util */";\n'
    assert parse(text).regions == [] and strip(text, "util") == text


@pytest.mark.parametrize("text, where, words", [
    ("/* BEGIN SOLUTION a */\n/* BEGIN SOLUTION b */\n/* END SOLUTION b */\n"
     "/* END SOLUTION a */\n", "f.c:2", "nested"),
    ("x\n/* BEGIN SOLUTION a */\ny\n", "f.c:2", "never closed"),
    ("/* END SOLUTION a */\n", "f.c:1", "without a BEGIN"),
    ("/* BEGIN SOLUTION a */\n/* END SOLUTION b */\n", "f.c:2", "closes the region of lab 'a'"),
    ("/* STUB a\nint x;\n", "f.c:1", "never closed"),
    ("/* BEGIN SOLUTION a */\n/* STUB a\n*/\n/* END SOLUTION a */\n", "f.c:2", "inside a solution"),
    ("/* STUB a\n/* BEGIN SOLUTION a */\n*/\n", "f.c:2", "inside the STUB"),
    ("/* STUB a */\n", "f.c:1", "same line"),
])
def test_bad_markers_name_file_and_line(text, where, words):
    with pytest.raises(MarkerError) as caught:
        parse(text, "f.c")
    message = str(caught.value)
    assert message.startswith(where + ":") and words in message
