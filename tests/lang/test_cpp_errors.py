"""Preprocessor errors: exact messages, positions, source line and caret."""

import pytest

from lang.cpp import CppError, preprocess_file
from vm.errors import MinosError
from tests.lang.test_cpp_helpers import pp


def error_of(text, **kw):
    with pytest.raises(CppError) as e:
        pp(text, **kw)
    return str(e.value)


@pytest.mark.parametrize("src, first_line", [
    ("#if 1\nint x;\n", "t.c:1:2: error: unterminated #if"),
    ("#ifdef X\n", "t.c:1:2: error: unterminated #ifdef"),
    ("#else\n", "t.c:1:2: error: #else without #if"),
    ("#elif 1\n", "t.c:1:2: error: #elif without #if"),
    ("\n#endif\n", "t.c:2:2: error: #endif without #if"),
    ("#if 1\n#else\n#else\n#endif\n", "t.c:3:2: error: #else after #else"),
    ("#if 1\n#else\n#elif 1\n#endif\n", "t.c:3:2: error: #elif after #else"),
    ("#include <nothere.h>\n", "t.c:1:10: error: 'nothere.h' file not found"),
    ("#include\n", 't.c:1:2: error: #include expects "FILENAME" or <FILENAME>'),
    ("#include foo\n", 't.c:1:10: error: #include expects "FILENAME" or <FILENAME>'),
    ("#define F(a, b) a\nint x = F(1);\n",
     "t.c:2:9: error: macro 'F' requires 2 arguments, but only 1 given"),
    ("#define F(a, b) a\nint x = F(1, 2, 3);\n",
     "t.c:2:9: error: macro 'F' passed 3 arguments, but takes just 2"),
    ("#define F(a) a\nF(1,\n2\n", "t.c:2:1: error: unterminated argument list invoking macro 'F'"),
    ("int x; /* never\nends\n", "t.c:1:8: error: unterminated comment"),
    ("#error this is bad\n", "t.c:1:2: error: #error this is bad"),
    ("#if 1 / 0\n#endif\n", "t.c:1:7: error: division by zero in #if"),
    ("#if (1\n#endif\n", "t.c:1:5: error: missing ')' in expression"),
    ("#if\n#endif\n", "t.c:1:2: error: #if with no expression"),
    ("#if 1 2\n#endif\n", "t.c:1:7: error: missing binary operator before token '2'"),
    ("#if 1.5\n#endif\n", "t.c:1:5: error: floating constant in preprocessor expression"),
    ("#foo\n", "t.c:1:2: error: invalid preprocessing directive #foo"),
    ("#define\n", "t.c:1:2: error: no macro name given in #define directive"),
    ("#define 3\n", "t.c:1:9: error: macro names must be identifiers"),
    ("#define F(a, a) a\n", "t.c:1:14: error: duplicate macro parameter 'a'"),
    ("#define F(a\n", "t.c:1:9: error: missing ')' in macro parameter list"),
    ("#define F(a) #b\n", "t.c:1:14: error: '#' is not followed by a macro parameter"),
    ("#define F ## a\n", "t.c:1:11: error: '##' cannot appear at either end of a macro expansion"),
    ("#define defined\n", "t.c:1:9: error: 'defined' cannot be used as a macro name"),
    ("#define C(a, b) a ## b\nC(+, /)\n",
     "t.c:2:1: error: pasting '+' and '/' does not give a valid preprocessing token"),
    ("#ifdef\n#endif\n", "t.c:1:2: error: no macro name given in #ifdef directive"),
    ("#if defined(X\n#endif\n", "t.c:1:13: error: missing ')' after 'defined'"),
    ("#undef 1\n", "t.c:1:2: error: no macro name given in #undef directive"),
])
def test_error_messages(src, first_line):
    assert error_of(src).split("\n")[0] == first_line


def test_error_shows_source_line_and_caret():
    assert error_of("int a;\n  #error  stop here\n") == (
        "t.c:2:4: error: #error stop here\n"
        "    #error  stop here\n"
        "     ^")


def test_caret_keeps_tabs_aligned():
    message = error_of("\tint y = F(1,\n", defines={"F(a, b)": "a"})
    assert message.split("\n")[1:] == ["  \tint y = F(1,", "  \t        ^"]


def test_error_inside_included_file_names_that_file(tmp_path):
    (tmp_path / "bad.h").write_text("ok\n#if\n#endif\n")
    (tmp_path / "main.c").write_text('#include "bad.h"\n')
    with pytest.raises(CppError) as e:
        preprocess_file(str(tmp_path / "main.c"))
    assert str(e.value).startswith(f"{tmp_path / 'bad.h'}:2:2: error: #if with no expression")


def test_unterminated_if_inside_included_file(tmp_path):
    (tmp_path / "open.h").write_text("#ifndef G\n#define G\n")
    (tmp_path / "main.c").write_text('#include "open.h"\n#endif\n')
    with pytest.raises(CppError, match="open.h:1:2: error: unterminated #ifndef"):
        preprocess_file(str(tmp_path / "main.c"))


def test_recursive_include_is_reported(tmp_path):
    (tmp_path / "self.h").write_text('#include "self.h"\n')
    with pytest.raises(CppError, match=r"recursive #include of 'self.h'"):
        preprocess_file(str(tmp_path / "self.h"))


def test_missing_top_level_file():
    with pytest.raises(CppError, match="cannot open 'no/such/file.c'"):
        preprocess_file("no/such/file.c")


def test_error_after_line_directive_uses_presumed_position():
    assert error_of('#line 50 "gen.c"\n\n#error x\n').startswith("gen.c:51:2: error: #error x")


def test_cpp_error_is_a_minos_error():
    assert issubclass(CppError, MinosError)


def test_directives_in_skipped_blocks_are_not_checked():
    assert "ok" in pp("#if 0\n#error no\n#include <nothere.h>\n#bogus\n#endif\nok\n")


def test_warning_directive_collected():
    warnings = []
    pp("#warning careful\n", warnings=warnings)
    assert warnings == ["t.c:1:2: warning: #warning careful\n  #warning careful\n   ^"]


def test_extra_tokens_warn_only_where_text_is_read():
    warnings = []
    pp("#ifdef A B\n#else x\n#endif A\n#if 0\n#ifdef X Y\n#endif Z\n#endif\n", warnings=warnings)
    assert [w.split("\n")[0] for w in warnings] == [
        "t.c:1:10: warning: extra tokens at end of #ifdef directive",
        "t.c:2:7: warning: extra tokens at end of #else directive",
        "t.c:3:8: warning: extra tokens at end of #endif directive",
    ]


def test_directive_inside_macro_arguments_is_explained():
    message = error_of("#define F(x) x\nF(1\n#ifdef X\n)\n#endif\n")
    assert message.split("\n")[0] == (
        "t.c:2:1: error: unterminated argument list invoking macro 'F' "
        "(a directive cannot appear inside macro arguments)")
