"""Console, disk, power and clock, through their memory-mapped registers."""

import pytest

from vm import isa
from vm.devices import BLOCK_SIZE
from vm.errors import MinosError
from vm.machine import Machine
from helpers import make_machine, reg, run, traps, with_traps, word

CONSOLE_IRQ, DISK_IRQ = isa.CAUSE["console"], isa.CAUSE["disk"]


def vectors(**slots):
    lines = [".align 64", "vectors:"]
    for _, name, _ in isa.TRAP_CAUSES:
        lines.append(f"    jmp {slots.get(name, 'unexpected')}")
    lines += ["unexpected:", "    li t0, 98", "    sw t0, POWER(zero)"]
    return "\n".join(lines) + "\n"


# --- console ---------------------------------------------------------------------------
def test_console_transmit():
    m, _ = run("""
        li s0, msg
        li s1, CONSOLE
    next:
        lbu a0, 0(s0)
        beqz a0, done
        sw a0, 0(s1)
        addi s0, s0, 1
        jmp next
    done:
        halt
    msg: .asciz "hello, minos\\n"
    """, max_instructions=1000)
    assert m.console_output == b"hello, minos\n"
    assert m.counters()["devices"]["console_tx"] == 13


def test_console_transmit_uses_only_the_low_byte():
    m, _ = run("li a0, 0x1234541\nsw a0, CONSOLE(zero)\nhalt\n", max_instructions=10)
    assert m.console_output == b"A"


def test_console_output_callback():
    got = []
    m = Machine(console_out=got.append)
    from helpers import assemble
    m.load_image(assemble("li a0, 0x42\nsw a0, CONSOLE(zero)\nhalt\n").image)
    assert m.run(max_instructions=10).reason == "halt"
    assert b"".join(got) == b"B"


def test_console_receive_polling():
    m, _ = run("""
        li s1, CONSOLE
        lw a0, 8(s1)          # STATUS: input available
        lw a1, 4(s1)          # 'o'
        lw a2, 4(s1)          # 'k'
        lw a3, 8(s1)          # STATUS: empty
        lw a4, 4(s1)          # nothing: 0xFFFFFFFF
        halt
    """, console_in=b"ok", max_instructions=100)
    assert [reg(m, r) for r in ("a0", "a1", "a2", "a3", "a4")] == [1, ord("o"), ord("k"), 0, 0xFFFFFFFF]
    assert m.counters()["devices"]["console_rx"] == 2


RX_IRQ_PROG = """
    li t0, vectors
    csrw vec, t0
    li s1, CONSOLE
    li t0, 1
    sw t0, 12(s1)             # CTRL: receive interrupt on
    lw a0, 12(s1)
    li s0, buf
    sti
sleep:
    wfi
    jmp sleep
on_rx:
    lw t0, 8(s1)
    beqz t0, rx_done
    lw t0, 4(s1)
    sb t0, 0(s0)
    addi s0, s0, 1
    li t1, 10                 # newline: stop
    beq t0, t1, stop
    jmp on_rx
rx_done:
    iret
stop:
    halt
.align 8
buf: .space 32
"""


def test_console_receive_interrupt_from_console_in():
    m, _ = run(RX_IRQ_PROG + vectors(console="on_rx"), console_in=b"abc\n", max_instructions=10_000)
    assert m.read_phys(m.prog["buf"], 4) == b"abc\n"
    assert reg(m, "a0") == 1                       # CTRL reads back
    assert m.counters()["traps"]["console"] == 1


def test_console_receive_interrupt_from_feed_input():
    m = make_machine(RX_IRQ_PROG + vectors(console="on_rx"))
    r = m.run(max_instructions=10_000)
    assert r.reason == "idle"                      # waiting for input, no spinning
    assert r.instructions < 20
    m.feed_input(b"hi")
    r = m.run(max_instructions=10_000)
    assert r.reason == "idle"
    m.feed_input("!\n")
    r = m.run(max_instructions=10_000)
    assert r.reason == "halt"
    assert m.read_phys(m.prog["buf"], 4) == b"hi!\n"
    assert m.counters()["traps"]["console"] == 2


