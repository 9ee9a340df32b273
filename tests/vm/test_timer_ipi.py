"""The per-core timer, wfi, inter-processor interrupts and the ipend register."""

from vm import isa
from helpers import reg, run, traps, with_traps, word

TIMER, IPI = isa.CAUSE["timer"], isa.CAUSE["ipi"]


def vectors(**slots):
    """A vector table; slots maps cause name -> label to jump to (others halt with 98)."""
    lines = [".align 64", "vectors:"]
    for _, name, _ in isa.TRAP_CAUSES:
        lines.append(f"    jmp {slots.get(name, 'unexpected')}")
    lines += ["unexpected:", "    li t0, 98", "    sw t0, POWER(zero)"]
    return "\n".join(lines) + "\n"


def test_timer_interrupt_lands_at_the_programmed_cycle():
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        sti
        li t1, 100
        csrr s0, cycle
        csrw timer, t1            # at cycle s0 + 1: deadline s0 + 101
    loop:
        addi a0, a0, 1
    back:
        jmp loop
    handler:
        csrr s1, cycle
        csrr s2, epc
        csrr s3, estatus
        halt
    """ + vectors(timer="handler"), max_instructions=1000)
    s0 = reg(m, "s0")
    # + 1 for the vector slot's jmp to the handler
    assert reg(m, "s1") == s0 + 1 + 100 + isa.COST["trap"] + 1
    assert reg(m, "s2") == m.prog["back"]      # 99 one-cycle instructions ran: the next is the jmp
    assert reg(m, "a0") == 50
    assert reg(m, "s3") == 1                    # IE was on, ring 0
    assert m.counters()["traps"]["timer"] == 1


def test_timer_waits_for_a_long_instruction_to_finish():
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        sti
        li t1, 5
        li a1, 7
        csrr s0, cycle
        csrw timer, t1            # deadline s0 + 6, in the middle of the div
        nop
        nop
    long:
        div a2, a1, a1            # runs from s0 + 4 to s0 + 16
    after:
        nop
        jmp after
    handler:
        csrr s1, cycle
        csrr s2, epc
        halt
    """ + vectors(timer="handler"), max_instructions=1000)
    s0 = reg(m, "s0")
    assert reg(m, "a2") == 1
    assert reg(m, "s2") == m.prog["after"]
    assert reg(m, "s1") == s0 + 4 + 12 + isa.COST["trap"] + 1


def test_timer_reads_cycles_left_and_zero_after_firing():
    m, _ = run("""
        li t1, 1000
        csrw timer, t1
        csrr a0, timer
        nop
        csrr a1, timer
        li t1, 3
        csrw timer, t1
        nop
        nop
        nop
        nop
        csrr a2, timer
        csrr a3, ipend
        halt
    """, max_instructions=100)
    assert (reg(m, "a0"), reg(m, "a1"), reg(m, "a2")) == (999, 997, 0)
    assert reg(m, "a3") == 1          # fired with IE off: pending, not taken


def test_timer_cancel_with_zero():
    m, _ = run(with_traps("""
        sti
        li t1, 50
        csrw timer, t1
        csrw timer, zero
        csrr a1, timer
        li a0, 200
    spin:
        subi a0, a0, 1
        bnez a0, spin
        csrr a2, ipend
    """), max_instructions=1000)
    assert traps(m) == []
    assert reg(m, "a1") == 0 and reg(m, "a2") == 0


def test_pending_timer_taken_when_interrupts_are_enabled():
    m, _ = run(with_traps("""
        li t1, 2
        csrw timer, t1
        nop
        nop
        nop
        csrr a0, ipend
        sti
    after:
        csrr a1, ipend
    """), max_instructions=1000)
    (t,) = traps(m)
    assert t["cause"] == TIMER and t["epc"] == m.prog["after"] and t["estatus"] == 1
    assert reg(m, "a0") == 1
    assert reg(m, "a1") == 0          # taking a timer interrupt clears its pending bit


def test_periodic_timer():
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        li t1, 300
        csrw timer, t1
        sti
    spin:
        addi a0, a0, 1
        jmp spin
    tick:
        csrr t0, cycle
        shli t1, s0, 2
        sw t0, times(t1)
        addi s0, s0, 1
        li t1, 5
        beq s0, t1, stop
        li t1, 300
        csrw timer, t1
        iret
    stop:
        halt
    .align 8
    times: .space 20
    """ + vectors(timer="tick"), max_instructions=10_000)
    times = [word(m, m.prog["times"] + 4 * i) for i in range(5)]
    gaps = [b - a for a, b in zip(times, times[1:])]
    # re-armed 5 instructions after the previous tick's csrr: 300 + 1 (csrw)
    # + trap entry... every gap is the same
    assert len(set(gaps)) == 1
    assert 300 <= gaps[0] <= 300 + 20
    assert m.counters()["traps"]["timer"] == 5


def test_wfi_with_timer_skips_ahead_and_counts_idle_cycles():
    m, r = run("""
        li t1, 1000000
        csrr s1, cycle
        csrw timer, t1            # deadline s1 + 1 + 1000000
        wfi                       # interrupts off: wakes, continues after wfi
        csrr s0, cycle
        csrr a0, ipend
        halt
    """, max_instructions=100)
    s1 = reg(m, "s1")
    assert reg(m, "s0") == s1 + 1 + 1_000_000
    assert reg(m, "a0") == 1
    c = m.cores[0]
    assert c.idle_cycles == 1_000_000 - 2      # from the end of wfi to the deadline
    assert r.instructions == 7                 # no spinning
    assert c.instructions == 7


def test_wfi_with_interrupt_enabled_takes_it_after_wfi():
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        li t1, 5000
        csrw timer, t1
        sti
        wfi
    after:
        halt
    handler:
        csrr s2, epc
        halt
    """ + vectors(timer="handler"), max_instructions=100)
    assert reg(m, "s2") == m.prog["after"]
    assert m.cores[0].idle_cycles > 4900


