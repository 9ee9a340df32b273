"""Loads, stores, byte order, atomics and the block instructions (paging off)."""

import pytest

from helpers import reg, run, traps, with_traps, word

M = 0xFFFFFFFF
ACCESS_READ, ACCESS_WRITE = 0, 1


def test_loads_sign_and_zero_extend():
    m, _ = run("""
        li s0, data
        lb a0, 0(s0)
        lbu a1, 0(s0)
        lh a2, 0(s0)
        lhu a3, 0(s0)
        lw a4, 0(s0)
        lb a5, 4(s0)
        lh t0, 4(s0)
        halt
    .align 8
    data: .word 0x8180FF80, 0x00007F7F
    """, max_instructions=20)
    assert reg(m, "a0") == 0xFFFFFF80
    assert reg(m, "a1") == 0x80
    assert reg(m, "a2") == 0xFFFFFF80
    assert reg(m, "a3") == 0xFF80
    assert reg(m, "a4") == 0x8180FF80
    assert reg(m, "a5") == 0x7F
    assert reg(m, "t0") == 0x7F7F


def test_little_endian_byte_order():
    m, _ = run("""
        li s0, buf
        li a0, 0x11223344
        sw a0, 0(s0)
        lbu a1, 0(s0)
        lbu a2, 1(s0)
        lbu a3, 2(s0)
        lbu a4, 3(s0)
        lhu a5, 2(s0)
        halt
    .align 8
    buf: .word 0
    """, max_instructions=20)
    assert [reg(m, r) for r in ("a1", "a2", "a3", "a4")] == [0x44, 0x33, 0x22, 0x11]
    assert reg(m, "a5") == 0x1122
    assert m.read_phys(m.prog["buf"], 4) == bytes([0x44, 0x33, 0x22, 0x11])


def test_stores_write_only_their_width():
    m, _ = run("""
        li s0, buf
        li a0, 0xAABBCCDD
        sb a0, 1(s0)
        sh a0, 6(s0)
        sw a0, 8(s0)
        halt
    .align 8
    buf: .word 0x01010101, 0x02020202, 0x03030303, 0x04040404
    """, max_instructions=20)
    buf = m.prog["buf"]
    assert m.read_phys(buf, 16) == bytes([1, 0xDD, 1, 1, 2, 2, 0xDD, 0xCC,
                                          0xDD, 0xCC, 0xBB, 0xAA, 4, 4, 4, 4])


def test_negative_offsets_and_address_wrap():
    m, _ = run("""
        li s0, buf+8
        li a0, 77
        sw a0, -8(s0)
        lw a1, -8(s0)
        li s1, buf-4
        lw a2, 4(s1)
        halt
    .align 8
    buf: .word 5, 6, 7
    """, max_instructions=20)
    assert word(m, m.prog["buf"]) == 77
    assert reg(m, "a1") == 77
    assert reg(m, "a2") == 77


def test_effective_address_wraps_at_32_bits():
    # base 0xFFFFFFFC + offset buf+4 wraps around to buf
    m, _ = run("""
        li s0, 0xFFFFFFFC
        lw a0, buf+4(s0)
        halt
    .align 8
    buf: .word 0xCAFE
    """, max_instructions=10)
    assert reg(m, "a0") == 0xCAFE


@pytest.mark.parametrize("insn, offset, access", [
    ("lh a0", 1, ACCESS_READ), ("lhu a0", 3, ACCESS_READ),
    ("lw a0", 2, ACCESS_READ), ("lw a0", 1, ACCESS_READ), ("lw a0", 3, ACCESS_READ),
    ("sh a2", 1, ACCESS_WRITE), ("sw a2", 2, ACCESS_WRITE), ("sw a2", 3, ACCESS_WRITE),
])
def test_misaligned_access_traps(insn, offset, access):
    m, _ = run(with_traps(f"""
        li s0, buf
        li a0, 5
        li a2, -1
    bad:
        {insn}, {offset}(s0)
        li a1, 9
    """) + ".align 8\nbuf: .word 0x12345678, 0\n", max_instructions=200)
    (t,) = traps(m)
    assert t["cause"] == 4                      # misaligned
    assert t["epc"] == m.prog["bad"]
    assert t["badaddr"] == m.prog["buf"] + offset
    assert t["access"] == access
    assert reg(m, "a0") == 5                    # the load did not happen
    assert reg(m, "a1") == 9                    # resumed after the skipped instruction
    assert m.read_phys(m.prog["buf"], 8) == bytes.fromhex("7856341200000000")


def test_byte_accesses_are_never_misaligned():
    m, _ = run(with_traps("""
        li s0, buf
        li a2, 0x5A
        sb a2, 3(s0)
        lb a0, 3(s0)
        lbu a1, 1(s0)
    """) + ".align 8\nbuf: .word 0x0000FF00\n", max_instructions=200)
    assert traps(m) == []
    assert reg(m, "a0") == 0x5A and reg(m, "a1") == 0xFF


@pytest.mark.parametrize("insn, access", [("lw a0, 0(s0)", ACCESS_READ),
                                          ("sw a0, 0(s0)", ACCESS_WRITE),
                                          ("lbu a0, 0(s0)", ACCESS_READ)])
def test_access_outside_ram_faults(insn, access):
    m, _ = run(with_traps(f"""
        li s0, 0x00200000       # 2 MiB, past the 1 MiB of RAM
    bad:
        {insn}
    """), max_instructions=200, mem_mib=1)
    (t,) = traps(m)
    assert (t["cause"], t["epc"], t["badaddr"], t["access"]) == (2, m.prog["bad"], 0x200000, access)


