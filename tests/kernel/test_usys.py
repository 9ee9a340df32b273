"""The trap stubs (userland/lib/backend/mono/usys.s, assembled without the
preprocessor) use the numbers of kernel/include/syscall.h."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_syscall_has_a_stub_with_its_number():
    header = (ROOT / "kernel" / "include" / "syscall.h").read_text()
    numbers = {name: int(n) for name, n in re.findall(r"#define SYS_(\w+)\s+(\d+)", header)}
    stubs = (ROOT / "userland" / "lib" / "backend" / "mono" / "usys.s").read_text()
    found = {}
    for block in re.split(r"\n\s*\n", stubs):
        labels = re.findall(r"^(\w+):", block, re.M)
        number = re.search(r"li\s+t0,\s*(\d+)", block)
        for label in labels:
            found[label] = int(number.group(1))
    assert numbers, "no SYS_ numbers found"
    found["exit"] = found.pop("_exit", None)     # the raw exit call is _exit
    for name, number in numbers.items():
        assert found.get(name) == number, f"stub for {name}: {found.get(name)} != {number}"
    assert len(set(numbers.values())) == len(numbers), "two calls share a number"


def test_dispatch_table_order_matches_numbers():
    header = (ROOT / "kernel" / "include" / "syscall.h").read_text()
    numbers = {name: int(n) for name, n in re.findall(r"#define SYS_(\w+)\s+(\d+)", header)}
    table = (ROOT / "kernel" / "mono" / "syscall.c").read_text()
    body = table[table.index("syscalls[NSYSCALL])(void) = {"):]
    body = body[:body.index("};")]
    entries = re.findall(r"^\s*(0|sys_\w+),", body, re.M)
    for index, entry in enumerate(entries):
        if entry != "0":
            assert numbers[entry[4:]] == index, f"{entry} is at index {index}"
    assert len(entries) == max(numbers.values()) + 1
