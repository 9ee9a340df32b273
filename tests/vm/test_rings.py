"""Rings: privileged instructions and the ring field of page-table entries."""

import pytest

from vm import isa
from helpers import (PageTables, image_end, make_machine, paging_on, reg, run, to_ring,
                     traps, with_traps)

PRIVILEGED = {
    "iret": "iret",
    "wfi": "wfi",
    "cli": "cli",
    "sti": "sti",
    "csrr": "csrr a0, vec",
    "csrw": "csrw vec, zero",
    "tlbflush": "tlbflush",
    "tlbflushpg": "tlbflushpg a1",
    "tlbflushasid": "tlbflushasid a1",
    "tlbwr": "tlbwr a1, a2",
}


def test_every_privileged_instruction_is_listed():
    assert {i.name for i in isa.INSTRUCTIONS if i.privileged} == set(PRIVILEGED)


@pytest.mark.parametrize("ring", [1, 2, 3])
@pytest.mark.parametrize("name", sorted(PRIVILEGED))
def test_privileged_instruction_traps_outside_ring0(name, ring):
    m, _ = run(with_traps(f"""
        li a0, 0x77
        {to_ring(ring, "user")}
    user:
    bad:
        {PRIVILEGED[name]}
        li a3, 1
    """), max_instructions=300)
    (t,) = traps(m)
    assert t["cause"] == isa.CAUSE["privileged"]
    assert t["epc"] == m.prog["bad"]
    assert t["estatus"] >> 8 & 3 == ring
    assert reg(m, "a0") == 0x77                  # csrr did not write
    assert reg(m, "a3") == 1 and m.cores[0].ring == ring
    assert m.cores[0].csr[isa.CSR_BY_NAME["vec"].number] == m.prog["__vectors"]
    assert m.cores[0].ie == 0                    # sti did nothing


def test_unprivileged_instructions_work_in_ring3():
    m, _ = run(with_traps(f"""
        {to_ring(3, "user")}
    user:
        li a0, 6
        muli a0, a0, 7
        li s0, cell
        swap a1, s0, a0
        syscall
    """) + ".align 8\ncell: .word 5\n", max_instructions=300)
    (t,) = traps(m)
    assert t["cause"] == isa.CAUSE["syscall"] and t["estatus"] == 3 << 8
    assert reg(m, "a0") == 42 and reg(m, "a1") == 5


def test_trap_from_user_swaps_stacks_and_iret_restores():
    m, _ = run(with_traps(f"""
        li t0, 0x9000
        csrw ksp, t0
        {to_ring(3, "user")}
    user:
        li sp, 0x7000
        syscall
        mov s0, sp
        syscall
    """), max_instructions=300)
    t1, t2 = traps(m)
    assert t1["sp"] == 0x9000 and t1["usp"] == 0x7000     # handler on the kernel stack
    assert reg(m, "s0") == 0x7000                          # user sp back after iret
    assert m.cores[0].ring == 3


def test_iret_to_user_loads_sp_from_usp():
    m, _ = run("""
        li sp, 0x1234
        li t0, 0x4444
        csrw usp, t0
        li t0, 0x300
        csrw estatus, t0
        li t0, user
        csrw epc, t0
        iret
    user:
        mov a0, sp
        halt
    """, max_instructions=20)
    assert reg(m, "a0") == 0x4444


def test_ring_switches_counted():
    m, _ = run(with_traps(f"""
        {to_ring(3, "user")}
    user:
        syscall
        syscall
    """), max_instructions=300)
    # 0->3, then (3->0, 0->3) twice
    assert m.cores[0].ring_switches == 5
    assert m.counters()["ring_switches"] == 5


def test_status_ring_bits_are_read_only():
    m, _ = run("""
        li t0, 0x301
        csrw status, t0
        csrr a0, status
        halt
    """, max_instructions=10)
    assert reg(m, "a0") == 1 and m.cores[0].ring == 0


def test_status_shows_current_ring_in_handler_and_estatus_ring_of_user():
    m, _ = run(with_traps(f"""
        {to_ring(2, "user")}
    user:
        syscall
    """), max_instructions=300)
    (t,) = traps(m)
    assert t["status"] >> 8 & 3 == 0 and t["estatus"] >> 8 & 3 == 2


# --- the ring field of page-table entries -------------------------------------------
DATA0, DATA1, DATA3 = 0x400000, 0x401000, 0x403000


def ring_machine(code_ring, body):
    """Code runs in ring `code_ring` under paging; DATAn is a page with ring field n."""
    m = make_machine(with_traps(paging_on() + to_ring(code_ring, "user") + "user:\n" + body),
                     mem_mib=4)
    pt = PageTables(m)
    pt.identity(0x1000, image_end(m), "rwx", ring=3)
    pt.map(0xF0002000, 0xF0002000, "rw", ring=3)          # power, for halt
    for ring, va in ((0, DATA0), (1, DATA1), (3, DATA3)):
        pt.map(va, 0x200000 + (va & 0xF000), "rw", ring=ring)
        m.write_phys(0x200000 + (va & 0xF000), (0x100 + ring).to_bytes(4, "little"))
    return m


@pytest.mark.parametrize("code_ring, page, ok", [
    (3, DATA0, False), (3, DATA1, False), (3, DATA3, True),
    (1, DATA0, False), (1, DATA1, True), (1, DATA3, True),
    (2, DATA1, False),
    (0, DATA0, True), (0, DATA1, True), (0, DATA3, True),
])
def test_page_ring_field(code_ring, page, ok):
    m = ring_machine(code_ring, f"""
        li s0, {page}
        li a0, 0x55
    bad_load:
        lw a0, 0(s0)
    bad_store:
        sw s0, 4(s0)
    """)
    run(None, machine=m, max_instructions=400)
    if ok:
        assert traps(m) == []
        assert reg(m, "a0") == 0x100 + (page >> 12 & 0xF)
    else:
        t1, t2 = traps(m)
        assert (t1["cause"], t1["epc"], t1["badaddr"], t1["access"]) == (2, m.prog["bad_load"], page, 0)
        assert (t2["cause"], t2["epc"], t2["badaddr"], t2["access"]) == (2, m.prog["bad_store"], page + 4, 1)
        assert reg(m, "a0") == 0x55


def test_user_cannot_execute_a_ring0_page():
    m = make_machine(with_traps(paging_on() + to_ring(3, "user") + """
    user:
        li a1, kcode
        callr a1
        li a2, 1
    """) + ".align 4096\nkcode:\n li a0, 9\n ret\n", mem_mib=4)
    pt = PageTables(m)
    pt.identity(0x1000, m.prog["kcode"], "rwx", ring=3)
    pt.map(m.prog["kcode"], m.prog["kcode"], "rx", ring=0)
    pt.map(0xF0002000, 0xF0002000, "rw", ring=3)
    run(None, machine=m, max_instructions=400, expect=None)
    t = traps(m)[0]
    assert (t["cause"], t["badaddr"], t["access"]) == (2, m.prog["kcode"], 2)
    assert reg(m, "a0") == 0
