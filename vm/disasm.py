"""Disassembly of one instruction, derived from the instruction table."""

from .isa import CSR_BY_NUMBER, REG_NAMES, decode, MASK


def _imm(value):
    signed = value - (1 << 32) if value & 0x80000000 else value
    return str(signed) if -4096 < signed < 4096 else hex(value)


def format_insn(d, symbolize=None):
    """Render a Decoded instruction. symbolize(addr) may return a name for targets."""
    if d is None:
        return "(illegal)"
    i = d.insn
    rd, rs1, rs2 = REG_NAMES[d.rd], REG_NAMES[d.rs1], REG_NAMES[d.rs2]

    def target():
        name = symbolize(d.imm) if symbolize else None
        return f"{d.imm:#x} <{name}>" if name else hex(d.imm)

    ops = {
        "R": lambda: f"{rd}, {rs1}, {rs2}",
        "I": lambda: f"{rd}, {rs1}, {_imm(d.imm)}",
        "LI": lambda: f"{rd}, {_imm(d.imm)}",
        "MOV": lambda: f"{rd}, {rs1}",
        "LOAD": lambda: f"{rd}, {_imm(d.imm)}({rs1})",
        "STORE": lambda: f"{rs2}, {_imm(d.imm)}({rs1})",
        "BR": lambda: f"{rs1}, {rs2}, {target()}",
        "J": target,
        "JR": lambda: rs1,
        "RS12": lambda: f"{rs1}, {rs2}",
        "CSRR": lambda: f"{rd}, {CSR_BY_NUMBER[d.imm].name}",
        "CSRW": lambda: f"{CSR_BY_NUMBER[d.imm].name}, {rs1}",
        "NONE": lambda: "",
    }[i.form]()
    if i.name == "jr" and d.rs1 == 15:
        return "ret"
    if i.form == "LI" and symbolize and d.imm & MASK:
        name = symbolize(d.imm)
        if name:
            ops += f"  # {name}"
    return f"{i.name} {ops}" if ops else i.name


def disassemble(word0, word1, symbolize=None):
    return format_insn(decode(word0, word1), symbolize)
