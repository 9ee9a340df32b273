"""The two engines side by side on programs aimed at the fast engine's seams:
block boundaries, budgets that stop inside a block, code rewritten while it
runs, faults in the middle of a block, permissions cached in translations.
Each test runs a program on both engines and compares everything observable."""

import hashlib

import pytest

from vm import isa
from vm.machine import ENGINES
from helpers import PageTables, assemble, image_end, paging_on, to_ring, with_traps, word
from vm.machine import Machine

BOTH_ENGINES_INSIDE = True


def state(m, r):
    return {
        "reason": r.reason, "budget_used": r.instructions, "exit": r.exit_code,
        "regs": [list(c.regs) for c in m.cores], "pc": [c.pc for c in m.cores],
        "ring": [c.ring for c in m.cores], "csr": [list(c.csr) for c in m.cores],
        "ipend": [c.ipend for c in m.cores],
        "memory": hashlib.sha256(m.memory.ram).hexdigest(),
        "counters": m.counters(), "output": m.console_output,
    }


def both(src, budgets=(200_000,), setup=None, cores=1, **kw):
    """Run `src` on each engine, in pieces of the given budgets; compare the
    state after every piece. Returns the reference machine."""
    prog = assemble(src)
    states, machines = {}, {}
    for engine in sorted(ENGINES):
        m = Machine(cores=cores, engine=engine, **kw)
        m.load_image(prog.image)
        m.prog = prog
        if setup:
            setup(m)
        states[engine] = [state(m, m.run(max_instructions=b)) for b in budgets]
        machines[engine] = m
    ref = states["ref"]
    for engine, got in states.items():
        for i, (a, b) in enumerate(zip(ref, got)):
            diff = {k for k in a if a[k] != b[k]}
            assert not diff, f"{engine} differs from ref after piece {i} in {sorted(diff)}"
    return machines["ref"]


STRAIGHT = "\n".join(f"addi a{1 + i % 5}, a{1 + (i + 1) % 5}, {i}" for i in range(40))


@pytest.mark.parametrize("n", [1, 2, 7, 20, 39, 40, 41, 45])
def test_budget_stops_inside_a_straight_block(n):
    m = both(STRAIGHT + "\nhalt\n", budgets=(n, 3, 100))
    assert m.counters()["instructions"] == 41


LOOP = """
    li a0, 0
    li a1, 100
loop:
    addi a0, a0, 3
    mul a2, a0, a0
    subi a1, a1, 1
    bnez a1, loop
    halt
"""


@pytest.mark.parametrize("n", [1, 3, 4, 5, 6, 50, 101, 399, 400, 401])
def test_budget_stops_inside_a_looping_block(n):
    both(LOOP, budgets=(n, 17, 1000))


def test_timer_lands_inside_a_straight_block():
    src = with_traps("""
        li t1, 23
        csrw timer, t1
        sti
    """ + STRAIGHT)
    m = both(src)
    assert m.counters()["traps"]["timer"] == 1


@pytest.mark.parametrize("delay", [1, 2, 5, 37, 100, 101, 255])
def test_timer_inside_a_looping_block(delay):
    both(with_traps(f"""
        li t1, {delay}
        csrw timer, t1
        sti
    """ + LOOP.replace("halt", "")))


def test_store_rewrites_a_later_instruction_of_the_same_block():
    m = both("""
        li a0, 0
        lw t0, new(zero)
        sw t0, target(zero)
        lw t0, new+4(zero)
        sw t0, target+4(zero)
        addi a1, a1, 1
    target:
        addi a0, a0, 1            # becomes addi a0, a0, 100 before it runs
        addi a2, a2, 1
        halt
    .align 8
    new: .word 0, 0
    """, setup=lambda m: m.write_phys(m.prog["new"], isa.encode("addi", 1, 1, 0, 100)))
    assert m.cores[0].regs[1] == 100


def test_store_rewrites_the_looping_block_itself():
    # each iteration bumps the immediate of the addi it is about to run again
    m = both("""
        li a1, 20
    loop:
    patch:
        addi a0, a0, 1
        lw t0, patch+4(zero)
        addi t0, t0, 1
        sw t0, patch+4(zero)
        subi a1, a1, 1
        bnez a1, loop
        halt
    """)
    assert m.cores[0].regs[1] == sum(range(1, 21))


def test_code_rewritten_many_times_through_bcopy():
    m = both("""
        li s0, 0
        li s1, 30
    again:
        li t0, 8
        li a1, versions
        mul t1, s0, t0
        add a1, a1, t1
        li a0, f
        li a2, 8
        bcopy a0, a1, a2          # f's first instruction = versions[s0 % 2]
        call f
        add s2, s2, a0
        addi s0, s0, 1
        andi s0, s0, 1
        subi s1, s1, 1
        bnez s1, again
        halt
    f:
        li a0, 0
        ret
    .align 8
    versions: .space 16
    """, setup=lambda m: m.write_phys(m.prog["versions"], isa.encode("li", 1, imm=1)
                                      + isa.encode("li", 1, imm=1000)))
    assert m.cores[0].regs[11] == 15 * 1001


