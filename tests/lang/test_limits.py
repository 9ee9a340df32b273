"""Host-tool limits (issue 18): input that once raised RecursionError or ran
the host out of memory now either works or stops with a MinosError that
names the limit."""

import pytest

import json

from lang.asm import AsmError, assemble
from lang.asm.expr import MAX_DEPTH
from lang.cc.diag import CompileError
from lang.cc.frontend import analyze
from lang.cpp import CppError
from lang.cpp.macros import MAX_EXPANSION_TOKENS
from lang.link import LinkError, link
from lang.obj import MAX_ALIGN, ObjectFile
from tests.lang.test_cpp_helpers import pp
from vm.image import MAX_IMAGE_MEMORY, Image, ImageError, Segment


def word(obj):
    return int.from_bytes(obj.section(".data").data[:4], "little")


# --- minos as ---------------------------------------------------------------------
def test_asm_parentheses_nested_deeper_than_the_limit_are_an_error():
    deep = "(" * 500 + "1" + ")" * 500
    with pytest.raises(AsmError) as e:
        assemble(f".data\n.word {deep}\n", "t.s")
    assert str(e.value) == f"t.s:2: expression nested deeper than {MAX_DEPTH} parentheses"


def test_asm_parentheses_up_to_the_limit_work():
    deep = "(" * MAX_DEPTH + "7" + ")" * MAX_DEPTH
    assert word(assemble(f".data\n.word {deep}\n")) == 7


def test_asm_thousands_of_unary_operators_just_work():
    assert word(assemble(".data\n.word " + "-" * 5000 + "1\n")) == 1
    assert word(assemble(".data\n.word " + "-" * 5001 + "1\n")) == 0xFFFFFFFF
    assert word(assemble(".data\n.word " + "~" * 4999 + "0\n")) == 0xFFFFFFFF


def test_asm_long_chain_of_set_symbols_just_works():
    lines = [".set s0, 1"] + [f".set s{i}, s{i - 1} + 1" for i in range(1, 5001)]
    assert word(assemble("\n".join(lines + [".data", ".word s5000"]))) == 5001


def test_asm_set_chain_used_before_its_definitions():
    lines = [".data", ".word s300"] + [f".set s{i}, s{i - 1} * 1 + 1" for i in range(1, 301)]
    assert word(assemble("\n".join(lines + [".set s0, 0"]))) == 300


def test_asm_long_cycle_of_set_symbols_is_named_and_shortened():
    lines = [".set s0, s30"] + [f".set s{i}, s{i - 1}" for i in range(1, 31)]
    with pytest.raises(AsmError) as e:
        assemble("\n".join(lines + [".data", ".word s5"]), "t.s")
    assert str(e.value) == ("t.s:33: in .equ s5 (line 6): in .equ s4 (line 5): ... 27 more: "
                            "in .equ s7 (line 8): in .equ s6 (line 7): "
                            "symbol 's5' is defined in terms of itself")


def test_asm_error_inside_a_set_chain_names_the_chain():
    with pytest.raises(AsmError) as e:
        assemble(".set a, b + 1\n.set b, 1 / 0\n.data\n.word a", "t.s")
    assert str(e.value) == "t.s:4: in .equ a (line 1): in .equ b (line 2): division by zero in expression"


def test_asm_failed_set_can_be_reported_again():
    # A failed resolution leaves no symbol marked busy: the next use of the
    # same symbol reports the same error, not a false cycle.
    from lang.asm.assembler import Assembler
    a = Assembler("t.s")
    a.run(".set b, 1 / 0\n.set a, b\n")
    for _ in range(2):
        with pytest.raises(AsmError, match="division by zero"):
            a.value_of("a")


# --- the preprocessor -----------------------------------------------------------
def test_cpp_exponential_macro_is_stopped_by_the_expansion_limit():
    defines = ["#define X0 1"] + [f"#define X{i} (X{i - 1}+X{i - 1})" for i in range(1, 41)]
    with pytest.raises(CppError) as e:
        pp("\n".join(defines + ["int x = X40;", ""]))
    first = str(e.value).split("\n")[0]
    assert first == (f"t.c:42:9: error: macro expansion too large: more than "
                            f"{MAX_EXPANSION_TOKENS:,} tokens (expanding 'X40'; does a macro grow exponentially?)")