def test_ram_size_at_reset():
    m, _ = run("csrr a2, memsize\nhalt\n", max_instructions=10, mem_mib=3)
    assert reg(m, "a1") == 3 << 20 and reg(m, "a2") == 3 << 20


def test_swap():
    m, _ = run("""
        li s0, cell
        li a1, 99
        swap a0, s0, a1
        halt
    .align 8
    cell: .word 42
    """, max_instructions=10)
    assert reg(m, "a0") == 42
    assert word(m, m.prog["cell"]) == 99


def test_swap_same_register_for_old_and_new():
    m, _ = run("""
        li s0, cell
        li a0, 7
        swap a0, s0, a0
        halt
    .align 8
    cell: .word 3
    """, max_instructions=10)
    assert reg(m, "a0") == 3 and word(m, m.prog["cell"]) == 7


def test_cas_success_and_failure():
    m, _ = run("""
        li s0, cell
        li a0, 42           # expected
        li a1, 100          # new
        cas a0, s0, a1      # succeeds: cell 42 -> 100, a0 = 42
        li a2, 42
        li a3, 200
        cas a2, s0, a3      # fails: cell stays 100, a2 = 100
        halt
    .align 8
    cell: .word 42
    """, max_instructions=20)
    assert reg(m, "a0") == 42
    assert reg(m, "a2") == 100
    assert word(m, m.prog["cell"]) == 100


def test_misaligned_swap_and_cas_trap():
    m, _ = run(with_traps("""
        li s0, cell+2
        li a0, 1
        li a1, 2
        swap a0, s0, a1
        cas a0, s0, a1
    """) + ".align 8\ncell: .word 0, 0\n", max_instructions=200)
    assert [t["cause"] for t in traps(m)] == [4, 4]
    assert all(t["badaddr"] == m.prog["cell"] + 2 for t in traps(m))
    assert reg(m, "a0") == 1


def bcopy_prog(dst, src, n):
    return f"""
        li a0, {dst}
        li a1, {src}
        li a2, {n}
        bcopy a0, a1, a2
        halt
    """


PATTERN = bytes(range(1, 201))


@pytest.mark.parametrize("dst, src, n", [
    (0x20000, 0x10000, 200),      # disjoint
    (0x10010, 0x10000, 200),      # overlapping, destination after source
    (0x10000, 0x10010, 190),      # overlapping, destination before source
    (0x10003, 0x10001, 7),        # odd addresses and length
    (0x10000, 0x10000, 200),      # onto itself
    (0x10FF0, 0x10000, 200),      # across a page boundary
])
def test_bcopy(dst, src, n):
    from helpers import make_machine
    m = make_machine(bcopy_prog(dst, src, n))
    m.write_phys(0x10000, PATTERN)
    before = bytearray(m.read_phys(0, 0x30000))
    run(None, machine=m, max_instructions=10)
    expected = before[:]
    expected[dst:dst + n] = before[src:src + n]
    assert m.read_phys(0, 0x30000) == bytes(expected)


def test_bcopy_zero_length_touches_nothing_even_at_bad_addresses():
    m, _ = run(with_traps("""
        li a0, 0xE0000000
        li a1, 0xE0001000
        li a2, 0
        bcopy a0, a1, a2
        bfill a0, a1, a2
    """), max_instructions=200, mem_mib=1)
    assert traps(m) == []


def test_bcopy_cost_is_2_plus_words():
    m, _ = run(bcopy_prog(0x20000, 0x10000, 4096), max_instructions=10)
    # 3 li (1 cycle each) + bcopy (2 + 1024) + halt store (2 + 10 mmio)
    assert m.cores[0].cycles == 3 + 2 + 1024 + 12


def test_bfill():
    m, _ = run("""
        li a0, 0x10001
        li a1, 0x1234AB     # only the low byte counts
        li a2, 9
        bfill a0, a1, a2
        halt
    """, max_instructions=10)
    assert m.read_phys(0x10000, 11) == b"\0" + b"\xAB" * 9 + b"\0"


def test_bfill_cost():
    m, _ = run("li a0, 0x10000\nli a1, 1\nli a2, 400\nbfill a0, a1, a2\nhalt\n",
               max_instructions=10)
    assert m.cores[0].cycles == 3 + 2 + 100 + 12


def test_bcopy_out_of_ram_faults_and_copies_nothing():
    m, _ = run(with_traps("""
        li a0, 0xFF000      # destination straddles the end of the 1 MiB RAM
        li a1, 0x10000
        li a2, 0x2000
    bad:
        bcopy a0, a1, a2
    """), max_instructions=200, mem_mib=1)
    (t,) = traps(m)
    assert t["cause"] == 2 and t["epc"] == m.prog["bad"] and t["access"] == ACCESS_WRITE
    assert m.read_phys(0xFF000, 0x1000) == bytes(0x1000)


def test_bcopy_from_outside_ram_faults_as_read():
    m, _ = run(with_traps("""
        li a0, 0x10000
        li a1, 0x100000
        li a2, 16
        bcopy a0, a1, a2
    """), max_instructions=200, mem_mib=1)
    (t,) = traps(m)
    assert t["cause"] == 2 and t["access"] == ACCESS_READ and t["badaddr"] == 0x100000
