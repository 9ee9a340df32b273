"""Writes docs/isa.md from the instruction table: `python -m vm.isadoc > docs/isa.md`.

A test compares docs/isa.md with this output, so the reference cannot go stale.
"""

from . import isa


def _instructions():
    lines = ["| opcode | syntax | cycles | privileged | what it does |",
             "| --- | --- | --- | --- | --- |"]
    for i in isa.INSTRUCTIONS:
        lines.append(f"| {i.opcode:#04x} | `{i.syntax}` | {i.cycles} | {'yes' if i.privileged else ''} "
                     f"| {i.doc} |")
    return lines


def _alu_semantics():
    lines = ["| operation | result (a = rs1, b = rs2 or imm, unsigned; `s(x)` reads x as signed) |",
             "| --- | --- |"]
    for name, sem, _, _ in isa.ALU_OPS:
        lines.append(f"| `{name}`, `{name}i` | `{sem}` |")
    return lines


def render():
    out = [
        "# The minos instruction set",
        "",
        "Generated from `vm/isa.py` by `python -m vm.isadoc`; do not edit by hand.",
        "",
        "## Encoding",
        "",
        "Every instruction is 8 bytes, 8-byte aligned, little-endian. Word 0 holds the opcode",
        "(bits 0-7), rd (8-11), rs1 (12-15) and rs2 (16-19); the other bits are zero. Word 1 is a",
        "full 32-bit immediate, so any constant or address fits in one instruction. Branch and",
        "jump targets are absolute addresses. Fields an instruction does not use must be zero,",
        "or the instruction is illegal.",
        "",
        "## Registers",
        "",
        "| register | alias | use |",
        "| --- | --- | --- |",
    ]
    uses = {0: "always zero", 1: "argument 1, return value", 7: "temporary", 9: "callee-saved",
            13: "frame pointer", 14: "stack pointer", 15: "link register (set by call)"}
    for n, alias in enumerate(isa.REG_NAMES):
        use = uses.get(n) or ("argument" if n <= 6 else "temporary" if n <= 8 else "callee-saved")
        out.append(f"| r{n} | {alias} | {use} |")
    out += ["", "## Instructions", ""] + _instructions()
    out += ["", "### ALU semantics", ""] + _alu_semantics()
    out += ["", "Assembler pseudo-instructions:", "",
            "| pseudo | expands to |", "| --- | --- |"]
    out += [f"| `{name}` | {what} |" for name, what in isa.PSEUDO.items()]
    out += ["", "## Control registers", "", "| number | name | writable | meaning |",
            "| --- | --- | --- | --- |"]
    out += [f"| {c.number} | `{c.name}` | {'yes' if c.writable else 'no'} | {c.doc} |" for c in isa.CSRS]
    out += ["", "## Traps", "",
            "On a trap the hardware saves pc in `epc` (the faulting instruction; for `syscall` the",
            "next one; for an interrupt the instruction not yet run), saves IE and the ring in",
            "`estatus`, records `cause` (and `badaddr`/`access` for address faults), disables",
            "interrupts, and enters ring 0 at `vec + 8 * cause`. Coming from ring > 0 it also saves",
            "sp in `usp` and loads sp from `ksp`. `iret` undoes this. A faulting instruction has no",
            "effect and is not counted as executed; `syscall` and `brk` are.",
            "",
            "| cause | name | raised by |", "| --- | --- | --- |"]
    out += [f"| {n} | `{name}` | {doc} |" for n, name, doc in isa.TRAP_CAUSES]
    out += ["", "Pending interrupts are taken, lowest cause first, before the next instruction",
            "when `status.IE` is set. Timer and IPI are cleared when taken; console and disk stay",
            "pending while their device condition holds.",
            "", "## Page-table entries", "",
            "Two levels, 10 + 10 + 12 bits. Directory entries need only the present bit; the",
            "leaf entry holds the permissions:", "",
            "| bit | meaning |", "| --- | --- |",
            "| 0 | present |", "| 1 | writable |", "| 2 | executable |",
            "| 3-4 | least privileged ring allowed (0-3): an access from ring r needs r <= this |",
            "| 5 | accessed (set by the walker) |", "| 6 | dirty (set by the walker on a write) |",
            "| 7 | global (TLB entry matches every asid) |",
            "| 8-11 | ignored by the machine: free for the kernel's own use |",
            "| 12-31 | physical page number |",
            "", "## Cost model", "",
            "Each instruction costs the cycles in the table above. In addition:", "",
            "| event | cycles |", "| --- | --- |"]
    out += [f"| {name.replace('_', ' ')} | {cost} |" for name, cost in isa.COST.items()]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