def test_console_without_rx_interrupt_enable_raises_nothing():
    m, _ = run(with_traps("""
        sti
        li a0, 300
    spin:
        subi a0, a0, 1
        bnez a0, spin
        csrr a1, ipend
    """), console_in=b"x", max_instructions=10_000)
    assert traps(m) == [] and reg(m, "a1") == 0


def test_console_irqcore_routes_to_core1():
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        sti
        bnez a0, core1
        li s1, CONSOLE
        li t0, 1
        sw t0, 16(s1)         # IRQCORE = 1
        lw a2, 16(s1)
        sw t0, 12(s1)         # CTRL: interrupts on
    wait:
        lw t0, flag(zero)
        beqz t0, wait
        halt
    core1:
        wfi
        jmp core1
    on_rx:
        csrr t0, coreid
        addi t0, t0, 100
        sw t0, flag(zero)
        li t1, CONSOLE
        lw t1, 4(t1)          # consume the byte: the line drops
        sw t1, byte(zero)
        iret
    .align 8
    flag: .word 0
    byte: .word 0
    """ + vectors(console="on_rx"), cores=2, console_in=b"z", max_instructions=50_000)
    assert word(m, m.prog["flag"]) == 101
    assert word(m, m.prog["byte"]) == ord("z")
    assert reg(m, "a2") == 1
    per_core = m.counters()["cores"]
    assert per_core[0]["traps"]["console"] == 0 and per_core[1]["traps"]["console"] == 1


# --- disk ----------------------------------------------------------------------------------
DISK_RW = """
    li s1, DISK
    li s2, buf1
    li t0, 0x5A
    li t1, 4096
    bfill s2, t0, t1
    li t0, 'BLK2'
    sw t0, 0(s2)
    li t0, 2
    sw t0, 0(s1)              # BLOCK
    sw s2, 4(s1)              # ADDR
    li t0, 2
    sw t0, 8(s1)              # CMD write
    lw a0, 12(s1)             # STATUS: busy
poll1:
    lw t0, 12(s1)
    li t1, 1
    beq t0, t1, poll1
    mov a1, t0                # final status of the write
    sw zero, 12(s1)           # acknowledge
    lw a2, 12(s1)             # idle
    li s3, buf2
    sw s3, 4(s1)
    li t0, 1
    sw t0, 8(s1)              # CMD read
poll2:
    lw t0, 12(s1)
    li t1, 1
    beq t0, t1, poll2
    mov a3, t0
    lw a4, 16(s1)             # NBLOCKS
    halt
