"""Debugger hooks, tracing and single-stepping."""

import pytest

from vm import isa
from vm.errors import MinosError
from helpers import (PageTables, image_end, make_machine, paging_on, reg, run,
                     with_traps)

STRAIGHT = """
    li a0, 1
    li s0, buf
    sw a0, 0(s0)
    lw a1, 0(s0)
    sb a1, 5(s0)
    lhu a2, 4(s0)
    halt
.align 8
buf: .word 0, 0
"""


def test_insn_hook_sees_every_instruction():
    m = make_machine(STRAIGHT)
    seen = []
    m.add_hook("insn", lambda core, pc: seen.append((core.id, pc)))
    run(None, machine=m, max_instructions=100)
    assert seen == [(0, 0x1000 + 8 * i) for i in range(7)]


def test_stop_from_a_hook_pauses_before_the_instruction():
    m = make_machine(STRAIGHT)
    target = 0x1000 + 3 * 8

    stops = []

    def hook(core, pc):
        if pc == target and not stops:      # a debugger steps over its breakpoint once
            stops.append(pc)
            m.stop()

    m.add_hook("insn", hook)
    r = m.run(max_instructions=100)
    assert r.reason == "stopped" and r.instructions == 3
    assert m.cores[0].pc == target and reg(m, "a1") == 1 << 20     # a1 still as at reset
    r = m.run(max_instructions=100)
    assert r.reason == "halt" and reg(m, "a1") == 1
    assert m.cores[0].instructions == 7


def test_mem_hook_reports_loads_and_stores():
    m = make_machine(STRAIGHT)
    seen = []
    buf = m.prog["buf"]
    m.add_hook("mem", lambda core, vaddr, size, access, value:
               seen.append(((vaddr - buf) & isa.MASK, size, access, value)))
    run(None, machine=m, max_instructions=100)
    halt = ((0xF0002000 - buf) & isa.MASK, 4, 1, 0)      # the halt store
    assert seen == [(0, 4, 1, 1), (0, 4, 0, 1), (5, 1, 1, 1), (4, 2, 0, 0x100), halt]


def test_mem_hook_removed():
    m = make_machine(STRAIGHT)
    seen = []
    fn = lambda *a: seen.append(a)
    m.add_hook("mem", fn)
    m.remove_hook("mem", fn)
    run(None, machine=m, max_instructions=100)
    assert seen == []


def test_trap_hook():
    m = make_machine(with_traps("syscall\nbrk\n"))
    seen = []
    m.add_hook("trap", lambda core, cause, epc: seen.append((cause, epc)))
    run(None, machine=m, max_instructions=1000)
    assert [c for c, _ in seen] == [isa.CAUSE["syscall"], isa.CAUSE["breakpoint"]]
    assert seen[1][1] == seen[0][1]          # brk follows syscall: epc of syscall = the brk


def test_unknown_hook_kind_is_a_clear_error():
    m = make_machine(STRAIGHT)
    with pytest.raises(MinosError, match="unknown hook kind"):
        m.add_hook("bogus", print)


BUSY = """
    li t0, vectors
    csrw vec, t0
    li t1, 700
    csrw timer, t1
    sti
    li s0, 0
    li s1, lock
loop:
    li t0, 1
    swap t0, s1, t0
    bnez t0, loop
    lw t0, count(zero)
    addi t0, t0, 1
    sw t0, count(zero)
    sw zero, 0(s1)
    lw t0, count(zero)
    li t1, 400
    bltu t0, t1, loop
    halt
tick:
    addi s0, s0, 1
    li t1, 700
    csrw timer, t1
    iret
.align 8
lock: .word 0
count: .word 0
.align 128
vectors:
""" + "\n".join("jmp tick" if n == isa.CAUSE["timer"] else "halt" for n in range(isa.NCAUSES)) + "\n"