@pytest.mark.parametrize("fault", [
    "div a0, a0, zero", "lw a0, 2(zero)", "lw a0, 0x7FFFFFF0(zero)", ".word 0, 0", "brk", "syscall",
    "sw a0, 0x7FFFFFF0(zero)", "cas a0, zero, a0", "li t0, 0x3\njr t0",
])
def test_fault_in_the_middle_of_a_block(fault):
    both(with_traps("\n".join(STRAIGHT.split("\n")[:15]) + f"\n{fault}\n"
                    + "\n".join(STRAIGHT.split("\n")[15:])), mem_mib=1)


def test_register_aliasing_and_r0():
    both("""
        li a0, data
        lw a0, 0(a0)              # the base register is the destination
        add a1, a1, a1
        addi zero, a0, 5
        add a2, zero, zero
        li a3, data+4
        sw a3, 0(a3)              # stores its own address
        lw a4, 4(a3)
        swap a4, a3, a4
        mov zero, a4
        halt
    .align 8
    data: .word 0x1234, 0, 0x77
    """)


def paged_setup(extra=None):
    def setup(m):
        pt = PageTables(m)
        pt.identity(0x1000, image_end(m), "rwx", ring=3)
        pt.map(0xF0002000, 0xF0002000, "rw", ring=3)
        pt.map(0x400000, 0x300000, "rw", ring=0)
        pt.map(0x401000, 0x301000, "r", ring=3)
        if extra:
            extra(m, pt)
    return setup


def test_ring3_access_to_a_page_ring0_had_in_the_tlb():
    m = both(with_traps(paging_on() + """
        li s0, 0x400000
        lw a0, 0(s0)              # ring 0: fills the TLB
    """ + to_ring(3, "user") + """
    user:
        lw a1, 0(s0)              # ring 3, TLB hit: must fault
        sw a1, 0(s0)
        li a2, 7
    """), setup=paged_setup(), mem_mib=4)
    from helpers import traps
    assert [t["cause"] for t in traps(m)] == [2, 2]


def test_store_after_load_on_a_read_only_page():
    m = both(with_traps(paging_on() + """
        li s0, 0x401000
        lw a0, 0(s0)
        addi a0, a0, 1
        sw a0, 0(s0)              # read-only: fault, even with the TLB entry present
        addi a1, a1, 1
    """), setup=paged_setup(), mem_mib=4)
    from helpers import traps
    assert [(t["cause"], t["access"]) for t in traps(m)] == [(2, 1)]


def test_code_page_made_non_executable_after_it_ran():
    def extra(m, pt):
        pt.map(0x402000, m.prog["func"], "rwx", ring=0)
        pt.map(0x100000, 0x100000, "rw", size=0x10000)
        m.write_phys(m.prog["pteaddr"], pt.pte_addr(0x402000).to_bytes(4, "little"))
    m = both(with_traps(paging_on() + """
        li s0, 0x402000
        callr s0                  # runs (and gets translated)
        lw t0, pteaddr(zero)
        lw t1, 0(t0)
        andi t1, t1, -5           # clear PTE_X
        sw t1, 0(t0)
        tlbflushpg s0
        li a0, 0
        callr s0                  # must fault with an execute access
    """) + """
    .align 8
    pteaddr: .word 0
    .align 4096
    func:
        li a0, 1
        addi a0, a0, 1
        ret
    """, setup=paged_setup(extra), mem_mib=4)
    from helpers import traps
    t = traps(m)
    assert (t[0]["cause"], t[0]["access"], t[0]["badaddr"]) == (2, 2, 0x402000)


def test_code_crossing_a_page_into_a_different_frame():
    # virtual 0x500000-0x501FFF is code; its second page lives in a frame
    # that is not after the first one, and the frame that is after it holds
    # different code
    def extra(m, pt):
        pt.map(0x500000, 0x200000, "rx", ring=0)
        pt.map(0x501000, 0x210000, "rx", ring=0)
        tail = [isa.encode("addi", 1, 1, 0, 1)] * 4
        first = [isa.encode("nop")] * (512 - 4) + tail
        m.write_phys(0x200000, b"".join(first))
        m.write_phys(0x201000, isa.encode("li", 1, imm=666) + isa.encode("jr", rs1=15))
        m.write_phys(0x210000, isa.encode("addi", 1, 1, 0, 1000) + isa.encode("jr", rs1=15))
    m = both(with_traps(paging_on() + """
        li s0, 0x500000
        li a0, 0
        callr s0
    """), setup=paged_setup(extra), mem_mib=4)
    assert m.cores[0].regs[1] == 1004