.align 4096
buf1: .space 4096
buf2: .space 4096
""".replace("'BLK2'", str(int.from_bytes(b"BLK2", "little")))


def expected_block():
    return b"BLK2" + b"\x5A" * (BLOCK_SIZE - 4)


def test_disk_dma_round_trip_bytearray():
    backing = bytearray(b"\xEE" * (4 * BLOCK_SIZE))
    m, _ = run(DISK_RW, disk=backing, max_instructions=100_000)
    assert [reg(m, r) for r in ("a0", "a1", "a2", "a3", "a4")] == [1, 2, 0, 2, 4]
    assert m.read_phys(m.prog["buf2"], BLOCK_SIZE) == expected_block()
    data = m.disk.data
    assert bytes(data[2 * BLOCK_SIZE:3 * BLOCK_SIZE]) == expected_block()
    assert bytes(data[:2 * BLOCK_SIZE]) == b"\xEE" * (2 * BLOCK_SIZE)
    assert bytes(data[3 * BLOCK_SIZE:]) == b"\xEE" * BLOCK_SIZE
    d = m.counters()["devices"]
    assert (d["disk_reads"], d["disk_writes"], d["disk_errors"]) == (1, 1, 0)


def test_disk_writes_reach_the_callers_bytearray():
    backing = bytearray(4 * BLOCK_SIZE)
    run(DISK_RW, disk=backing, max_instructions=100_000)
    assert bytes(backing[2 * BLOCK_SIZE:3 * BLOCK_SIZE]) == expected_block()


def test_disk_dma_round_trip_file(tmp_path):
    path = tmp_path / "disk.img"
    path.write_bytes(b"\xEE" * (3 * BLOCK_SIZE))
    m, _ = run(DISK_RW, disk=str(path), max_instructions=100_000)
    assert reg(m, "a1") == 2 and reg(m, "a3") == 2 and reg(m, "a4") == 3
    m.close()
    data = path.read_bytes()
    assert len(data) == 3 * BLOCK_SIZE
    assert data[2 * BLOCK_SIZE:] == expected_block()
    assert data[:2 * BLOCK_SIZE] == b"\xEE" * (2 * BLOCK_SIZE)
    assert m.read_phys(m.prog["buf2"], BLOCK_SIZE) == expected_block()


def test_disk_read_overwrites_code_cache():
    # DMA into a page that held decoded instructions: the new code runs
    m, _ = run("""
        li s1, DISK
        li t0, 0
        sw t0, 0(s1)
        li t0, page
        sw t0, 4(s1)
        li a0, 0
        call page             # decodes 'li a0, 1'
        li t0, 1
        sw t0, 8(s1)          # read block 0 over the page
    poll:
        lw t0, 12(s1)
        li t1, 1
        beq t0, t1, poll
        call page             # now 'li a0, 2'
        halt
    .align 4096
    page:
        li a0, 1
        ret
    """, disk=bytearray(isa.encode("li", rd=1, imm=2) + isa.encode("jr", rs1=15) + bytes(4080)),
        max_instructions=100_000)
    assert reg(m, "a0") == 2


def disk_status_after(block, addr, nblocks=2, mem_mib=1):
    m, _ = run(f"""
        li s1, DISK
        li t0, {block}
        sw t0, 0(s1)
        li t0, {addr}
        sw t0, 4(s1)
        li t0, 2
        sw t0, 8(s1)
    poll:
        lw t0, 12(s1)
        li t1, 1
        beq t0, t1, poll
        mov a0, t0
        halt
    """, disk=bytearray(nblocks * BLOCK_SIZE), mem_mib=mem_mib, max_instructions=100_000)
    return m, reg(m, "a0")


@pytest.mark.parametrize("block, addr", [
    (2, 0x10000),                 # one past the last block
    (0xFFFFFFFF, 0x10000),
    (0, 0x100000),                # DMA address at the end of 1 MiB of RAM
    (0, 0xFF800),                 # block would run past the end of RAM
    (0, 0xF0000000),              # MMIO is not RAM
    (0, 0x10002),                 # unaligned DMA address
])
def test_disk_errors(block, addr):
    m, status = disk_status_after(block, addr)
    assert status == 3
    d = m.counters()["devices"]
    assert (d["disk_errors"], d["disk_writes"]) == (1, 0)
    assert bytes(m.disk.data) == bytes(2 * BLOCK_SIZE)


def test_disk_last_block_and_last_ram_page_are_fine():
    m, status = disk_status_after(1, 0xFF000)
    assert status == 2


def test_no_disk_every_block_is_an_error():
    m, _ = run("""
        li s1, DISK
        lw a1, 16(s1)
        li t0, 2
        sw t0, 8(s1)
    poll:
        lw t0, 12(s1)
        li t1, 1
        beq t0, t1, poll
        mov a0, t0
        halt
    """, max_instructions=100_000)
    assert reg(m, "a0") == 3 and reg(m, "a1") == 0


def test_disk_completion_interrupt():
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        li s1, DISK
        li t0, 1
        sw t0, 20(s1)         # CTRL: completion interrupt on
        sw zero, 0(s1)
        li t0, 0x10000
        sw t0, 4(s1)
        li t0, 1
        sw t0, 8(s1)          # read block 0
        sti
    sleep:
        wfi
        jmp sleep
    on_disk:
        lw s0, 12(s1)         # status: done
        sw zero, 12(s1)       # acknowledge: the line drops
        csrr s2, ipend
        halt
    """ + vectors(disk="on_disk"), disk=bytearray(b"\x77" * BLOCK_SIZE), max_instructions=10_000)
    assert reg(m, "s0") == 2 and reg(m, "s2") == 0
    assert m.read_phys(0x10000, BLOCK_SIZE) == b"\x77" * BLOCK_SIZE
    c = m.counters()
    assert c["traps"]["disk"] == 1
    assert c["instructions"] < 40             # slept through the latency
    assert c["cores"][0]["idle_cycles"] > 3000