@pytest.mark.parametrize("seed", [None, 5])
def test_hooks_do_not_change_execution(seed):
    plain, _ = run(BUSY, cores=2, seed=seed, max_instructions=100_000)
    hooked = make_machine(BUSY, cores=2, seed=seed)
    hooked.add_hook("insn", lambda core, pc: None)
    hooked.add_hook("trap", lambda core, cause, epc: None)
    hooked.add_hook("mem", lambda *a: None)
    run(None, machine=hooked, max_instructions=100_000)
    assert hooked.counters() == plain.counters()
    assert [c.regs for c in hooked.cores] == [c.regs for c in plain.cores]
    assert plain.counters()["traps"]["timer"] > 0


def test_tracer_reports_events():
    m = make_machine(with_traps(paging_on() + """
        li t0, 0x300
        csrw estatus, t0
        li t0, user
        csrw epc, t0
        iret
    user:
        syscall
    """), mem_mib=4)
    pt = PageTables(m)
    pt.identity(0x1000, image_end(m), "rwx", ring=3)
    pt.map(0xF0002000, 0xF0002000, "rw", ring=3)
    events = []
    m.set_tracer(lambda kind, core, text: events.append((kind, text)))
    run(None, machine=m, max_instructions=1000)
    kinds = {k for k, _ in events}
    assert {"trap", "tlb", "ring"} <= kinds
    assert any("syscall" in t for k, t in events if k == "trap")
    m.set_tracer(None)
    assert not m.tracing


def test_step_runs_one_instruction():
    m = make_machine(STRAIGHT)
    assert m.step(0) == 1
    assert reg(m, "a0") == 1 and m.cores[0].pc == 0x1008
    assert m.step(0) == 1
    assert reg(m, "s0") == m.prog["buf"]
    assert m.cores[0].instructions == 2


def test_step_takes_a_trap():
    m = make_machine(with_traps("syscall\n"))
    for _ in range(2):
        m.step(0)
    assert m.step(0) == 1                                  # the syscall traps
    assert m.cores[0].pc == m.prog["__vectors"] + 8 * isa.CAUSE["syscall"]


def test_step_delivers_interrupts():
    m = make_machine(with_traps("""
        li t1, 5
        csrw timer, t1
        sti
    spin:
        jmp spin
    """))
    for _ in range(100):
        m.step(0)
    assert m.counters()["traps"]["timer"] == 1


def test_step_on_halted_machine_does_nothing():
    m, _ = run(STRAIGHT, max_instructions=100)
    assert m.step(0) == 0


def test_tracer_insn_lines_and_kinds():
    from vm.trace import Tracer, parse_kinds
    m = make_machine(with_traps("li a0, 5\nsyscall\n"))
    out = []
    Tracer(parse_kinds("insn,trap"), out.append).attach(m)
    run(None, machine=m, max_instructions=1000)
    lines = "".join(out).splitlines()
    assert lines[0] == "insn  core 0 ring 0 pc 0x00001000  li t0, " + hex(m.prog["__vectors"])
    assert any(l.startswith("insn  core 0 ring 0 pc 0x00001010  li a0, 5") for l in lines)
    assert any(l.startswith("trap  core 0: syscall epc 0x1020") for l in lines)
    assert not any(l.startswith(("tlb", "ring", "disk", "irq")) for l in lines)
    assert len([l for l in lines if l.startswith("insn")]) == m.counters()["instructions"]


def test_trace_kinds_parsing():
    from vm.trace import KINDS, parse_kinds
    assert parse_kinds("") == list(KINDS)
    assert parse_kinds("tlb, ring") == ["tlb", "ring"]
    with pytest.raises(MinosError, match="unknown trace kind 'tlbs'"):
        parse_kinds("trap,tlbs")


def test_tracing_does_not_change_execution():
    from vm.trace import KINDS, Tracer
    plain, _ = run(BUSY, cores=2, seed=3, max_instructions=100_000)
    traced = make_machine(BUSY, cores=2, seed=3)
    Tracer(KINDS, lambda line: None).attach(traced)
    run(None, machine=traced, max_instructions=100_000)
    assert traced.counters() == plain.counters()
