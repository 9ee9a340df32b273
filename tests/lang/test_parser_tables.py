"""The parser reads two lark internals (parser.py's docstring says which);
pyproject.toml bounds lark below 2. These tests name the internals, so a
lark release that moves them fails here with the reason, not deep inside a
compile."""

import lark

from lang.cc import parser


def test_lark_version_is_inside_the_bound():
    major = int(lark.__version__.split(".")[0])
    assert major == 1, f"lark {lark.__version__}: parser.py's Tables is written for lark 1.x"


def test_tables_come_from_lark_internals():
    t = parser.Tables()
    assert t.start_state in t.actions and t.end_state in t.actions
    shifts = reductions = 0
    for row in t.actions.values():
        for is_shift, arg in row.values():
            if is_shift:
                shifts += 1
                assert arg in t.actions          # a shift goes to a known state
            else:
                size, _callback, name = arg
                assert size >= 0 and isinstance(name, str)
                reductions += 1
    assert shifts and reductions
    assert t.text_of[t.terminal_of["{"]] == "{" and t.text_of[t.terminal_of[";"]] == ";"


def test_a_typedef_name_is_told_from_an_identifier():
    tree = parser.parse("typedef int T; T *x; int y; int f(void) { return y * 2; }", "t.c")
    kinds = [n.kind for n in tree]
    assert kinds == ["decl", "decl", "decl", "funcdef"]