def test_disk_command_while_busy_is_ignored():
    m, _ = run("""
        li s1, DISK
        li t0, 0x10000
        sw t0, 4(s1)
        li t0, 2
        sw t0, 8(s1)          # write block 0
        li t0, 1
        sw t0, 0(s1)
        li t0, 2
        sw t0, 8(s1)          # ignored: busy
    poll:
        lw t0, 12(s1)
        li t1, 1
        beq t0, t1, poll
        halt
    """, disk=bytearray(2 * BLOCK_SIZE), max_instructions=100_000)
    assert m.counters()["devices"]["disk_writes"] == 1


POWER_CUT_PROG = """
    li s1, DISK
    li s2, 0x10000
    li s0, 0
next:
    addi t0, s0, 1
    li t1, 4096
    bfill s2, t0, t1          # block i is filled with byte i + 1
    sw s0, 0(s1)
    sw s2, 4(s1)
    li t0, 2
    sw t0, 8(s1)
poll:
    lw t0, 12(s1)
    li t1, 1
    beq t0, t1, poll
    sw zero, 12(s1)
    addi s0, s0, 1
    li t0, 8
    bne s0, t0, next
    halt
"""


@pytest.mark.parametrize("cut", [1, 3, 8])
def test_power_cut_after_writes(tmp_path, cut):
    path = tmp_path / "disk.img"
    path.write_bytes(bytes(8 * BLOCK_SIZE))
    m, r = run(POWER_CUT_PROG, disk=str(path), power_cut_after_writes=cut,
               max_instructions=100_000, expect="powercut")
    assert str(cut) in r.message
    m.close()
    data = path.read_bytes()
    blocks = [data[i * BLOCK_SIZE:(i + 1) * BLOCK_SIZE] for i in range(8)]
    assert blocks[:cut] == [bytes([i + 1]) * BLOCK_SIZE for i in range(cut)]
    assert blocks[cut:] == [bytes(BLOCK_SIZE)] * (8 - cut)
    assert m.counters()["devices"]["disk_writes"] == cut
    # the machine stays off
    assert m.run(max_instructions=1000).reason == "powercut"


def test_no_power_cut_without_enough_writes(tmp_path):
    path = tmp_path / "disk.img"
    path.write_bytes(bytes(8 * BLOCK_SIZE))
    run(POWER_CUT_PROG, disk=str(path), power_cut_after_writes=9, max_instructions=100_000)


def test_missing_disk_file_is_a_clear_error(tmp_path):
    with pytest.raises(MinosError, match="cannot open disk image"):
        Machine(disk=str(tmp_path / "nope.img"))


# --- power and clock ------------------------------------------------------------------------
@pytest.mark.parametrize("code", [0, 1, 42, 255, 0x12345])
def test_power_off_exit_code(code):
    m, r = run(f"li a0, {code}\nsw a0, POWER(zero)\nli a2, 1\n", max_instructions=10)
    assert r.exit_code == code
    assert reg(m, "a2") == 0                  # nothing runs after power-off
    assert m.run(max_instructions=10).reason == "halt"


def test_power_off_from_second_core_stops_everything():
    m, r = run("""
        beqz a0, spin
        li a0, 7
        sw a0, POWER(zero)
    spin:
        jmp spin
    """, cores=2, max_instructions=10_000)
    assert r.exit_code == 7


