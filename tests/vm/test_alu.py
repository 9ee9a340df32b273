"""ALU instructions: every R and I form against an independent reference."""

import pytest

from helpers import reg, run, signed, word

M = 0xFFFFFFFF
INT_MIN = 0x80000000


def s(x):
    return signed(x & M)


def tdiv(a, b):
    """Signed division rounding toward zero, written without the machine's helpers."""
    q = abs(s(a)) // abs(s(b))
    return (q if (s(a) < 0) == (s(b) < 0) else -q) & M


def trem(a, b):
    return (s(a) - s(tdiv(a, b)) * s(b)) & M


REFERENCE = {
    "add": lambda a, b: (a + b) & M,
    "sub": lambda a, b: (a - b) & M,
    "mul": lambda a, b: (a * b) & M,
    "div": tdiv,
    "divu": lambda a, b: a // b,
    "rem": trem,
    "remu": lambda a, b: a % b,
    "and": lambda a, b: a & b,
    "or": lambda a, b: a | b,
    "xor": lambda a, b: a ^ b,
    "shl": lambda a, b: (a << b) & M if b < 32 else 0,
    "shr": lambda a, b: a >> b if b < 32 else 0,
    "sar": lambda a, b: (s(a) >> min(b, 31)) & M,
    "slt": lambda a, b: int(s(a) < s(b)),
    "sltu": lambda a, b: int(a < b),
    "sgt": lambda a, b: int(s(a) > s(b)),
    "sgtu": lambda a, b: int(a > b),
    "seq": lambda a, b: int(a == b),
    "sne": lambda a, b: int(a != b),
}
VALUES = [0, 1, 2, 3, 7, 31, 32, 33, 100, 1000, 0x7FFFFFFF, 0x80000000, 0x80000001,
          0x12345678, 0xFFFFFFFF, (-7) & M, (-100) & M, (-2) & M]
PAIRS = [(a, b) for a in VALUES for b in VALUES]


@pytest.mark.parametrize("op", sorted(REFERENCE))
def test_r_and_i_forms_match_reference(op):
    """R form: a loop over a table of (a, b) pairs. I form: b is in the
    instruction, so one small loop over the a values per b."""
    dividing = op in ("div", "divu", "rem", "remu")
    pairs = [(a, b) for a, b in PAIRS if not (dividing and b == 0)]
    bs = [b for b in VALUES if not (dividing and b == 0)]
    lines = [f"""
        li s0, 0
        li s1, {len(pairs)}
    rloop:
        lw a1, pairs(s0)
        lw a2, pairs+4(s0)
        {op} a0, a1, a2
        sw a0, rres(s0)
        addi s0, s0, 8
        subi s1, s1, 1
        bnez s1, rloop
    """]
    for j, b in enumerate(bs):
        lines.append(f"""
        li s0, 0
        li s1, {len(VALUES)}
    iloop{j}:
        lw a1, avals(s0)
        {op}i a0, a1, {b}
        sw a0, ires+{4 * len(VALUES) * j}(s0)
        addi s0, s0, 4
        subi s1, s1, 1
        bnez s1, iloop{j}
        """)
    words = lambda vals: ".word " + ", ".join(str(v) for v in vals) + "\n"
    src = ("\n".join(lines) + "halt\n.align 8\n"
           + "pairs: " + words([x for pair in pairs for x in pair])
           + "avals: " + words(VALUES)
           + f"rres: .space {8 * len(pairs)}\n"
           + f"ires: .space {4 * len(VALUES) * len(bs)}\n")
    m, _ = run(src, max_instructions=100_000)
    rres, ires = m.prog["rres"], m.prog["ires"]
    for i, (a, b) in enumerate(pairs):
        assert word(m, rres + 8 * i) == REFERENCE[op](a, b), f"{op} {a:#x}, {b:#x}"
    for j, b in enumerate(bs):
        for i, a in enumerate(VALUES):
            got = word(m, ires + 4 * (len(VALUES) * j + i))
            assert got == REFERENCE[op](a, b), f"{op}i {a:#x}, {b:#x}"


def alu(op, a, b):
    m, _ = run(f"li a1, {a}\nli a2, {b}\n{op} a0, a1, a2\nhalt\n", max_instructions=10)
    return reg(m, "a0")


