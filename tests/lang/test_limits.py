"""Host-tool limits (issue 18): input that once raised RecursionError or ran
the host out of memory now either works or stops with a MinosError that
names the limit."""

import pytest

from lang.asm import AsmError, assemble
from lang.asm.expr import MAX_DEPTH
from lang.cpp import CppError
from lang.cpp.macros import MAX_EXPANSION_TOKENS
from tests.lang.test_cpp_helpers import pp


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