def test_cpp_large_but_bounded_expansion_works():
    defines = ["#define X0 1"] + [f"#define X{i} X{i - 1}+X{i - 1}" for i in range(1, 14)]
    out = pp("\n".join(defines + ["X13", ""]))
    assert out.split("\n")[-2] == "+".join(["1"] * (1 << 13))


# --- the compiler: sizes and constant expressions (item 7) -------------------------
def errors_of(src):
    with pytest.raises(CompileError) as e:
        analyze(src, "t.c")
    return [(d.loc.line, d.loc.col, d.message) for d in e.value.diagnostics]


def warnings_of(src):
    return [(w.loc.line, w.loc.col, w.message) for w in analyze(src, "t.c")[1]]


@pytest.mark.parametrize("src, error", [
    ("int a = sizeof(int[0x7fffffff][0x7fffffff]);",
     (1, 32, "size of unnamed array is too large (2,147,483,647 elements of 4 bytes; "
             "at most 2,147,483,647 bytes)")),
    ("int b = sizeof(struct{int a[0x40000000];});",
     (1, 29, "size of array 'a' is too large (1,073,741,824 elements of 4 bytes; "
             "at most 2,147,483,647 bytes)")),
    ("struct s { char a[0x7fffffff]; char b[2]; };",
     (1, 1, "type 'struct s' is too large (2,147,483,649 bytes; at most 2,147,483,647 bytes)")),
    ("char big[0x80000000u];",
     (1, 10, "size of array 'big' is too large (2,147,483,648 elements of 1 bytes; "
             "at most 2,147,483,647 bytes)")),
    ("int c[-1];", (1, 7, "array size must be a positive integer constant")),
    ("int d = sizeof(char[2 - 5]);", (1, 23, "array size must be a positive integer constant")),
    ("int e = 1 / 0;", (1, 11, "division by zero in constant expression")),
    ("int g = 7 % (3 - 3);", (1, 11, "division by zero in constant expression")),
    ("enum { E = 1 % 0 };", (1, 14, "division by zero in constant expression")),
    ("int f(int x) { switch (x) { case 1 / 0: return 1; } return 0; }",
     (1, 36, "division by zero in constant expression")),
    ("struct __attribute__((aligned(8192))) t { int x; };",
     (1, 23, f"requested alignment 8192 is larger than the maximum {MAX_ALIGN}")),
])
def test_compiler_rejects_impossible_sizes_and_constants(src, error):
    assert errors_of(src)[0] == error


def test_largest_object_still_compiles():
    unit, _ = analyze("int n = sizeof(char[0x7fffffff]);", "t.c")
    assert unit.globals[0].init.items[0].expr.value == 0x7FFFFFFF


@pytest.mark.parametrize("src, warning", [
    ("int a = 1 << 100;", (1, 11, "left shift count >= width of type")),
    ("int a = 1 << 32;", (1, 11, "left shift count >= width of type")),
    ("int f(int x) { return x >> 40; }", (1, 25, "right shift count >= width of type")),
    ("int f(int x) { return x << -1; }", (1, 25, "left shift count is negative")),
    ("int f(int x) { x <<= 32; return x; }", (1, 18, "left shift count >= width of type")),
    ("char c = '\\400';", (1, 10, "octal escape sequence out of range")),
    ("char s[] = \"a\\777\";", (1, 12, "octal escape sequence out of range")),
    ("char h = '\\x100';", (1, 10, "hex escape sequence out of range")),
    ("int f(int x) { return x / 0; }", (1, 25, "division by zero")),
    ("int f(int x) { x %= 0; return x; }", (1, 18, "division by zero")),
])
def test_compiler_warns_as_gcc_does(src, warning):
    assert warnings_of(src) == [warning]


