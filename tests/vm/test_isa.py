"""The instruction table's encoder, decoder and disassembler agree."""

import random

import pytest

from vm import isa
from vm.disasm import disassemble, format_insn
from vm.errors import MinosError
from helpers import assemble

BOTH_ENGINES_INSIDE = True       # no machine runs here


def sample_fields(insn, rng):
    used = isa.FORM_FIELDS[insn.form]
    f = {k: (rng.randrange(16) if k in used else 0) for k in ("rd", "rs1", "rs2")}
    if insn.form in ("CSRR", "CSRW"):
        f["imm"] = rng.choice([c.number for c in isa.CSRS])
    elif "imm" in used:
        f["imm"] = rng.choice([0, 1, 8, 0x7FF, 4095, 4096, 0x1000, 0xFFFFFFFF, 0x80000000,
                               rng.randrange(1 << 32)])
        if insn.form in ("BR", "J"):
            f["imm"] &= ~7
    else:
        f["imm"] = 0
    return f


def test_table_is_consistent():
    names = [i.name for i in isa.INSTRUCTIONS]
    assert len(names) == len(set(names))
    assert sorted(i.opcode for i in isa.INSTRUCTIONS) == list(range(1, len(names) + 1))
    assert all(i.form in isa.FORMS and i.cycles >= 1 for i in isa.INSTRUCTIONS)
    assert [n for n, _, _ in isa.TRAP_CAUSES] == list(range(isa.NCAUSES))
    assert len({c.number for c in isa.CSRS}) == len(isa.CSRS)


def test_encode_decode_round_trip():
    rng = random.Random(7)
    for insn in isa.INSTRUCTIONS:
        for _ in range(20):
            f = sample_fields(insn, rng)
            raw = isa.encode(insn.name, **f)
            d = isa.decode_bytes(raw)
            assert d is not None, (insn.name, f)
            assert (d.insn, d.rd, d.rs1, d.rs2, d.imm) == (insn, f["rd"], f["rs1"], f["rs2"], f["imm"])


def test_decode_accepts_exactly_what_encode_can_produce():
    rng = random.Random(8)
    for _ in range(20000):
        w0 = rng.choice([rng.randrange(1 << 32), rng.randrange(1 << 20), rng.randrange(64)
                         | rng.randrange(16) << 8 * rng.randrange(1, 3)])
        w1 = rng.choice([0, rng.randrange(1 << 32), rng.randrange(32)])
        d = isa.decode(w0, w1)
        if d is None:
            continue
        raw = isa.encode(d.insn.name, d.rd, d.rs1, d.rs2, d.imm)
        assert raw == w0.to_bytes(4, "little") + w1.to_bytes(4, "little")


def test_disassembly_reassembles_to_the_same_bytes():
    rng = random.Random(9)
    for insn in isa.INSTRUCTIONS:
        for _ in range(10):
            raw = isa.encode(insn.name, **sample_fields(insn, rng))
            text = format_insn(isa.decode_bytes(raw))
            again = assemble(text).image.segments[0].data
            assert again == raw, text


def test_disassembly_of_illegal_words():
    assert disassemble(0, 0) == "(illegal)"
    assert disassemble(isa.BY_NAME["nop"].opcode, 1) == "(illegal)"


@pytest.mark.parametrize("args, words", [
    (("frob",), "unknown instruction"),
    (("add", 16, 0, 0), "register"),
    (("add", 0, -1, 0), "register"),
    (("li", 1, 0, 0, 1 << 32), "32 bits"),
    (("li", 1, 0, 0, -(1 << 31) - 1), "32 bits"),
])
def test_encode_errors(args, words):
    with pytest.raises(MinosError, match=words):
        isa.encode(*args)


def test_negative_immediates_encode_as_twos_complement():
    assert isa.encode("li", 1, imm=-1)[4:] == b"\xff\xff\xff\xff"
    assert isa.decode_bytes(isa.encode("addi", 1, 2, imm=-8)).imm == 0xFFFFFFF8


def test_register_names():
    assert [isa.reg_number(n) for n in ("zero", "a0", "t1", "s3", "fp", "sp", "lr", "r15", "R7")] == \
        [0, 1, 8, 12, 13, 14, 15, 15, 7]
    assert [isa.reg_number(n) for n in ("r16", "x1", "t2", "r-1", "")] == [None] * 5
