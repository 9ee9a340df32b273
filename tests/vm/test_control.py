"""Branches, jumps, calls and the reset state."""

import pytest

from helpers import make_machine, reg, run, traps, with_traps, word

M = 0xFFFFFFFF

BRANCHES = {
    "beq": lambda a, b: a == b,
    "bne": lambda a, b: a != b,
    "blt": lambda a, b: sgn(a) < sgn(b),
    "bge": lambda a, b: sgn(a) >= sgn(b),
    "bltu": lambda a, b: a < b,
    "bgeu": lambda a, b: a >= b,
}


def sgn(x):
    return x - (1 << 32) if x & 0x80000000 else x


CASES = [(1, 2), (2, 1), (5, 5), (M, 1), (1, M), (0x80000000, 0x7FFFFFFF),
         (0x7FFFFFFF, 0x80000000), (0, 0), (M, M)]


@pytest.mark.parametrize("op", sorted(BRANCHES))
def test_branches_taken_and_not_taken(op):
    lines = []
    for i, (a, b) in enumerate(CASES):
        lines += [f"li a1, {a}", f"li a2, {b}", "li a0, 0",
                  f"{op} a1, a2, .T{i}", "li a0, 1", f"jmp .J{i}",
                  f".T{i}:", "li a0, 2", f".J{i}:", f"sw a0, res+{4 * i}(zero)"]
    src = "\n".join(lines) + f"\nhalt\n.align 8\nres: .space {4 * len(CASES)}\n"
    m, _ = run(src, max_instructions=20 * len(CASES))
    got = [word(m, m.prog["res"] + 4 * i) for i in range(len(CASES))]
    assert got == [2 if BRANCHES[op](a, b) else 1 for a, b in CASES]


def test_backward_branch_loop():
    m, _ = run("""
        li a0, 0
        li a1, 10
    loop:
        addi a0, a0, 3
        subi a1, a1, 1
        bne a1, zero, loop
        halt
    """, max_instructions=100)
    assert reg(m, "a0") == 30
    assert m.cores[0].instructions == 2 + 30 + 1


def test_jmp_call_ret_and_lr():
    m, _ = run("""
        li a0, 1
        jmp over
        li a0, 99
    over:
    site:
        call double
        call double
        halt
    double:
        add a0, a0, a0
        mov s0, lr
        ret
    """, max_instructions=20)
    assert reg(m, "a0") == 4
    assert reg(m, "lr") == m.prog["site"] + 16
    assert reg(m, "s0") == m.prog["site"] + 16


def test_jr_and_callr():
    m, _ = run("""
        li a1, target
        li a0, 0
    site:
        callr a1
        li a2, after
        jr a2
        li a0, 99
    after:
        halt
    target:
        addi a0, a0, 5
        ret
    """, max_instructions=20)
    assert reg(m, "a0") == 5
    assert reg(m, "lr") == m.prog["site"] + 8


def test_callr_through_lr_jumps_to_old_lr():
    # callr reads its target before it overwrites lr
    m, _ = run("""
        li lr, target
    site:
        callr lr
        halt
    target:
        li a0, 7
        halt
    """, max_instructions=20)
    assert reg(m, "a0") == 7
    assert reg(m, "lr") == m.prog["site"] + 8


@pytest.mark.parametrize("offset", [4, 1, 2])
def test_misaligned_pc_traps_with_execute_access(offset):
    m, _ = run(with_traps(f"""
        li a1, target+{offset}
        jr a1
    target:
        nop
    """), max_instructions=200, expect=None)
    t = traps(m)[0]
    target = m.prog["target"] + offset
    assert t["cause"] == 4
    assert t["badaddr"] == target
    assert t["access"] == 2
    # the trap is taken at the fetch: epc is the misaligned pc itself
    assert t["epc"] == target


def test_jump_outside_ram_is_an_execute_page_fault():
    m, _ = run(with_traps("""
        li a1, 0x200000
        jr a1
    """), max_instructions=200, mem_mib=1, expect=None)
    t = traps(m)[0]
    assert (t["cause"], t["badaddr"], t["access"], t["epc"]) == (2, 0x200000, 2, 0x200000)


def test_reset_state_every_core():
    m = make_machine("""
        csrr s0, status
        csrr s1, coreid
        csrr s2, ncores
        mov s3, sp
    spin:
        jmp spin
    """, cores=3, mem_mib=2)
    for c in m.cores:
        assert c.pc == 0x1000 and c.ring == 0
        assert c.regs[1] == c.id and c.regs[2] == 2 << 20 and c.regs[14] == 0
    m.run(max_instructions=3000)     # a round of 500 cycles each
    for c in m.cores:
        assert c.regs[9:13] == [0, c.id, 3, 0]     # status 0: ring 0, IE off, paging off


def test_entry_point_other_than_base():
    from vm.image import Image
    from helpers import assemble
    prog = assemble("li a0, 1\nhalt\nstart:\nli a0, 2\nhalt\n")
    img = Image(prog["start"], prog.image.segments)
    from vm.machine import Machine
    m = Machine()
    m.load_image(img)
    r = m.run(max_instructions=10)
    assert r.reason == "halt" and m.cores[0].regs[1] == 2
