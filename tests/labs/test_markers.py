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
    # the other lab's solution is kept as plain code, without its markers
    assert "int answer(void) { return 0; }\nint other(void) { return 1; }\nint tail;\n" in out
    assert "SOLUTION" not in out


def test_strip_of_a_later_lab_keeps_the_earlier_solution_without_markers_or_stub():
    out = strip(C_FILE, "pgtbl", "a.c")
    assert out == "int keep;\nint answer(void) { return 42; }\nint tail;\n"


def test_strip_of_several_labs_replaces_each_by_its_stub():
    out = strip(C_FILE, {"util", "pgtbl"}, "a.c")
    assert out == ("int keep;\n// TODO: write answer()\nint answer(void) { return 0; }\n"
                   "int tail;\n")


MD_FILE = """\
# Memory
Pages are allocated eagerly.
<!-- BEGIN SOLUTION pgtbl -->
Fork shares pages copy-on-write, with reference counts.
<!-- END SOLUTION pgtbl -->
<!-- STUB pgtbl
Lab pgtbl adds copy-on-write fork here.
-->
```c
/* BEGIN SOLUTION util */
<!-- BEGIN SOLUTION util -->
```
"""


def test_markdown_markers_are_html_comments_and_fenced_code_holds_examples():
    parsed = parse(MD_FILE, "d.md")
    assert [(r.lab, r.begin, r.end) for r in parsed.regions] == [("pgtbl", 3, 5)]
    assert [(s.lab, s.begin, s.end) for s in parsed.stubs] == [("pgtbl", 6, 8)]
    out = strip(MD_FILE, "pgtbl", "d.md")
    assert "copy-on-write, with" not in out and "Lab pgtbl adds copy-on-write fork here.\n" in out
    assert "<!--" not in out.split("```")[0]
    assert strip(MD_FILE, "sched", "d.md").startswith(
        "# Memory\nPages are allocated eagerly.\nFork shares pages copy-on-write, with reference "
        "counts.\n```c\n")


def test_an_unclosed_markdown_stub_names_its_closer():
    with pytest.raises(MarkerError, match=r"d\.md:1: STUB x is never closed \(no '-->' line\)"):
        parse("<!-- STUB x\ntext\n", "d.md")


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