def test_wfi_returns_at_once_if_an_interrupt_is_pending():
    m, _ = run("""
        csrw ipi, zero            # to myself; interrupts off
        wfi
        csrr a0, ipend
        li t0, 2
        csrw ipend, t0            # write 1 bits to clear
        csrr a1, ipend
        halt
    """, max_instructions=100)
    assert reg(m, "a0") == 2 and reg(m, "a1") == 0
    assert m.cores[0].idle_cycles == 0


def test_every_core_waiting_forever_is_idle():
    m, r = run("""
        wfi
        halt
    """, cores=2, max_instructions=1000, expect="idle")
    assert r.instructions == 2
    assert "wait" in r.message


def test_ipi_wakes_a_core_from_wfi():
    m, _ = run("""
        bnez a0, core1
        li t0, 3000
    delay:
        subi t0, t0, 1
        bnez t0, delay
        li t0, 1
        csrw ipi, t0
    wait:
        lw t0, flag(zero)
        beqz t0, wait
        halt
    core1:
        li t0, vectors
        csrw vec, t0
        sti
    sleep:
        wfi
        jmp sleep
    on_ipi:
        csrr t0, ipend
        sw t0, seen(zero)
        li t0, 1
        sw t0, flag(zero)
        iret
    .align 8
    flag: .word 0
    seen: .word 0xFFFF
    """ + vectors(ipi="on_ipi"), cores=2, max_instructions=50_000)
    c1 = m.counters()["cores"][1]
    assert c1["traps"]["ipi"] == 1
    assert word(m, m.prog["seen"]) == 0          # taking the IPI cleared its bit
    assert c1["idle_cycles"] > 3000
    assert c1["instructions"] < 20


def test_ipi_to_a_missing_core_is_ignored():
    m, _ = run("""
        li t0, 7
        csrw ipi, t0
        csrr a0, ipend
        halt
    """, cores=2, max_instructions=100)
    assert reg(m, "a0") == 0
    assert all(c.ipend == 0 for c in m.cores)


def test_lowest_cause_first_when_several_are_pending():
    m, _ = run(with_traps("""
        csrw ipi, zero
        li t1, 1
        csrw timer, t1
        nop
        nop
        sti
        nop
    """), max_instructions=1000)
    assert [t["cause"] for t in traps(m)] == [TIMER, IPI]


def test_ipend_write_clears_a_pending_timer():
    m, _ = run(with_traps("""
        li t1, 1
        csrw timer, t1
        nop
        nop
        li t0, 1
        csrw ipend, t0
        sti
        nop
    """), max_instructions=1000)
    assert traps(m) == []


def test_interrupt_from_user_mode_switches_stack():
    m, _ = run(with_traps("""
        li t0, 0x8000
        csrw ksp, t0
        li t1, 40
        csrw timer, t1
        li t0, 0x301
        csrw estatus, t0
        li t0, user
        csrw epc, t0
        iret
    user:
        li sp, 0x6000
        li a0, 100
    spin:
        subi a0, a0, 1
        bnez a0, spin
    """), max_instructions=1000)
    (t,) = traps(m)
    assert t["cause"] == TIMER and t["estatus"] == 0x301
    assert t["sp"] == 0x8000 and t["usp"] == 0x6000
    assert m.cores[0].ring == 3 and reg(m, "sp") == 0x6000


def test_timers_are_per_core():
    m, _ = run("""
        bnez a0, core1
        li t1, 100
        csrw timer, t1
    spin0:
        csrr t0, ipend
        beqz t0, spin0
        csrr s0, cycle
    wait:
        lw t0, flag(zero)
        beqz t0, wait
        halt
    core1:
        li t1, 2000
        csrw timer, t1
    spin1:
        csrr t0, ipend
        beqz t0, spin1
        csrr s0, cycle
        li t0, 1
        sw t0, flag(zero)
    park:
        wfi
        jmp park
    .align 8
    flag: .word 0
    """, cores=2, max_instructions=50_000)
    assert 100 <= reg(m, "s0", 0) < 110
    assert 2000 <= reg(m, "s0", 1) < 2010