def test_in_range_shifts_and_escapes_do_not_warn():
    assert warnings_of("int a = 1 << 31; char c = '\\377'; char d = '\\xff';"
                       "int f(int x) { return (x >> 31) / 2; }") == []


# --- the linker: alignments, sizes, empty programs (items 5 and 7) -----------------
def object_with_align(align):
    d = json.loads(assemble(".data\nx: .word 1\n", "a.s").to_json())
    d["sections"][0]["align"] = align
    return ObjectFile.from_json(json.dumps(d), "a.o")


@pytest.mark.parametrize("align", [0, 3, -8, 2147483647, 8192, 6])
def test_linker_rejects_bad_alignments(align):
    with pytest.raises(LinkError) as e:
        link([object_with_align(align)])
    assert str(e.value) == (f"a.o: section '.data' has alignment {align}: it must be a "
                            f"power of two from 1 to {MAX_ALIGN}")


@pytest.mark.parametrize("align", [1, 2, 4096])
def test_linker_accepts_good_alignments(align):
    image, _ = link([object_with_align(align)])
    assert image.segments[0].data[:4] == b"\1\0\0\0"


def test_assembler_align_limit_is_the_object_format_limit():
    assert assemble(f".data\n.align {MAX_ALIGN}\n.byte 1").section(".data").align == MAX_ALIGN
    with pytest.raises(AsmError, match=f"1 to {MAX_ALIGN}"):
        assemble(f".align {2 * MAX_ALIGN}")


def test_linker_bounds_the_image_by_the_largest_machine():
    objs = [assemble(".bss\n.space 0x10000000\n", f"b{i}.s") for i in range(5)]
    with pytest.raises(LinkError) as e:
        link(objs)
    assert str(e.value) == ("program is too large: 1,342,177,280 bytes from 0x1000 to 0x50001000 "
                            f"(no machine has more than {MAX_IMAGE_MEMORY >> 20} MiB)")


def test_linking_only_empty_objects_is_an_error():
    with pytest.raises(LinkError) as e:
        link([assemble("", "empty.s")])
    assert str(e.value) == ("nothing to link: empty.s holds no code or data, and an image "
                            "needs at least one segment")


def test_object_with_negative_bss_size_is_rejected():
    d = json.loads(assemble(".bss\nx: .space 4\n", "a.s").to_json())
    d["sections"][0]["size"] = -4096
    with pytest.raises(Exception) as e:
        ObjectFile.from_json(json.dumps(d), "a.o")
    assert str(e.value) == "a.o: malformed object file (ValueError: section '.bss' has negative size -4096)"


# --- images: overlapping and oversized segments are refused at load --------------
def test_image_with_overlapping_segments_is_refused():
    blob = Image(0x1000, [Segment(0x1000, b"\0" * 16, 0x2000, 5),
                          Segment(0x2000, b"", 0x1000, 3)]).to_bytes()
    with pytest.raises(ImageError) as e:
        Image.from_bytes(blob, "x.img")
    assert str(e.value) == ("x.img: segment 0 (0x1000-0x3000) overlaps segment 1 "
                            "(0x2000-0x3000)")


def test_image_bigger_than_any_machine_is_refused():
    blob = Image(0, [Segment(0, b"", 0x30000000, 3), Segment(0x40000000, b"", 0x30000000, 3)]).to_bytes()
    with pytest.raises(ImageError, match="segments need 1,610,612,736 bytes of memory, more than any machine"):
        Image.from_bytes(blob, "x.img")


def test_adjacent_segments_are_fine():
    blob = Image(0x1000, [Segment(0x1000, b"\1", 0x1000, 5), Segment(0x2000, b"\2", 0x1000, 3)]).to_bytes()
    assert len(Image.from_bytes(blob).segments) == 2


