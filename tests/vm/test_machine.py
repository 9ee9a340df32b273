"""The Python API of the machine: construction, memory access, scheduling,
running in pieces, stopping and resuming, idling."""

import pytest

from vm.errors import MinosError
from vm.machine import Machine
from helpers import PD, PageTables, make_machine, reg, run
from test_hooks import BUSY


@pytest.mark.parametrize("kwargs, words", [
    (dict(cores=0), "cores"), (dict(cores=17), "cores"),
    (dict(mem_mib=0), "memory"), (dict(mem_mib=2048), "memory"),
    (dict(engine="turbo"), "engine"),
])
def test_bad_construction_is_a_clear_error(kwargs, words):
    with pytest.raises(MinosError, match=words):
        Machine(**kwargs)


def test_sixteen_cores():
    m, _ = run("""
        csrr t0, coreid
        shli t0, t0, 2
        li t1, 1
        sw t1, seen(t0)
        bnez a0, park
    wait:
        li t0, 0
        li s1, 0
    count:
        lw t1, seen(t0)
        add s1, s1, t1
        addi t0, t0, 4
        li t1, 64
        bne t0, t1, count
        li t1, 16
        bne s1, t1, wait
        halt
    park:
        wfi
        jmp park
    .align 8
    seen: .space 64
    """, cores=16, max_instructions=200_000)
    assert m.counters()["cores"][15]["instructions"] > 0


def test_physical_memory_access_checks_range():
    m = Machine(mem_mib=1)
    m.write_phys(0xFFFFC, b"abcd")
    assert m.read_phys(0xFFFFC, 4) == b"abcd"
    for bad in ((0xFFFFD, 4), (0x100000, 1), (-1, 2)):
        with pytest.raises(MinosError, match="outside RAM"):
            m.read_phys(*bad)
    with pytest.raises(MinosError, match="outside RAM"):
        m.write_phys(0xFFFFE, b"abcd")


def test_translate_and_read_virtual_have_no_side_effects():
    m = Machine(mem_mib=2)
    pt = PageTables(m)
    pt.map(0x400000, 0x1F0000, "r")
    m.write_phys(0x1F0FFC, b"wxyz")
    pt.map(0x401000, 0x1E0000, "r")
    m.write_phys(0x1E0000, b"1234")
    before = m.read_phys(PD, 0x3000)
    assert m.translate(PD, 0x400FFC) == 0x1F0FFC
    assert m.read_virtual(PD, 0x400FFC, 8) == b"wxyz1234"
    assert m.read_phys(PD, 0x3000) == before                 # no accessed bits
    assert m.translate(PD, 0x402000) is None
    assert m.translate(0x7FF00000, 0x400000) is None         # directory outside RAM
    with pytest.raises(MinosError, match="not mapped"):
        m.read_virtual(PD, 0x401FFE, 4)
    assert m.read_virtual(None, 0x1E0000, 4) == b"1234"      # paging off: physical
    assert all(not c.tlb.entries for c in m.cores)


@pytest.mark.parametrize("seed", [None, 3])
def test_running_in_pieces_equals_one_run(seed):
    whole, _ = run(BUSY, cores=2, seed=seed, max_instructions=100_000)
    pieces = make_machine(BUSY, cores=2, seed=seed)
    for _ in range(1000):
        r = pieces.run(max_instructions=37)
        if r.reason != "limit":
            break
    assert r.reason == "halt"
    assert pieces.counters() == whole.counters()
    assert [c.regs for c in pieces.cores] == [c.regs for c in whole.cores]


