"""The preprocessor: each feature, and the line mapping of its output."""

import pytest

from lang.cpp import CppError, preprocess_file
from tests.lang.test_cpp_helpers import code, mapped, pp, token_texts


# --- output structure ---------------------------------------------------------------
def test_starts_with_a_linemarker_and_keeps_lines():
    out = pp("int a;\n\nint b;\n")
    assert out.startswith('# 1 "t.c"\n')
    assert mapped(out) == [("t.c", 1, "int a;"), ("t.c", 3, "int b;")]


def test_unexpanded_lines_keep_their_exact_columns():
    line = "\tint  x =  3 ;   /* c */  int y;"
    assert mapped(pp("#define N 4\n" + line + "\n")) == \
        [("t.c", 2, line.replace("/* c */", " " * 7))]


def test_expanded_line_keeps_columns_before_and_after_short_expansions():
    out = pp("#define ZERO 0\nint x = ZERO   + y;\n")
    (_, _, text), = mapped(out)
    assert text.index("y") == "int x = ZERO   + y;".index("y")


def test_block_comment_across_lines_keeps_later_line_numbers():
    out = pp("int a; /* one\ntwo\nthree */ int b;\nint c;\n")
    assert mapped(out) == [("t.c", 1, "int a;"), ("t.c", 3, " " * 9 + "int b;"),
                           ("t.c", 4, "int c;")]


def test_line_comment_removed_but_strings_untouched():
    out = pp('char *s = "/* not */ // kept"; // gone\nchar c = \'"\';\n')
    assert code(out) == ['char *s = "/* not */ // kept";', "char c = '\"';"]


def test_backslash_newline_splices_lines_and_keeps_count():
    out = pp("int a = 1 + \\\n  2;\nint b;\n")
    assert mapped(out) == [("t.c", 1, "int a = 1 +   2;"), ("t.c", 3, "int b;")]


def test_long_skipped_block_uses_a_linemarker():
    src = "#if 0\n" + "skip\n" * 20 + "#endif\nint a;\n"
    out = pp(src)
    assert '# 23 "t.c"' in out
    assert mapped(out) == [("t.c", 23, "int a;")]


# --- object-like and function-like macros ----------------------------------------------
def test_object_like_macro():
    assert code(pp("#define N 10\nint a[N];\n")) == ["int a[10];"]


def test_no_expansion_inside_strings_and_chars():
    assert code(pp("#define N 10\nchar *s = \"N\"; int c = 'N';\n")) == \
        ["char *s = \"N\"; int c = 'N';"]


def test_function_like_macro():
    assert token_texts(pp("#define MAX(a, b) ((a) > (b) ? (a) : (b))\nMAX(x + 1, f(y, z))\n")) == \
        list("((x+1)>(f(y,z))?(x+1):(f(y,z)))".replace("f", "f"))


def test_function_like_name_without_parens_is_not_expanded():
    assert code(pp("#define f(x) [x]\nint (*p)(int) = f; f (1);\n")) == \
        ["int (*p)(int) = f; [1]  ;"]       # ';' back at its source column


def test_object_like_needs_no_space_before_paren_to_be_function_like():
    assert token_texts(pp("#define F (x)\nF(1)\n")) == ["(", "x", ")", "(", "1", ")"]


def test_arguments_may_span_lines_and_later_lines_stay_mapped():
    out = pp("#define ADD(a, b) a + b\nint x = ADD(1,\n   2);\nint y;\n")
    assert mapped(out) == [("t.c", 2, "int x = 1 + 2;"), ("t.c", 4, "int y;")]


def test_macro_name_at_end_of_line_invoked_on_the_next():
    assert token_texts(pp("#define F(x) <x>\nF\n(1)\n")) == ["<", "1", ">"]


def test_empty_arguments():
    assert token_texts(pp("#define F(a, b) [a|b]\n#define G() g\nF(,) G()\n")) == \
        ["[", "|", "]", "g"]


def test_stringizing():
    out = pp('#define S(x) #x\nS(  a  +  "b\\n"   \'"\' )\n')
    assert code(out) == ['"a + \\"b\\\\n\\" \'\\"\'"']


