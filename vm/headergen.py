"""Writes the machine's facts as a C header, from the machine itself:

    python -m vm.headergen > lang/runtime/include/hw.h

The header (hw.h) holds the trap causes and their names (vm/isa.py), the
control-register numbers and status bits, the page-table entry bits, the
device register addresses and layouts (vm/devices.py), the image format's
magic (vm/image.py) and the link addresses of kernel and user images. The
kernel (kernel/include/machine.h, memlayout.h) and the bare runtime
(lang/runtime) both include it, so a fact is written once, here in vm/.
A test compares the file with this output, so it cannot go stale.
"""

import struct

from . import devices, image, isa

OUTPUT = "lang/runtime/include/hw.h"


def _define(name, value, comment=""):
    text = f"#define {name:<20} {value}"
    return f"{text:<40} // {comment}" if comment else text


def _hex(n):
    return f"0x{n:08X}u"


def _registers(cls):
    """A device's constants — register offsets, and bits of its registers —
    as its class defines them: the upper-case int class attributes, in order."""
    return [(v, k) for k, v in vars(cls).items() if k.isupper() and isinstance(v, int)]


def _devices():
    out = ["// ---- devices (docs/devices.md): a base address; register offsets and bits ----",
           _define("DEVICE_SPAN", f"0x{devices.DEVICE_SPAN:X}", "bytes of address space per device")]
    for prefix, base, cls, what in (
            ("CONSOLE", devices.CONSOLE_BASE, devices.Console, "the console (UART)"),
            ("DISK", devices.DISK_BASE, devices.Disk, "the block device"),
            ("POWER", devices.POWER_BASE, devices.Power, "power: writing V to OFF halts with exit code V"),
            ("CLOCK", devices.CLOCK_BASE, devices.Clock, "the reading core's cycle counter")):
        out.append(_define(f"{prefix}_BASE", _hex(base), what))
        out += [_define(f"{prefix}_{name}", offset) for offset, name in _registers(cls)]
    out += [_define("CONSOLE_RX_NONE", _hex(devices.CONSOLE_RX_NONE), "RX when no byte is waiting"),
            _define("CONSOLE_RX_READY", devices.CONSOLE_RX_READY, "STATUS bit: a byte is waiting"),
            _define("CONSOLE_RX_FULL", devices.CONSOLE_RX_FULL, "STATUS bit: the receive FIFO is full"),
            _define("CONSOLE_RX_FIFO_DEPTH", devices.RX_FIFO_DEPTH, "bytes the receive FIFO holds"),
            _define("DISK_BLOCK_SIZE", devices.BLOCK_SIZE, "bytes per disk block"),
            _define("DISK_READ", devices.DISK_READ, "DISK_CMD: block -> memory"),
            _define("DISK_WRITE", devices.DISK_WRITE, "DISK_CMD: memory -> block"),
            _define("DISK_IDLE", devices.DISK_IDLE, "DISK_STATUS values"),
            _define("DISK_BUSY", devices.DISK_BUSY),
            _define("DISK_DONE", devices.DISK_DONE),
            _define("DISK_ERROR", devices.DISK_ERROR),
            "",
            "// Read or write the device register at offset off of the device at base.",
            "#define REG(base, off) (*(volatile unsigned int *)((base) + (off)))"]
    return out


def _traps():
    out = ["// ---- traps: cause C enters at vec + 8 * C ----"]
    out += [_define(f"T_{name.upper()}", num, doc) for num, name, doc in isa.TRAP_CAUSES]
    out.append(_define("NCAUSE", isa.NCAUSES, "causes; interrupts are T_TIMER and up"))
    titles = ", ".join(f'"{isa.CAUSE_TITLES[name]}"' for _, name, _ in isa.TRAP_CAUSES)
    out += ["// Each cause's name for messages, indexed by cause:",
            "//   static char *causenames[] = TRAP_CAUSE_NAMES;",
            f"#define TRAP_CAUSE_NAMES {{ {titles} }}",
            _define("ACCESS_READ", isa.ACCESS_READ, "csr access: the kind of access that faulted"),
            _define("ACCESS_WRITE", isa.ACCESS_WRITE),
            _define("ACCESS_EXEC", isa.ACCESS_EXEC)]
    return out


def _csrs():
    out = ["// ---- control registers (csrr/csrw take the name; these are the numbers) ----"]
    out += [_define(f"CSR_{c.name.upper()}", c.number) for c in isa.CSRS]
    out += [_define("STATUS_IE", isa.STATUS_IE, "interrupts enabled"),
            _define("STATUS_PG", isa.STATUS_PG, "paging on"),
            _define("STATUS_SWTLB", isa.STATUS_SWTLB, "software TLB refill"),
            _define("STATUS_RING_SHIFT", isa.STATUS_RING_SHIFT, "bits 8-9: current ring (read-only)")]
    return out


def _paging():
    return ["// ---- pages and page-table entries (two levels, 10 + 10 + 12 bits) ----",
            _define("PGSIZE", isa.PAGE_SIZE, "bytes per page"),
            _define("PGSHIFT", isa.PAGE_SIZE.bit_length() - 1, "log2(PGSIZE)"),
            _define("PTE_P", f"0x{isa.PTE_P:03X}", "present"),
            _define("PTE_W", f"0x{isa.PTE_W:03X}", "writable"),
            _define("PTE_X", f"0x{isa.PTE_X:03X}", "executable"),
            _define("PTE_RING_SHIFT", isa.PTE_RING_SHIFT, "bits 3-4: least privileged ring allowed"),
            _define("PTE_A", f"0x{isa.PTE_A:03X}", "accessed (set by the hardware)"),
            _define("PTE_D", f"0x{isa.PTE_D:03X}", "dirty (set by the hardware)"),
            _define("PTE_G", f"0x{isa.PTE_G:03X}", "global: matches every asid"),
            _define("PTE_FLAGS_MASK", f"0x{isa.PTE_FLAGS:03X}", "flag bits; the rest is the page number")]


def _images():
    magic = struct.unpack("<I", image.MAGIC)[0]
    return ["// ---- executable images (docs/formats.md) ----",
            _define("IMAGE_MAGIC", _hex(magic), f'"{image.MAGIC.decode()}" read as a little-endian word'),
            _define("IMAGE_VERSION", image.VERSION),
            _define("IMAGE_HDRSIZE", image.HEADER.size, "bytes: magic, version, entry, nsegs"),
            _define("IMAGE_SEGSIZE", image.SEGMENT.size,
                    "bytes per segment: vaddr, off, filesz, memsz, flags, 0"),
            _define("SEG_R", image.SEG_R, "segment flags"),
            _define("SEG_W", image.SEG_W),
            _define("SEG_X", image.SEG_X),
            _define("KERNEL_BASE", _hex(image.KERNEL_BASE), "a kernel image's link address"),
            _define("USER_BASE", _hex(image.USER_BASE), "a user program's link address")]


def render():
    out = ["// hw.h: the minos machine's facts, for C.",
           "//",
           "// Generated from vm/ by `python -m vm.headergen`; do not edit by hand",
           "// (the machine's Python source is the one place these are written).",
           "// The kernel's machine.h and memlayout.h and the bare runtime include it.",
           "",
           "#ifndef MINOS_HW_H",
           "#define MINOS_HW_H",
           ""]
    for part in (_traps(), _csrs(), _paging(), _devices(), _images()):
        out += part + [""]
    out.append("#endif // MINOS_HW_H")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