@pytest.mark.parametrize("seed", [None, 6])
def test_stopping_and_resuming_does_not_change_the_run(seed):
    def counted(stop_every):
        m = make_machine(BUSY, cores=2, seed=seed)
        calls = [0]

        def hook(core, pc):
            calls[0] += 1
            if stop_every and calls[0] % stop_every == 0:
                m.stop()
        m.add_hook("insn", hook)
        stops = 0
        while True:
            r = m.run(max_instructions=100_000)
            if r.reason != "stopped":
                break
            stops += 1
        assert r.reason == "halt"
        return m.counters(), stops
    plain, _ = counted(0)
    stopped, stops = counted(97)
    assert stops > 10
    assert stopped == plain


def test_limit_result_says_so():
    m = make_machine("spin: jmp spin\n")
    r = m.run(max_instructions=1234)
    assert (r.reason, r.instructions) == ("limit", 1234)
    assert "1234" in r.message
    assert m.cores[0].instructions == 1234
    assert m.run(max_instructions=0).reason == "limit"


def test_idle_after_every_timer_has_fired():
    m, r = run("""
        addi t1, a0, 1
        muli t1, t1, 100000       # core i sleeps (i + 1) * 100000 cycles
        csrw timer, t1
        wfi                       # interrupts off: wakes up and goes on
        csrr s0, cycle
        li t0, 1
        csrw ipend, t0            # forget the timer
        wfi                       # nothing more can wake anyone
        halt
    """, cores=4, max_instructions=1000, expect="idle")
    assert r.instructions == 4 * 8
    for c in m.cores:
        assert (c.id + 1) * 100000 <= c.regs[9] < (c.id + 1) * 100000 + 10


class OnceInput:
    """Host input like the CLI's: nothing at first; wait() gives bytes once."""

    def __init__(self, data):
        self.data = data
        self.waits = 0

    def read_nowait(self):
        return b""

    def wait(self):
        self.waits += 1
        data, self.data = self.data, None
        return data


def test_machine_sleeps_until_host_input_then_takes_the_interrupt():
    src = """
        li t0, vectors
        csrw vec, t0
        li t0, 1
        sw t0, CONSOLE+12(zero)
        sti
    sleep:
        wfi
        jmp sleep
    on_rx:
        lw a0, CONSOLE+4(zero)
        halt
    .align 128
    vectors:
    """ + "\n".join("jmp on_rx" if n == 10 else "nop" for n in range(12)) + "\n"
    inp = OnceInput(b"k")
    m, r = run(src, console_in=inp, max_instructions=1000)
    assert reg(m, "a0") == ord("k") and inp.waits == 1


def test_host_input_that_raises_nothing_ends_idle():
    inp = OnceInput(b"k")                # receive interrupt never enabled
    m, r = run("wfi\nhalt\n", console_in=inp, max_instructions=1000, expect="idle")
    assert inp.waits == 2


def test_round_robin_order_without_seed():
    m = make_machine("spin: jmp spin\n", cores=3)
    order = []
    m.add_hook("insn", lambda core, pc: order.append(core.id) if not order or order[-1] != core.id else None)
    m.run(max_instructions=3000)
    assert order[:6] == [0, 1, 2, 0, 1, 2]
    assert [c.cycles for c in m.cores] == [1000, 1000, 1000]


def test_load_image_resets_every_core():
    from helpers import with_traps
    m = make_machine(with_traps("""
        li t1, 5000
        csrw timer, t1
        li t0, 7
        csrw asid, t0
        csrw ipi, zero
        li t0, 0x300
        csrw estatus, t0
        li t0, user
        csrw epc, t0
        li t0, 0x4444
        csrw usp, t0
        iret
    user:
    spin:
        jmp spin
    """), cores=2)
    m.run(max_instructions=200)
    assert m.cores[0].ring == 3
    m.load_image(m.prog.image)
    for c in m.cores:
        assert (c.ring, c.ie, c.paging, c.swtlb, c.asid, c.ipend, c.waiting) == (0, 0, 0, 0, 0, 0, False)
        assert c.timer_deadline is None and not c.tlb.entries
        assert all(v == 0 for v in c.csr)
        assert c.pc == 0x1000 and c.regs[1] == c.id
