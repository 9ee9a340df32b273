"""Front-end diagnostics: exact wordings and locations, and no tracebacks."""

import pytest

from lang.cc.diag import CompileError, Diagnostic, source_line
from lang.cc.ast import Loc
from lang.cc.frontend import analyze
from vm.errors import MinosError


def first_error(src):
    """(line, col, message) of the first error analysing src."""
    with pytest.raises(CompileError) as info:
        analyze(src, "t.c")
    d = info.value.diagnostics[0]
    return d.loc.line, d.loc.col, d.message


def warnings_of(src):
    return [w.message for w in analyze(src, "t.c")[1]]


# (source, line, col, message): every wording the brief fixes, triggered.
CASES = [
    ("int f(void) { return x; }",
     1, 22, "undeclared identifier 'x'"),
    ("void f(void) { foo y; }",
     1, 16, "unknown type name 'foo'"),
    ("int g(foo x);",
     1, 7, "unknown type name 'foo'"),
    ("int g(int a, int b);\nint f(void) { return g(1); }",
     2, 22, "too few arguments to function 'g' (expected 2, got 1)"),
    ("int g(int a);\nint f(void) { return g(1, 2); }",
     2, 22, "too many arguments to function 'g' (expected 1, got 2)"),
    ("int g(void);\nint f(void) { return g(1); }",
     2, 22, "too many arguments to function 'g' (expected 0, got 1)"),
    ("struct p { int x; };\nvoid f(void) { struct p a; int n; n = a; }",
     2, 37, "incompatible types when assigning to 'int' from 'struct p'"),
    ("void f(void) { char *p; int n = 3; p = n; }",
     1, 38, "incompatible types when assigning to 'char *' from 'int'"),
    ("struct p { int x; };\nvoid g(int v);\nvoid f(struct p a) { g(a); }",
     3, 24, "incompatible type for argument 1 of 'g': expected 'int', got 'struct p'"),
    ("struct p { int x; };\nint f(struct p a) { return a; }",
     2, 21, "incompatible types when returning 'struct p' from a function with return type 'int'"),
    ("int f(void) { return; }",
     1, 15, "non-void function 'f' should return a value"),
    ("void f(void) { return 1; }",
     1, 16, "void function 'f' should not return a value"),
    ("int x;\nint x = 1;\nint x = 2;",
     3, 5, "redefinition of 'x'"),
    ("int f(void) { return 1; }\nint f(void) { return 2; }",
     2, 5, "redefinition of 'f'"),
    ("void f(void) { int a; int a; }",
     1, 27, "redefinition of 'a'"),
    ("int f(int);\nchar f(int);",
     2, 6, "conflicting types for 'f'"),
    ("int x;\nchar x;",
     2, 6, "conflicting types for 'x'"),
    ("void f(void) { break; }",
     1, 16, "break statement not within loop or switch"),
    ("void f(int x) { switch (x) { case 1: continue; } }",
     1, 38, "continue statement not within a loop"),
    ("void f(void) { case 1: ; }",
     1, 16, "case label not within a switch statement"),
    ("void f(int x) { switch (x) { case 1: break;\n case 1: break; } }",
     2, 2, "duplicate case value 1"),
    ("void f(int x) { switch (x) { default: break; default: break; } }",
     1, 46, "multiple default labels in one switch"),
    ("void f(void) { goto nowhere; }",
     1, 16, "label 'nowhere' used but not defined"),
    ("void f(void) { a: ; a: ; }",
     1, 21, "duplicate label 'a'"),
    ("struct s { int a; };\nint f(struct s v) { return v.b; }",
     2, 30, "'struct s' has no member named 'b'"),
    ("struct s { int a; };\nint f(struct s *p) { return p->zz; }",
     2, 32, "'struct s' has no member named 'zz'"),
    ("void f(int a, int b) { a + b = 3; }",
     1, 30, "lvalue required as left operand of assignment"),
    ("void f(int a) { int *p = &(a + 1); }",
     1, 26, "lvalue required as operand of '&'"),
    ("int g(void);\nvoid f(void) { g()++; }",
     2, 16, "lvalue required as operand of '++'"),
    ("void f(int x) { --(x - 1); }",
     1, 17, "lvalue required as operand of '--'"),
    ("void f(int x) { x(); }",
     1, 17, "called object is not a function"),
    ("int f(int x) { return x[1]; }",
     1, 23, "subscripted value is not an array or pointer"),
    ("struct s { int a; };\nint f(struct s a, int b) { return a + b; }",
     2, 37, "invalid operands to binary + ('struct s' and 'int')"),
    ("int f(int *a, int *b) { return a + b; }",
     1, 34, "invalid operands to binary + ('int *' and 'int *')"),
    ("int f(int *p) { return -p; }",
     1, 24, "invalid operand to unary - ('int *')"),
    ("int f(int x) { return *x; }",
     1, 23, "cannot dereference non-pointer type 'int'"),
    ("struct s;\nint f(struct s *p) { return p->a; }",
     2, 32, "dereferencing pointer to incomplete type 'struct s'"),
    ("void f(void) { const int k = 1; k = 2; }",
     1, 35, "assignment of read-only variable 'k'"),
    ("void f(void) { const int k = 1; k += 2; }",
     1, 35, "assignment of read-only variable 'k'"),
    ("struct s;\nint f(void) { return sizeof(struct s); }",
     2, 29, "sizeof applied to incomplete type 'struct s'"),
    ("int a[-4];",
     1, 7, "array size must be a positive integer constant"),
    ("void f(int n) { int a[n]; }",
     1, 23, "array size must be a positive integer constant"),
    ("int a[4 / 0];",
     1, 9, "division by zero in constant expression"),
    ("enum { A = 5 % 0 };",
     1, 14, "division by zero in constant expression"),
    ("int a[2] = {1, 2, 3};",
     1, 19, "too many initializers for 'int[2]'"),
    ("struct p { int x, y; } v = {1, 2, 3};",
     1, 35, "too many initializers for 'struct p'"),
    ("int f(void); int x = f();",
     1, 22, "initializer element is not constant"),
    ("void f(void) { int k; static int *p = &k; }",
     1, 39, "initializer element is not constant"),
    ("f(void) { return 0; }",
     1, 1, "function 'f' declared without a return type"),
    ("int f(static int x) { return x; }",
     1, 7, "invalid storage class for function parameter"),
    ("int f(void) { return helper(3); }",
     1, 22, "implicit declaration of function 'helper'"),
    ("int f(void) { int x = 1 return x; }",
     1, 24, "expected ';' after '1'"),
    ("int f(void) { return (1 + 2; }",
     1, 28, "expected ')' after '2'"),
    ("int f(void) {\n  return 0;\n",
     2, 12, "expected '}' before the end of input"),
    ("int f(void) {\n  int x;\n  x = 3\n  x++;\n  return x;\n}\n",
     3, 8, "expected ';' after '3'"),
    ("int f(int a) {\n  if (a > 1 {\n    return 2;\n  }\n}\n",
     2, 12, "expected ')' after '1'"),
    ("int f(int *a) {\n  return a[1;\n}\n",
     2, 13, "expected ']' after '1'"),
    ("int f(void) { return 1 +; }",
     1, 25, "syntax error: expected an expression before ';'"),
    ("int f(void) { int x; x = 1 2; }",
     1, 27, "expected ';' after '1'"),
    ("int f(void) { int x 2; }",
     1, 20, "expected ';' after 'x'"),
    ("int f(int a int b);",
     1, 13, "syntax error: unexpected 'int', expected one of: ')', ',', '(', '['"),
    ("struct 3 x;",
     1, 8, "syntax error: unexpected '3', expected one of: '__attribute', '__attribute__', '{', "
           "identifier, type name"),
    ("long long x;",
     1, 1, "'long long' is not supported"),
]


