"""Counters: exact instruction and cycle counts from the cost model in vm/isa.py."""

from vm import isa
from helpers import reg, run, with_traps

CYC = {i.name: i.cycles for i in isa.INSTRUCTIONS}


def test_straight_line_cycles_match_the_table():
    alu = [i.name for i in isa.INSTRUCTIONS if i.kind in ("alu", "div")]
    lines = ["li a1, 1000", "li a2, 7"] + [
        f"{n} a0, a1, a2" if isa.BY_NAME[n].form == "R" else f"{n} a0, a1, 3" for n in alu]
    lines += [
        "mov a3, a1",
        "li s0, buf",
        "lw a0, 0(s0)", "lh a0, 0(s0)", "lhu a0, 0(s0)", "lb a0, 0(s0)", "lbu a0, 0(s0)",
        "sw a0, 0(s0)", "sh a0, 0(s0)", "sb a0, 0(s0)",
        "swap a0, s0, a1", "cas a0, s0, a1",
        "beq a1, a2, never", "bne a1, a1, never", "blt a1, a2, never",
        "bge a2, a1, never", "bltu a1, a2, never", "bgeu a2, a1, never",
        "beq a1, a1, t1", "t1:",
        "jmp t2", "t2:",
        "call f",
        "li t0, f", "callr t0",
        "nop",
        "li a2, 64", "li a0, buf", "li a1, buf+64",
        "bcopy a1, a0, a2",
        "bfill a1, a0, a2",
        "tlbflush", "tlbflushpg a0", "tlbflushasid a0", "tlbwr a0, zero",
        "csrr a0, coreid", "csrw scratch, a0",
        "cli", "sti", "cli",
        "halt",
        "never: halt",
        "f: ret",
        ".align 8", "buf: .space 128",
    ]
    m, _ = run("\n".join(lines), max_instructions=1000)
    ran = (["li", "li"] + alu + ["mov", "li"] + ["lw", "lh", "lhu", "lb", "lbu", "sw", "sh", "sb"]
           + ["swap", "cas"] + ["beq", "bne", "blt", "bge", "bltu", "bgeu", "beq", "jmp"]
           + ["call", "jr", "li", "callr", "jr", "nop", "li", "li", "li", "bcopy", "bfill"]
           + ["tlbflush", "tlbflushpg", "tlbflushasid", "tlbwr", "csrr", "csrw", "cli", "sti", "cli"]
           + ["sw"])
    c = m.cores[0]
    assert c.instructions == len(ran)
    block = 2 * 64 // 4 * isa.COST["block_per_word"]
    assert c.cycles == sum(CYC[n] for n in ran) + block + isa.COST["mmio"]
    assert c.tlb_flushes == 3


def test_instret_and_cycle_csrs():
    m, _ = run("""
        nop
        mul a0, a0, a0
        csrr a1, instret
        csrr a2, cycle
        halt
    """, max_instructions=10)
    assert reg(m, "a1") == 2                  # retired before this csrr
    assert reg(m, "a2") == 1 + CYC["mul"] + 1


def test_cycle_counter_high_word():
    m, _ = run("""
        li t1, 0xFFFFFFFF
        csrw timer, t1
        wfi
        li t1, 100
        csrw timer, t1
        wfi
        csrr a0, cycleh
        csrr a1, cycle
        lw a2, CLOCK+4(zero)
        halt
    """, max_instructions=100)
    c = m.cores[0]
    assert c.cycles > 1 << 32
    assert reg(m, "a0") == 1 and reg(m, "a2") == 1
    assert reg(m, "a1") == (c.cycles - CYC["csrr"] - CYC["lw"] - isa.COST["mmio"]
                            - CYC["sw"] - isa.COST["mmio"]) & 0xFFFFFFFF


def test_counter_shape_and_sums():
    m, _ = run("""
        bnez a0, other
        li t0, 500
    spin:
        subi t0, t0, 1
        bnez t0, spin
        li t0, 0x41
        sw t0, CONSOLE(zero)
        halt
    other:
        wfi
        jmp other
    """, cores=3, max_instructions=10_000)
    c = m.counters()
    assert set(c) >= {"instructions", "cycles", "idle_cycles", "tlb_hits", "tlb_misses",
                      "tlb_flushes", "ring_switches", "traps", "devices", "cores"}
    assert len(c["cores"]) == 3
    for key in ("instructions", "cycles", "idle_cycles"):
        assert c[key] == sum(core[key] for core in c["cores"])
    assert c["cores"][0]["instructions"] == 2 + 1000 + 3
    assert c["cores"][1]["instructions"] == 2 and c["cores"][2]["instructions"] == 2   # bnez, wfi
    assert c["cores"][1]["idle_cycles"] > 0
    assert c["devices"]["console_tx"] == 1


def test_traps_ring_switches_and_tlb_counted_per_core():
    m, _ = run(with_traps("""
        li t0, 0x300
        csrw estatus, t0
        li t0, user
        csrw epc, t0
        iret
    user:
        syscall
        brk
        syscall
    """), max_instructions=1000)
    c = m.counters()
    assert c["traps"]["syscall"] == 2 and c["traps"]["breakpoint"] == 1
    assert c["ring_switches"] == 1 + 2 * 3
    assert c["tlb_hits"] == c["tlb_misses"] == 0      # paging never on


def test_run_result_counts_instructions_and_traps():
    m, r = run(with_traps("syscall\n"), max_instructions=1000)
    # the budget counts instructions (syscall included) and nothing else here
    assert r.instructions == m.counters()["instructions"]


def test_interrupt_entry_counts_against_the_budget_but_is_no_instruction():
    m, r = run(with_traps("""
        li t1, 10
        csrw timer, t1
        sti
        li a0, 30
    spin:
        subi a0, a0, 1
        bnez a0, spin
    """), max_instructions=1000)
    assert m.counters()["traps"]["timer"] == 1
    assert r.instructions == m.counters()["instructions"] + 1