def test_token_pasting():
    assert token_texts(pp("#define CAT(a, b) a ## b\nCAT(x, 1) CAT(<, <=) CAT(, y)\n")) == \
        ["x1", "<<=", "y"]


def test_pasted_operands_are_not_expanded_first():
    src = "#define A 1\n#define CAT(a, b) a ## b\n#define XCAT(a, b) CAT(a, b)\nCAT(A, 2) XCAT(A, 2)\n"
    assert token_texts(pp(src)) == ["A2", "12"]


def test_variadic_macros():
    src = ('#define P(fmt, ...) printf(fmt, __VA_ARGS__)\n'
           '#define Q(...) f(__VA_ARGS__)\n'
           '#define E(fmt, ...) printf(fmt, ## __VA_ARGS__)\n'
           'P("%d %d", 1, 2); Q(); Q(a, (b, c)); E("x"); E("y", 1);\n')
    assert code(pp(src)) == [
        'printf("%d %d", 1, 2); f(); f(a, (b, c)); printf("x"); printf("y", 1);']


def test_self_reference_is_painted_blue():
    src = "#define foo foo + 1\n#define a b\n#define b a\nfoo; a; b;\n"
    assert code(pp(src)) == ["foo + 1; a; b;"]


def test_painted_token_stays_unexpanded_when_rescanned_later():
    src = "#define f(x) x g\n#define g f\nf(1)(2)\n"
    # f(1) -> 1 g -> 1 f (painted: it came from f) so '(2)' is not an invocation
    assert token_texts(pp(src)) == ["1", "f", "(", "2", ")"]


def test_argument_fully_expanded_before_substitution():
    src = "#define N 3\n#define SQ(x) ((x) * (x))\nSQ(N)\n"
    assert token_texts(pp(src)) == list("((3)*(3))")


def test_undef():
    assert code(pp("#define X 1\n#undef X\nX\n")) == ["X"]


def test_identical_redefinition_is_silent_and_different_one_warns():
    warnings = []
    pp("#define X (1 + 2)\n#define X (1  +  2)\n", warnings=warnings)
    assert warnings == []
    pp("#define X 1\n#define X 2\n", warnings=warnings)
    assert warnings[0].startswith("t.c:2:9: warning: 'X' redefined")


def test_predefined_macros():
    out = pp('__minos__ __LINE__\n\n__LINE__ __FILE__\n#define L __LINE__\nL\n', "dir/x.c")
    assert code(out) == ["1 1", '3 "dir/x.c"', "5"]


def test_defines_argument():
    out = pp("A B F(2)\n", defines={"A": "7", "B": None, "F(x)": "x*x"})
    assert code(out) == ["7 1 2*2"]


def test_no_accidental_token_pasting_in_output():
    src = "#define NEG -x\n#define PLUS +\n-NEG PLUS+1\n"
    assert token_texts(pp(src)) == ["-", "-", "x", "+", "+", "1"]


# --- conditionals -----------------------------------------------------------------------
def test_ifdef_ifndef_else():
    src = "#define A\n#ifdef A\na\n#else\nnot_a\n#endif\n#ifndef B\nnot_b\n#endif\n"
    assert code(pp(src)) == ["a", "not_b"]


def test_elif_chain_takes_first_true_only():
    src = "#define V 2\n#if V == 1\none\n#elif V == 2\ntwo\n#elif V >= 2\nbig\n#else\nother\n#endif\n"
    assert code(pp(src)) == ["two"]


def test_nested_conditionals_inside_skipped_block():
    src = "#if 0\n#if 1\nx\n#else\ny\n#endif\n#bogus directive\n#else\nz\n#endif\n"
    assert code(pp(src)) == ["z"]


