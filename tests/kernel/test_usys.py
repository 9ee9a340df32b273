"""libc's trap stubs and the kernel agree on the system-call numbers.

The stubs (userland/lib/backend/mono/usys.S) name their numbers,
`li t0, SYS_fork`; the preprocessor puts in the values of
kernel/include/syscall.h when libc is built, so the numbers are written
down once. These tests assemble the stubs as the build does and read the
numbers back from the code; and check that the kernel's dispatch table
gives each number its handler. (In a lab's student tree some calls are
missing from all of these places at once, which the tests accept.)"""

import re
from pathlib import Path

from shell import build as B
from vm import isa

ROOT = Path(__file__).resolve().parent.parent.parent
HEADER = ROOT / "kernel" / "include" / "syscall.h"
# Calls of another kernel that mono answers ENOSYS without a trap (usys.S):
# micro's services (docs/micro.md).
NO_TRAP = {"svcinfo", "svckill"}


def header_numbers():
    text = HEADER.read_text()
    numbers = {name: int(n) for name, n in re.findall(r"^#define SYS_(\w+)\s+(\d+)", text, re.M)}
    nsyscall = int(re.search(r"^#define NSYSCALL\s+(\d+)", text, re.M).group(1))
    assert numbers, "no SYS_ numbers found"
    return numbers, nsyscall


def stub_numbers():
    """{stub label: the number it loads into t0}, from the assembled stubs."""
    backend = [f for f in B.user_library("mono", ROOT) if f.parent.name == "mono"]
    assert [f.name for f in backend] == ["usys.S"]
    obj = B.user_driver(ROOT).object_for(backend[0])
    code = obj.section(".text").data
    found = {}
    for sym in obj.symbols:
        if sym.is_global and sym.section == ".text" and sym.name not in NO_TRAP:
            li = isa.decode_bytes(code, sym.value)
            trap = isa.decode_bytes(code, sym.value + 8)
            assert li.insn.name == "li" and li.rd == isa.reg_number("t0"), f"{sym.name}: no li t0, N"
            assert trap.insn.name == "syscall", f"{sym.name}: li t0 is not followed by syscall"
            found[sym.name] = li.imm
    return found


def test_every_syscall_has_a_stub_with_its_number():
    numbers, nsyscall = header_numbers()
    stubs = stub_numbers()
    stubs["exit"] = stubs.pop("_exit", None)        # the raw exit call is _exit
    for name, number in numbers.items():
        assert stubs.get(name) == number, f"stub for {name}: {stubs.get(name)} != {number}"
    assert set(stubs) == set(numbers), f"stubs without a SYS_ number: {set(stubs) - set(numbers)}"
    assert len(set(numbers.values())) == len(numbers), "two calls share a number"
    assert max(numbers.values()) < nsyscall, "NSYSCALL must be one past the largest number"


def test_the_stubs_name_their_numbers():
    text = (ROOT / "userland" / "lib" / "backend" / "mono" / "usys.S").read_text()
    loads = re.findall(r"li\s+t0,\s*(\S+)", text)
    assert loads and all(re.fullmatch(r"SYS_\w+", n) for n in loads), \
        f"usys.S must load SYS_ names from syscall.h, not numbers: {loads}"


def test_dispatch_table_gives_each_number_its_handler():
    numbers, _ = header_numbers()
    source = (ROOT / "kernel" / "mono" / "syscall.c").read_text()
    body = source[source.index("syscalls[NSYSCALL])(void) = {"):]
    body = body[:body.index("};")]
    entries = re.findall(r"^\s*\[SYS_(\w+)\]\s*=\s*(\w+),", body, re.M)
    for name, handler in entries:
        assert handler == f"sys_{name}", f"[SYS_{name}] = {handler}"
    assert sorted(name for name, _ in entries) == sorted(numbers), \
        "the table should have one entry per SYS_ number"