def test_clock_registers():
    m, _ = run("""
        nop
        nop
        lw a0, CLOCK(zero)
        lw a1, CLOCK+4(zero)
        csrr a2, cycle
        csrr a3, cycleh
        halt
    """, max_instructions=100)
    # the clock read happens after the mmio cost is charged to the reading core
    assert reg(m, "a0") == 2 + isa.COST["mmio"]
    assert reg(m, "a1") == 0 and reg(m, "a3") == 0
    assert reg(m, "a2") == 2 + 2 + isa.COST["mmio"] + 2 + isa.COST["mmio"]


def test_clock_is_per_core():
    m, _ = run("""
        bnez a0, other
        li t0, 2000
    spin:
        subi t0, t0, 1
        bnez t0, spin
        lw a2, CLOCK(zero)
    wait:
        lw t0, flag(zero)
        beqz t0, wait
        halt
    other:
        lw a2, CLOCK(zero)
        li t0, 1
        sw t0, flag(zero)
    park:
        wfi
        jmp park
    .align 8
    flag: .word 0
    """, cores=2, max_instructions=100_000)
    assert reg(m, "a2", 1) < 100 < 4000 < reg(m, "a2", 0)


@pytest.mark.parametrize("addr, access", [(0xF0004000, 0), (0xF0000020 + 0x1000 * 9, 0),
                                          (0x80000000, 0)])
def test_unmapped_device_addresses_fault(addr, access):
    m, _ = run(with_traps(f"li s0, {addr}\nlw a0, 0(s0)\nsw a0, 0(s0)\n"), max_instructions=300,
               mem_mib=1)
    t1, t2 = traps(m)
    assert (t1["cause"], t1["badaddr"], t1["access"]) == (2, addr, 0)
    assert (t2["cause"], t2["badaddr"], t2["access"]) == (2, addr, 1)


def test_misaligned_device_access_is_misaligned():
    m, _ = run(with_traps("li s0, 0xF0000002\nlw a0, 0(s0)\n"), max_instructions=300)
    (t,) = traps(m)
    assert t["cause"] == 4


def test_unused_device_register_reads_zero():
    m, _ = run("lw a0, CONSOLE+0x40(zero)\nlw a1, POWER+8(zero)\nhalt\n", max_instructions=10)
    assert reg(m, "a0") == 0 and reg(m, "a1") == 0


@pytest.mark.parametrize("insn", ["lbu a0, CONSOLE+4(zero)", "lhu a0, CONSOLE+4(zero)",
                                  "lb a0, CONSOLE+4(zero)"])
def test_subword_device_load_is_a_fault_or_fits_its_width(insn):
    # RX is empty: the device answers 0xFFFFFFFF; a byte or halfword load
    # must not put more than its width (sign-extended for lb) in the register
    m, _ = run(with_traps(f"li a0, 0x55\n{insn}\n"), max_instructions=300)
    if traps(m):
        return
    value, op = reg(m, "a0"), insn.split()[0]
    if op == "lb":
        assert value < 0x80 or value >= 0xFFFFFF80, hex(value)
    else:
        assert value <= {"lbu": 0xFF, "lhu": 0xFFFF}[op], hex(value)


def test_subword_device_store_is_a_fault_or_writes_its_width():
    m, _ = run(with_traps("li t0, 0x1234\nsb t0, DISK(zero)\nlw a0, DISK(zero)\n"),
               max_instructions=300)
    assert traps(m) or reg(m, "a0") in (0, 0x34)