@pytest.mark.parametrize("src, line, col, message", CASES, ids=[c[3][:40] for c in CASES])
def test_error_wording_and_location(src, line, col, message):
    assert first_error(src) == (line, col, message)


def test_error_text_has_source_line_and_caret(tmp_path):
    path = tmp_path / "prog.c"
    path.write_text("int main(void)\n{\n    return x;\n}\n")
    with pytest.raises(CompileError) as info:
        analyze(path.read_text(), str(path))
    assert isinstance(info.value, MinosError)
    assert str(info.value) == f"{path}:3:12: error: undeclared identifier 'x'\n      return x;\n             ^"


def test_source_lines_come_from_the_original_file(tmp_path):
    header = tmp_path / "defs.h"
    header.write_text("// a header\nint bad = undefined_name;\n")
    pp = f'# 1 "{header}"\n\nint bad = undefined_name;\n'
    with pytest.raises(CompileError) as info:
        analyze(pp, "main.c")
    text = str(info.value)
    assert text.startswith(f"{header}:2:11: error: undeclared identifier 'undefined_name'")
    assert "int bad = undefined_name;" in text


def test_several_errors_are_reported_together():
    with pytest.raises(CompileError) as info:
        analyze("void f(void) { a = 1; b = 2; }\nint g(void) { return c; }", "t.c")
    assert [d.message for d in info.value.diagnostics] == [
        "undeclared identifier 'a'", "undeclared identifier 'b'", "undeclared identifier 'c'"]