@pytest.mark.parametrize("op, a, b, want", [
    ("add", 0x7FFFFFFF, 1, 0x80000000),
    ("add", 0xFFFFFFFF, 1, 0),
    ("sub", 0, 1, 0xFFFFFFFF),
    ("sub", 0x80000000, 1, 0x7FFFFFFF),
    ("mul", 0x10000, 0x10000, 0),
    ("mul", 0xFFFFFFFF, 0xFFFFFFFF, 1),
    ("mul", -3, 5, -15 & M),
    ("div", INT_MIN, -1, INT_MIN),
    ("rem", INT_MIN, -1, 0),
    ("div", -7, 2, -3 & M),
    ("div", 7, -2, -3 & M),
    ("div", -7, -2, 3),
    ("rem", -7, 2, -1 & M),
    ("rem", 7, -2, 1),
    ("rem", -7, -2, -1 & M),
    ("divu", -7, 2, 0x7FFFFFFC),
    ("remu", -7, 2, 1),
    ("divu", 0xFFFFFFFF, 0xFFFFFFFF, 1),
    ("shl", 1, 0, 1),
    ("shl", 1, 31, 0x80000000),
    ("shl", 1, 32, 0),
    ("shl", 1, 33, 0),
    ("shl", 1, 0xFFFFFFFF, 0),
    ("shr", 0x80000000, 0, 0x80000000),
    ("shr", 0x80000000, 31, 1),
    ("shr", 0x80000000, 32, 0),
    ("shr", 0xFFFFFFFF, 33, 0),
    ("sar", 0x80000000, 0, 0x80000000),
    ("sar", 0x80000000, 31, 0xFFFFFFFF),
    ("sar", 0x80000000, 32, 0xFFFFFFFF),
    ("sar", 0x80000000, 33, 0xFFFFFFFF),
    ("sar", 0x80000000, 1 << 31, 0xFFFFFFFF),
    ("sar", 0x7FFFFFFF, 32, 0),
    ("sar", 0x7FFFFFFF, 30, 1),
    ("slt", -1, 0, 1),
    ("sltu", -1, 0, 0),
    ("sgt", 0, -1, 1),
    ("sgtu", 0, -1, 0),
    ("seq", 5, 5, 1),
    ("sne", 5, 5, 0),
])
def test_documented_edge_cases(op, a, b, want):
    assert alu(op, a & M, b & M) == want


def test_i_forms_take_negative_immediates():
    m, _ = run("""
        li a1, 10
        addi a0, a1, -11
        slti a2, a1, -1
        sltui a3, a1, -1
        andi a4, a1, -2
        muli a5, a1, -3
        halt
    """, max_instructions=10)
    assert reg(m, "a0") == M
    assert reg(m, "a2") == 0            # 10 < -1 is false, signed
    assert reg(m, "a3") == 1            # 10 < 0xFFFFFFFF, unsigned
    assert reg(m, "a4") == 10
    assert reg(m, "a5") == (-30) & M


def test_li_and_mov():
    m, _ = run("""
        li a0, 0xDEADBEEF
        li a1, -1
        mov a2, a0
        mov a3, zero
        halt
    """, max_instructions=10)
    assert reg(m, "a0") == 0xDEADBEEF
    assert reg(m, "a1") == M
    assert reg(m, "a2") == 0xDEADBEEF
    assert reg(m, "a3") == 0


def test_r0_stays_zero_whatever_writes_it():
    m, _ = run("""
        li zero, 5
        addi zero, zero, 7
        mov zero, sp
        li a1, data
        lw zero, 0(a1)
        csrr zero, coreid
        add a0, zero, zero
        addi a3, zero, 0
        halt
    .align 8
    data: .word 0x1234
    """, max_instructions=20)
    assert m.cores[0].regs[0] == 0
    assert reg(m, "a0") == 0 and reg(m, "a3") == 0


def test_nop_changes_nothing_but_pc():
    m, _ = run("li a0, 3\nnop\nnop\nhalt\n", max_instructions=10)
    c = m.cores[0]
    assert c.regs == [0, 3, 1 << 20] + [0] * 13      # a1 = RAM bytes (1 MiB) from reset
    assert c.pc == 0x1000 + 4 * 8       # just past the halt store


def test_alu_does_not_touch_other_registers():
    m, _ = run("""
        li a1, 6
        li a2, 7
        mul a0, a1, a2
        halt
    """, max_instructions=10)
    regs = m.cores[0].regs
    assert regs[1:4] == [42, 6, 7]
    assert all(r == 0 for r in regs[4:])
