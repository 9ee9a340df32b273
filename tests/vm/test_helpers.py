"""The test-local assembler itself, so a helper bug cannot hide a machine bug."""

import pytest

from vm import isa
from helpers import AsmError, assemble

BOTH_ENGINES_INSIDE = True       # no machine runs here


def data(prog):
    return b"".join(s.data for s in prog.image.segments)


def test_instructions_labels_and_alignment():
    p = assemble("""
        .byte 1
    here:
        nop
    .Llocal: jmp .Llocal
        .word here, .Llocal+8
    """)
    assert p["here"] == 0x1008                 # moved to the aligned instruction
    assert p.symbols["_D_Llocal"] == 0x1010
    assert data(p) == (b"\x01" + bytes(7) + isa.encode("nop") + isa.encode("jmp", imm=0x1010)
                       + (0x1008).to_bytes(4, "little") + (0x1018).to_bytes(4, "little"))


def test_operand_forms_and_pseudos():
    p = assemble("""
        lw a0, -4(sp)
        sw a1, x+4(a2)
        csrr t0, vec
        csrw ptbr, t1
        ret
        halt
        bgt a0, a1, x
        not a0, a1
    x:  .equ K, 3 * 4
        li a0, K
    """)
    want = [isa.encode("lw", 1, 14, imm=-4 & isa.MASK), isa.encode("sw", 0, 3, 2, p["x"] + 4),
            isa.encode("csrr", 7, imm=6), isa.encode("csrw", 0, 8, imm=9), isa.encode("jr", rs1=15),
            isa.encode("sw", 0, 0, 0, 0xF0002000), isa.encode("blt", 0, 2, 1, p["x"]),
            isa.encode("xori", 1, 2, imm=isa.MASK), isa.encode("li", 1, imm=12)]
    assert data(p) == b"".join(want)


def test_org_makes_separate_segments():
    p = assemble("nop\n.org 0x8000\nfar: .word 7\n")
    assert [(s.vaddr, len(s.data)) for s in p.image.segments] == [(0x1000, 8), (0x8000, 4)]
    assert p["far"] == 0x8000


@pytest.mark.parametrize("src, words", [
    ("frob a0", "unknown instruction"),
    ("add a0, a1", "takes 3 operands"),
    ("li a0, nowhere", "undefined symbol"),
    ("x: nop\nx: nop", "defined twice"),
    ("li q9, 1", "not a register"),
    ("lw a0, a1", "imm\\(reg\\)"),
    (".bogus 1", "unknown directive"),
])
def test_errors(src, words):
    with pytest.raises(AsmError, match=words):
        assemble(src)