def test_warnings():
    assert warnings_of("char *f(const char *s) { char *p = s; return p; }") == [
        "conversion from 'const char *' to 'char *' discards 'const' qualifier"]
    assert warnings_of("char *f(int *a) { char *p = a; return p; }") == [
        "incompatible pointer types: 'char *' from 'int *'"]
    w = Diagnostic("warning", "something odd", Loc("nofile.c", 1, 1))
    assert str(w) == "nofile.c:1:1: warning: something odd"


def test_diagnostic_with_tabs_keeps_caret_aligned():
    line = source_line("x.c", 1, {"x.c": "\tint\ty = z;"})
    assert line == "\tint\ty = z;"
    d = Diagnostic("error", "m", Loc("x.c", 1, 10))
    assert d.format({"x.c": "\tint\ty = z;"}).splitlines()[2] == "  \t   \t    ^"


@pytest.mark.parametrize("src", [
    "", "int", "int (", "struct", "struct { int a; } x = { .b = 1 };", "int a[] = {};",
    "int f(void) { return sizeof(void); }", "int f() { return f; }", "void f(void) { 1 = 2; }",
    "int x = 'ab';", "char *s = \"\\q\";", "int f(void) { @ }", "int x = 1.5;", "float f;",
    "int f(int a, ...) { __builtin_va_start(a, a); return 0; }", "void f(void) { __builtin_va_end(); }",
    "int f(void) { return __builtin_va_arg(1, int); }", "typedef int T; T f(T T) { return T; }",
    "int f(void) { asm(\"%5\" : : \"r\"(1)); return 0; }", "int f(void) { asm(\"\" : \"=m\"(f)); }",
    "struct a { struct a inner; };", "union u { int x; } v = { 1, 2 };", "enum e { A = 1 / 0 };",
    "int (*f)(int) = 3;", "void v; ", "int f(void) { int a[3]; a = 0; }", "#include <x.h>",
    "int f(int x) { switch (x) { case x: ; } }", "int x = 99999999999;", "int x = 08;",
    "struct s { int a : 3; };", "int f(void) { goto; }", "int a[2] = \"abc\";",
    "int f(void) { return (struct nope *)0 == 0; }", "int g(void) { int *p; return p->x; }",
])
def test_bad_input_never_raises_anything_but_compile_error(src):
    try:
        analyze(src, "t.c")
    except CompileError as e:
        assert str(e).startswith("t.c:")


def test_unused_variable_warning():
    assert warnings_of("int f(void) { int a, b = 2; static int s; int c __attribute__((unused));"
                       " int d; d = 1; return b; }") == ["unused variable 'a'", "unused variable 's'"]


def test_a_missing_semicolon_is_shown_at_the_end_of_its_line(tmp_path):
    path = tmp_path / "prog.c"
    path.write_text('int printf(char *, ...);\nint main(void)\n{\n    int x = 1;\n'
                    '    printf("%d\\n", x)\n    printf("done\\n");\n    return 0;\n}\n')
    with pytest.raises(CompileError) as info:
        analyze(path.read_text(), str(path))
    assert str(info.value) == (f"{path}:5:22: error: expected ';' after ')'\n"
                               '      printf("%d\\n", x)\n'
                               "  " + " " * 21 + "^")