def test_running_off_the_end_of_ram():
    def setup(m):
        m.write_phys(0xFFFF0, isa.encode("addi", 1, 1, 0, 1) * 2)
    m = both(with_traps("""
        li t0, 0xFFFF0
        jr t0
    """), setup=setup, mem_mib=1, budgets=(200,))
    from helpers import traps
    t = traps(m)[0]
    assert (t["cause"], t["badaddr"], t["access"]) == (2, 0x100000, 2)


def test_clock_read_in_the_middle_of_a_block_is_exact():
    m = both(STRAIGHT + """
        lw s0, CLOCK(zero)
    """ + STRAIGHT + """
        lw s1, CLOCK(zero)
        halt
    """)
    assert m.cores[0].regs[9] == 40 + isa.COST["mmio"]


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_racy_multicore_program_is_identical(seed):
    src = """
        li s1, 300
    loop:
        lw t1, counter(zero)
        addi t1, t1, 1
        sw t1, counter(zero)
        subi s1, s1, 1
        bnez s1, loop
        bnez a0, park
    wait:
        li t0, 100
    spin:
        subi t0, t0, 1
        bnez t0, spin
        lw t0, done(zero)
        csrr t1, ncores
        subi t1, t1, 1
        bne t0, t1, wait
        halt
    park:
        lw t0, done(zero)
        addi t0, t0, 1
        sw t0, done(zero)     # racy too, but each core does it once, far apart
    sleep:
        wfi
        jmp sleep
    .align 8
    counter: .word 0
    done: .word 0
    """
    both(src, cores=3, seed=seed, budgets=(1000, 777, 100_000))


def test_hot_paging_loop_counters_identical():
    def extra(m, pt):
        pt.map(0x400000, 0x300000, "rw", ring=0, size=0x8000)
    both(with_traps(paging_on() + """
        li s0, 0x400000
        li s1, 200
    loop:
        lw a0, 0(s0)
        addi a0, a0, 1
        sw a0, 4(s0)
        addi s0, s0, 0x100
        andi s0, s0, 0x407FFF
        subi s1, s1, 1
        bnez s1, loop
        tlbflush
        li s1, 50
    loop2:
        lw a0, 0(s0)
        subi s1, s1, 1
        bnez s1, loop2
    """), setup=paged_setup(extra), mem_mib=4, budgets=(100, 1001, 100_000))


def test_another_core_patches_code_this_core_runs():
    m = both("""
        bnez a0, runner
        li t0, 3000
    delay:
        subi t0, t0, 1
        bnez t0, delay
        lw t0, new(zero)
        sw t0, f(zero)
        lw t0, new+4(zero)
        sw t0, f+4(zero)
    wait:
        lw t0, seen(zero)
        beqz t0, wait
        halt
    runner:
        call f
        li t1, 2
        bne a0, t1, runner
        sw a0, seen(zero)
    park:
        wfi
        jmp park
    f:
        li a0, 1
        ret
    .align 8
    new: .word 0, 0
    seen: .word 0
    """, cores=2, setup=lambda m: m.write_phys(m.prog["new"], isa.encode("li", 1, imm=2)))
    assert word(m, m.prog["seen"]) == 2


def test_code_reached_through_two_virtual_aliases():
    def extra(m, pt):
        pt.map(0x600000, m.prog["func"], "rx", ring=0)
        pt.map(0x700000, m.prog["func"], "r", ring=0)        # same frame, not executable
    m = both(with_traps(paging_on() + """
        li s0, 0x600000
        li s1, 0
        li s2, 5
    again:
        callr s0
        add s1, s1, a0
        subi s2, s2, 1
        bnez s2, again
        li s0, 0x700000
        callr s0              # faults: the alias is not executable
    """) + """
    .align 4096
    func:
        li a0, 7
        ret
    """, setup=paged_setup(extra), mem_mib=4)
    from helpers import traps
    assert m.cores[0].regs[10] == 35
    assert [(t["cause"], t["access"], t["badaddr"]) for t in traps(m)][:1] == [(2, 2, 0x700000)]


@pytest.mark.parametrize("src", [STRAIGHT + "\nhalt\n", LOOP, "spin: jmp spin\n"])
def test_step_is_exactly_one_instruction(src):
    prog = assemble(src)
    for engine in sorted(ENGINES):
        m = Machine(engine=engine, mem_mib=1)
        m.load_image(prog.image)
        for i in range(1, 60):
            m.step(0)
            if m.halted:
                break
            assert m.cores[0].instructions == i, engine