# --- found by the host-tool fuzzer (tests/hostfuzz) --------------------------------
def test_object_symbol_size_must_be_a_number():
    # case('obj', 146) and 442: objdump formatted a string/list size with :x
    d = json.loads(assemble(".data\nx: .word 1\n.size x, 4\n", "a.s").to_json())
    for bad, why in (("4", None), ([4], "TypeError"), (-1, "negative size -1")):
        d["symbols"][0]["size"] = bad
        if why is None:
            assert ObjectFile.from_json(json.dumps(d), "a.o").symbols[0].size == 4
            continue
        with pytest.raises(Exception) as e:
            ObjectFile.from_json(json.dumps(d), "a.o")
        assert type(e.value).__name__ == "ObjectError" and why in str(e.value)


def test_object_json_nested_too_deep_is_a_clear_error():
    # case('obj', 436): json.loads raised RecursionError
    d = json.loads(assemble(".data\n.word 1\n", "a.s").to_json())
    text = json.dumps(d)[:-1] + ', "debug": ' + "[" * 5000 + "]" * 5000 + "}"
    with pytest.raises(Exception) as e:
        ObjectFile.from_json(text, "a.o")
    assert str(e.value) == "a.o: not a minos object file (bad JSON: nested deeper than 64 levels)"
    d["debug"] = [[[[1]]]] * 3
    assert ObjectFile.from_json(json.dumps(d), "a.o").debug == [[[[1]]]] * 3


def test_debug_directive_nested_too_deep_is_a_clear_error():
    # case('asm', 262): the same in a .debug directive
    with pytest.raises(AsmError) as e:
        assemble('.debug "' + "[" * 3000 + "]" * 3000 + '"', "t.s")
    assert str(e.value) == "t.s:1: '.debug' string is not valid JSON: nested deeper than 64 levels"
    with pytest.raises(AsmError, match="nested deeper than 64"):
        assemble('.debug "' + "[" * 65 + "]" * 65 + '"', "t.s")
    assert assemble('.debug "' + "[" * 64 + "]" * 64 + '"', "t.s").debug


# --- static objects fit their sections (as, cc) ------------------------------------
@pytest.mark.parametrize("src, error", [
    ("char a[0x7fffffff];",
     (1, 6, "'a' is too large: 2,147,483,647 bytes, more than 1024 MiB, the most memory "
            "any machine has")),
    ("char a[0x7fffffff] = {1};",
     (1, 6, "'a' is too large: 2,147,483,647 bytes, more than 64 MiB of initialized bytes")),
    ("int f(void) { static int big[0x1000001] = {1}; return big[0]; }",
     (1, 26, "'big' is too large: 67,108,868 bytes, more than 64 MiB of initialized bytes "
             "(uninitialized, it would go to .bss and need no bytes)")),
])
def test_static_objects_too_large_for_their_section(src, error):
    assert errors_of(src)[0] == error


def test_static_objects_at_the_limits_compile():
    analyze("char a[0x40000000]; int b[0x1000000] = {1}; char c[0x40000000] = {0};", "t.c")


@pytest.mark.parametrize("src, error", [
    (".data\n.space 0x4000000\n.byte 1\n.space 1",
     "t.s:4: '.space 1' makes section '.data' larger than 64 MiB of initialized bytes "
     "(zeroed data belongs in .bss)"),
    (".bss\n.space 0x40000000\n.zero 1",
     "t.s:3: '.zero 1' makes section '.bss' larger than 1024 MiB, the most memory any machine has"),
    (".space -1", "t.s:1: '.space' size -1 is negative"),
])
def test_assembler_section_size_limits(src, error):
    with pytest.raises(AsmError) as e:
        assemble(src, "t.s")
    assert str(e.value) == error


@pytest.mark.parametrize("value", [-1, 1 << 32])
def test_entry_point_outside_32_bits_is_a_link_error(value):
    # case('obj', 108573) and 113046: an absolute _start made Image.to_bytes fail
    d = json.loads(assemble(".global _start\n.equ _start, 8\n.data\n.word 1\n", "a.s").to_json())
    d["symbols"][0]["value"] = value
    with pytest.raises(LinkError) as e:
        link([ObjectFile.from_json(json.dumps(d), "a.o")])
    assert str(e.value) == f"entry point {value:#x} is not a 32-bit address"
    with pytest.raises(LinkError, match="is not a 32-bit address"):
        link([assemble(".data\n.word 1\n", "b.s")], entry=value)


