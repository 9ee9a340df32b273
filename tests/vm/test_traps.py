"""Every exception cause: raised, recorded in the control registers, returned from."""

import pytest

from vm import isa
from helpers import make_machine, reg, run, traps, with_traps

CAUSE = isa.CAUSE
OP = {i.name: i.opcode for i in isa.INSTRUCTIONS}
UNUSED_OPCODE = max(OP.values()) + 1


def w0(name, rd=0, rs1=0, rs2=0, extra=0):
    return OP[name] | rd << 8 | rs1 << 12 | rs2 << 16 | extra << 20


ILLEGAL_WORDS = {
    "opcode 0": (0, 0),
    "unused opcode": (UNUSED_OPCODE, 0),
    "opcode 255": (255, 0),
    "nop with rd": (w0("nop", rd=1), 0),
    "nop with imm": (w0("nop"), 5),
    "syscall with rs2": (w0("syscall", rs2=3), 0),
    "li with rs1": (w0("li", rd=1, rs1=2), 7),
    "mov with imm": (w0("mov", rd=1, rs1=2), 1),
    "mov with rs2": (w0("mov", rd=1, rs1=2, rs2=3), 0),
    "add with imm": (w0("add", 1, 2, 3), 4),
    "add with high bits": (w0("add", 1, 2, 3, extra=1), 0),
    "jmp with rd": (w0("jmp", rd=1), 0x1000),
    "jr with rd": (w0("jr", rd=1, rs1=2), 0),
    "jr with imm": (w0("jr", rs1=2), 8),
    "sw with rd": (w0("sw", rd=1, rs1=2, rs2=3), 0),
    "beq with rd": (w0("beq", rd=1, rs1=2, rs2=3), 0x1000),
    "csrr unknown csr": (w0("csrr", rd=1), 31),
    "csrw unknown csr": (w0("csrw", rs1=1), 21),
    "csrr with rs1": (w0("csrr", rd=1, rs1=1), 0),
    "tlbwr with rd": (w0("tlbwr", rd=1, rs1=2, rs2=3), 0),
}


@pytest.mark.parametrize("what", sorted(ILLEGAL_WORDS))
def test_illegal_instruction(what):
    a, b = ILLEGAL_WORDS[what]
    m, _ = run(with_traps(f"""
        li a0, 5
        li a1, 6
        li a2, 7
    bad:
        .word {a}, {b}
        li a3, 1
    """), max_instructions=200)
    (t,) = traps(m)
    assert t["cause"] == CAUSE["illegal"]
    assert t["epc"] == m.prog["bad"]
    assert [reg(m, r) for r in ("a0", "a1", "a2", "a3")] == [5, 6, 7, 1]
    assert m.counters()["traps"]["illegal"] == 1


def test_legal_encodings_decode():
    # the encoder's output of every instruction decodes to itself
    for insn in isa.INSTRUCTIONS:
        imm = 3 if insn.form in ("CSRR", "CSRW") else (0x1234 if "imm" in isa.FORM_FIELDS[insn.form] else 0)
        fields = isa.FORM_FIELDS[insn.form]
        raw = isa.encode(insn.name, 1 if "rd" in fields else 0, 2 if "rs1" in fields else 0,
                         3 if "rs2" in fields else 0, imm)
        d = isa.decode_bytes(raw)
        assert d is not None and d.insn is insn, insn.name


@pytest.mark.parametrize("op", ["div", "divu", "rem", "remu"])
@pytest.mark.parametrize("form", ["R", "I"])
def test_division_by_zero_traps_at_the_div(op, form):
    insn = f"{op} a0, a1, a2" if form == "R" else f"{op}i a0, a1, 0"
    m, _ = run(with_traps(f"""
        li a0, 77
        li a1, 10
        li a2, 0
    bad:
        {insn}
        li a3, 1
    """), max_instructions=200)
    (t,) = traps(m)
    assert t["cause"] == CAUSE["divzero"] and t["epc"] == m.prog["bad"]
    assert reg(m, "a0") == 77 and reg(m, "a3") == 1


def test_division_by_zero_into_r0_still_traps():
    m, _ = run(with_traps("li a1, 1\ndiv zero, a1, zero\n"), max_instructions=200)
    assert [t["cause"] for t in traps(m)] == [CAUSE["divzero"]]


def test_syscall_epc_is_the_next_instruction():
    m, _ = run(with_traps("""
    sc:
        syscall
    next:
        li a0, 1
    """), max_instructions=200)
    (t,) = traps(m)
    assert t["cause"] == CAUSE["syscall"] and t["epc"] == m.prog["next"]
    assert reg(m, "a0") == 1


def test_brk_epc_is_the_brk():
    m, _ = run(with_traps("""
    bp:
        brk
        li a0, 1
    """), max_instructions=200)
    (t,) = traps(m)
    assert t["cause"] == CAUSE["breakpoint"] and t["epc"] == m.prog["bp"]


def test_syscall_and_brk_count_as_instructions():
    m, r = run("""
        li t0, vectors
        csrw vec, t0
        syscall
        brk
        halt
    skip:
        csrr t0, epc
        addi t0, t0, 8
        csrw epc, t0
        iret
    .align 64
    vectors:
    """ + "nop\n" * CAUSE["breakpoint"] + "jmp skip\niret\n", max_instructions=50)
    c = m.counters()
    assert c["traps"]["syscall"] == 1 and c["traps"]["breakpoint"] == 1
    # setup 2, syscall, iret, brk, jmp + 4 handler instructions, halt
    assert c["instructions"] == 2 + 1 + 1 + 1 + 5 + 1
    assert r.instructions == c["instructions"]