def test_disk_latency_and_irqcore_routing():
    m, _ = run("""
        li t0, vectors
        csrw vec, t0
        sti
        bnez a0, core1
        li s1, DISK
        li t0, 1
        sw t0, 24(s1)         # IRQCORE = 1
        sw t0, 20(s1)         # CTRL: interrupt on
        li t0, 0x10000
        sw t0, 4(s1)
        csrr s2, cycle
        li t0, 1
        sw t0, 8(s1)          # read block 0
    wait:
        lw t0, flag(zero)
        beqz t0, wait
        halt
    core1:
        wfi
        jmp core1
    on_disk:
        csrr t0, cycle
        sw t0, when(zero)
        li t1, DISK
        sw zero, 12(t1)       # acknowledge
        li t0, 1
        sw t0, flag(zero)
        iret
    .align 8
    flag: .word 0
    when: .word 0
    """ + vectors(disk="on_disk"), cores=2, disk=bytearray(BLOCK_SIZE), max_instructions=100_000)
    start = reg(m, "s2") + 1 + isa.COST["mmio"]    # the command's store
    when = word(m, m.prog["when"])
    assert start + 4000 <= when <= start + 4000 + 500 + 100     # done at the end of that round
    per_core = m.counters()["cores"]
    assert per_core[1]["traps"]["disk"] == 1 and per_core[0]["traps"]["disk"] == 0


def test_disk_registers_read_back():
    m, _ = run("""
        li s1, DISK
        li t0, 5
        sw t0, 0(s1)
        li t0, 0x2000
        sw t0, 4(s1)
        li t0, 1
        sw t0, 20(s1)
        sw t0, 24(s1)
        lw a0, 0(s1)
        lw a1, 4(s1)
        lw a2, 20(s1)
        lw a3, 24(s1)
        lw a4, 12(s1)
        lw a5, 8(s1)          # CMD is write-only: reads 0
        halt
    """, disk=bytearray(8 * BLOCK_SIZE), max_instructions=100)
    assert [reg(m, r) for r in ("a0", "a1", "a2", "a3", "a4", "a5")] == [5, 0x2000, 1, 1, 0, 0]


def test_dma_data_moves_at_completion_not_at_the_command():
    m, _ = run("""
        li s1, DISK
        li s2, 0x10000
        li t0, 0x11
        sw t0, 0(s2)
        sw zero, 0(s1)
        sw s2, 4(s1)
        li t0, 2
        sw t0, 8(s1)          # write block 0 from 0x10000 ...
        li t0, 0x22
        sw t0, 0(s2)          # ... changed while the request is busy
        li s3, 0x20000
        li t0, 0x33
        sw t0, 0(s3)
        li t0, 1
        sw t0, 0(s1)
        sw s3, 4(s1)
    poll1:
        lw t0, 12(s1)
        li t1, 1
        beq t0, t1, poll1
        sw zero, 12(s1)
        li t0, 1
        sw t0, 8(s1)          # read block 1 into 0x20000
        lw a0, 0(s3)          # still the old contents while busy
    poll2:
        lw t0, 12(s1)
        li t1, 1
        beq t0, t1, poll2
        lw a1, 0(s3)
        halt
    """, disk=bytearray(b"\x44" * 2 * BLOCK_SIZE), max_instructions=100_000)
    assert m.disk.data[0] == 0x22
    assert reg(m, "a0") == 0x33 and reg(m, "a1") == 0x44444444


def test_disk_unknown_command_and_ack_while_busy_are_ignored():
    m, _ = run("""
        li s1, DISK
        li t0, 0x10000
        sw t0, 4(s1)
        li t0, 3
        sw t0, 8(s1)          # not a command
        lw a0, 12(s1)         # still idle
        li t0, 1
        sw t0, 8(s1)          # read block 0
        sw zero, 12(s1)       # acknowledging while busy does nothing
        lw a1, 12(s1)
    poll:
        lw t0, 12(s1)
        li t1, 1
        beq t0, t1, poll
        mov a2, t0
        halt
    """, disk=bytearray(b"\x01" * BLOCK_SIZE), max_instructions=100_000)
    assert (reg(m, "a0"), reg(m, "a1"), reg(m, "a2")) == (0, 1, 2)
    assert m.read_phys(0x10000, 4) == b"\x01" * 4