@pytest.mark.parametrize("expr, value", [
    ("1 + 2 * 3 == 7", 1),
    ("(1 + 2) * 3 == 9", 1),
    ("-1 < 0", 1),
    ("-1 < 0u", 0),                 # usual arithmetic conversions: unsigned
    ("0xFFFFFFFF == -1", 1),        # both become unsigned
    ("0xFFFFFFFF > 0", 1),
    ("(-1 >> 1) == -1", 1),         # arithmetic shift for signed
    ("(0x80000000 >> 31) == 1", 1),
    ("-7 / 2 == -3 && -7 % 2 == -1", 1),   # truncation toward zero
    ("1 ? 2 : 3", 1),
    ("0 ? 1 : 0", 0),
    ("!0 && ~0 == -1", 1),
    ("(1, 0)", 0),
    ("'a' == 97 && '\\n' == 10 && '\\x41' == 65 && '\\377' < 0", 1),
    ("UNKNOWN == 0 && !UNKNOWN", 1),
    ("defined A && defined(A) && !defined B", 1),
    ("A + 1 == 2", 1),
    ("0 && 1 / 0", 0),               # not evaluated: no error
    ("1 || 1 / 0", 1),
    ("010 == 8 && 0x10 == 16 && 0b11 == 3 && 10u == 10 && 7L == 7", 1),
    ("3 > 2 > 1", 0),
    ("(5 & 3) == 1 && (5 | 3) == 7 && (5 ^ 3) == 6 && (1 << 4) == 16", 1),
])
def test_if_expressions(expr, value):
    src = f"#define A 1\n#if {expr}\nyes\n#else\nno\n#endif\n"
    assert code(pp(src)) == ["yes" if value else "no"]


# --- includes -----------------------------------------------------------------------------
@pytest.fixture
def tree(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "inc").mkdir()
    (tmp_path / "sys").mkdir()
    (tmp_path / "src" / "main.c").write_text(
        '#include "local.h"\nint m;\n#include <lib.h>\n#include "lib.h"\nend\n')
    (tmp_path / "src" / "local.h").write_text("\n\nint local;\n")
    (tmp_path / "inc" / "lib.h").write_text("#pragma once\nint lib;\n#include <sys.h>\n")
    (tmp_path / "sys" / "sys.h").write_text("#ifndef SYS_H\n#define SYS_H\nint sys;\n#endif\n")
    (tmp_path / "sys" / "local.h").write_text("wrong\n")
    return tmp_path


def test_include_search_order_and_linemarkers(tree):
    main = str(tree / "src" / "main.c")
    out = preprocess_file(main, include_dirs=[str(tree / "inc")],
                          system_dirs=[str(tree / "sys")])
    assert mapped(out) == [
        (str(tree / "src" / "local.h"), 3, "int local;"),
        (main, 2, "int m;"),
        (str(tree / "inc" / "lib.h"), 2, "int lib;"),
        (str(tree / "sys" / "sys.h"), 3, "int sys;"),
        (main, 5, "end"),                   # lib.h has #pragma once
    ]


def test_angle_include_does_not_search_the_current_directory(tree):
    (tree / "src" / "only_here.h").write_text("int x;\n")
    with pytest.raises(CppError) as e:
        preprocess_file(_write(tree, "#include <only_here.h>\n"))
    assert "'only_here.h' file not found" in str(e.value)


def _write(tree, text):
    path = tree / "src" / "x.c"
    path.write_text(text)
    return str(path)


def test_include_with_macro_name(tree):
    path = _write(tree, '#define HDR "local.h"\n#include HDR\n')
    assert code(preprocess_file(path)) == ["int local;"]


def test_line_directive_changes_the_mapping():
    out = pp('#line 100 "gen.y"\nint a;\n__LINE__ __FILE__\n')
    assert mapped(out) == [("gen.y", 100, "int a;"), ("gen.y", 101, '101 "gen.y"')]


def test_expansion_starts_at_the_macro_column():
    out = pp("#define CALL(f) f()\n    CALL(go); x;\n")
    (_, _, text), = mapped(out)
    assert text.startswith("    go()")
    assert text.index("x") == "    CALL(go); x;".index("x")


def test_defined_produced_by_a_macro_in_if():
    src = ("#define HAVE_FOO defined(FOO)\n#define HAVE_BAR defined BAR\n#define FOO\n"
           "#if HAVE_FOO && !HAVE_BAR\nyes\n#else\nno\n#endif\n")
    assert code(pp(src)) == ["yes"]


def test_defined_operand_is_not_expanded():
    src = "#define A B\n#if defined A && !defined B\nyes\n#endif\n"
    assert code(pp(src)) == ["yes"]


def test_stdc_macros():
    assert token_texts(pp("__STDC__ __STDC_VERSION__\n")) == ["1", "199901L"]