def test_trap_saves_ie_and_iret_restores_it():
    m, _ = run(with_traps("""
        sti
        syscall
        csrr s0, status
        cli
        syscall
        csrr s1, status
    """), max_instructions=200)
    t1, t2 = traps(m)
    assert t1["estatus"] == 1 and t1["status"] == 0      # IE saved, off in the handler
    assert t2["estatus"] == 0 and t2["status"] == 0
    assert reg(m, "s0") == 1 and reg(m, "s1") == 0


def test_iret_goes_to_epc_with_estatus():
    m, _ = run("""
        li t0, there
        csrw epc, t0
        li t0, 1
        csrw estatus, t0
        iret
        li a0, 99
    there:
        csrr a1, status
        halt
    """, max_instructions=20)
    assert reg(m, "a0") == 0 and reg(m, "a1") == 1


def test_trap_from_ring0_keeps_sp_and_usp():
    m, _ = run(with_traps("""
        li t0, 0x5555
        csrw usp, t0
        li t0, 0x9000
        csrw ksp, t0
        li sp, 0x7000
        syscall
        mov s0, sp
    """), max_instructions=200)
    (t,) = traps(m)
    assert t["sp"] == 0x7000 and t["usp"] == 0x5555
    assert reg(m, "s0") == 0x7000


def test_badaddr_and_access_only_change_on_address_faults():
    m, _ = run(with_traps("""
        li s0, 0x200000
        sw zero, 0(s0)       # page fault, write
        syscall
        brk
        div a0, a0, zero
    """), max_instructions=300, mem_mib=1)
    records = traps(m)
    assert [t["cause"] for t in records] == [2, 7, 6, 5]
    assert all(t["badaddr"] == 0x200000 and t["access"] == 1 for t in records)


def test_trap_entry_cost_and_vector_slot():
    # the syscall slot (vec + 8*7) holds iret itself
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        syscall
        halt
    .align 64
    vectors:
    """ + "nop\n" * CAUSE["syscall"] + "iret\n", max_instructions=20)
    c = m.cores[0]
    # li 1 + csrw 1 + syscall 1 + trap 10 + iret 2 + halt (sw 2 + mmio 10)
    assert c.cycles == 1 + 1 + 1 + 10 + 2 + 12
    assert c.instructions == 5


def test_double_fault_when_the_vector_table_is_not_in_memory():
    m, r = run("""
        li t0, 0x200000
        csrw vec, t0
        brk
    """, max_instructions=100, mem_mib=1, expect="doublefault")
    assert "core 0" in r.message and "pagefault" in r.message
    assert m.counters()["traps"]["breakpoint"] == 1


def test_no_vector_table_at_all_ends_in_a_double_fault():
    # vec = 0 and memory there is zero: an illegal instruction at its own entry
    _, r = run(".word 0xFF, 0\n", max_instructions=100, expect="doublefault")
    assert "illegal" in r.message


def test_trap_counters_by_cause():
    m, _ = run(with_traps("""
        syscall
        syscall
        brk
        li a1, 0
        divu a0, a0, a1
        .word 0, 0
        li s0, 2
        lw a0, 0(s0)
    """), max_instructions=300)
    t = m.counters()["traps"]
    assert (t["syscall"], t["breakpoint"], t["divzero"], t["illegal"], t["misaligned"]) == (2, 1, 1, 1, 1)
    assert t["pagefault"] == t["timer"] == t["privileged"] == 0
    assert set(t) == {name for _, name, _ in isa.TRAP_CAUSES}


def test_fault_in_handler_loop_is_bounded_by_the_budget():
    # a handler that re-executes the faulting instruction forever: each trap
    # counts against the budget, so the run ends with 'limit'
    m = make_machine("""
        li t0, vectors
        csrw vec, t0
        div a0, a0, zero
    .align 64
    vectors:
    """ + "nop\n" * CAUSE["divzero"] + "iret\n")
    r = m.run(max_instructions=1000)
    assert r.reason == "limit" and r.instructions == 1000


def test_read_only_csrs_ignore_writes():
    m, _ = run(with_traps("""
        brk                       # cause, badaddr... now hold something
        li t0, 0x12345678
        csrw cause, t0
        csrw badaddr, t0
        csrw access, t0
        csrw coreid, t0
        csrw ncores, t0
        csrw cycle, t0
        csrw cycleh, t0
        csrw instret, t0
        csrw memsize, t0
        csrr a0, cause
        csrr a1, coreid
        csrr a2, ncores
        csrr a3, memsize
        csrr a4, cycleh
        csrr a5, instret
    """), max_instructions=300)
    assert reg(m, "a0") == isa.CAUSE["breakpoint"]
    assert (reg(m, "a1"), reg(m, "a2"), reg(m, "a3"), reg(m, "a4")) == (0, 1, 1 << 20, 0)
    assert reg(m, "a5") < 100


def test_writable_csrs_read_back():
    names = ["epc", "estatus", "vec", "ksp", "usp", "ptbr", "scratch"]
    body = "li t0, 0xABCDE000\n" + "".join(f"csrw {n}, t0\ncsrr t1, {n}\nsw t1, out+{4 * i}(zero)\n"
                                         for i, n in enumerate(names))
    m, _ = run(body + "halt\n.align 8\nout: .space 64\n", max_instructions=100)
    from helpers import word
    assert [word(m, m.prog["out"] + 4 * i) for i in range(len(names))] == [0xABCDE000] * len(names)


def test_asid_is_eight_bits_and_status_keeps_only_its_bits():
    m, _ = run("""
        li t0, 0x1FF
        csrw asid, t0
        csrr a0, asid
        li t0, 0xFFFFF0F8          # no IE, PG or SWTLB bit set
        csrw status, t0
        csrr a1, status
        halt
    """, max_instructions=20)
    assert reg(m, "a0") == 0xFF
    assert reg(m, "a1") == 0