def test_deep_pointer_type_is_keyed_in_linear_time(monkeypatch):
    # `int ***...*x`: the debug type table keyed every level again for each
    # level (quadratic: 1,000 stars took 4 s, 30,000 forever).
    from lang.cc.codegen import generate
    from lang.cc.debugtypes import TypeTable
    calls = []
    key = TypeTable._key
    monkeypatch.setattr(TypeTable, "_key", lambda self, t: calls.append(1) or key(self, t))
    unit, _ = analyze("int " + "*" * 300 + "x;", "t.c")
    assert ".debug" in generate(unit, debug=True)
    assert len(calls) <= 3 * 300


# --- the compiler's own recursion: thousands deep work, deeper is an error ----------
def test_five_thousand_levels_compile():
    from lang.cc.codegen import generate
    for src in ("int f(int a) { return " + "(" * 5000 + "a" + ")" * 5000 + "; }",
                "int f(int a) { " + "if (a) " * 2000 + "a++; return a; }",
                "int f(int a) { return " + "a + " * 2000 + "a; }"):
        unit, _ = analyze(src, "t.c")
        assert "f:" in generate(unit)


@pytest.mark.parametrize("src", [
    "int f(void) { " + "{" * 30000 + "}" * 30000 + " return 0; }",
    "int f(int a) { " + "if (a) " * 30000 + "a++; return a; }",
    "int x = " + "- " * 30000 + "1;",
])
def test_nesting_past_the_limit_is_a_compile_error(src):
    assert errors_of(src) == [(1, 1, "expression or statement nested too deeply")]


def test_include_and_macro_nesting_are_preprocessor_errors(tmp_path):
    (tmp_path / "self.h").write_text('#include "self.h"\n')
    with pytest.raises(CppError, match=r"recursive #include of 'self.h' \(nested more than 100 deep"):
        pp('#include "self.h"\n', include_dirs=[str(tmp_path)])
    with pytest.raises(CppError, match="macro invocations nested too deeply"):
        pp("#define F(x) x\n" + "F(" * 5000 + "1" + ")" * 5000 + "\n")


def test_folding_a_long_chain_evaluates_each_node_once(monkeypatch):
    # sema folds each operator as it builds it; `a + a + ... + a` walked the
    # whole left operand at every `+` (5,000 terms took 14 s).
    from lang.cc import constexpr
    calls = []
    of = constexpr._int_of
    monkeypatch.setattr(constexpr, "_int_of", lambda e: calls.append(1) or of(e))
    analyze("int f(int a) { return " + "a + " * 500 + "a; }", "t.c")
    assert len(calls) <= 3 * 500
    with pytest.raises(CompileError):       # a cached division by zero is still an error
        analyze("int f(int a) { return 1 / 0 + " + "a + " * 50 + "a; } int g[1 / 0];", "t.c")


# --- numbers with thousands of digits (Python converts at most 4,300) ---------------
LONG = "1" * 5000


def test_huge_decimal_numbers_are_clear_errors_everywhere():
    with pytest.raises(AsmError, match=r"t.s:1: number '1111111111111111\.\.\.' is too long \(5000 digits\)"):
        assemble(f"li a0, {LONG}", "t.s")
    with pytest.raises(AsmError, match="too long"):
        assemble(f".loc {LONG}", "t.s")
    with pytest.raises(AsmError, match="t.s:2: number .* is too long"):
        assemble(f'nop\n# {LONG} "x.s"\nnop', "t.s")
    assert errors_of(f"int x = {LONG};") == [(1, 9, "integer constant is too large for its type")]
    for directive in (f"#line {LONG}", f"# {LONG} \"x.c\"", "#line 2147483648"):
        with pytest.raises(CppError, match="line number out of range"):
            pp(directive + "\nint x;\n")
    with pytest.raises(CppError, match="invalid integer constant"):
        pp(f"#if {LONG}\n#endif\n")


def test_largest_line_number_is_fine():
    assert '# 2147483647 "t.c"' in pp("#line 2147483647\nint x;\n")
