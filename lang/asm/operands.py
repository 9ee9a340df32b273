"""Instruction operands: registers, memory operands, CSRs, immediates.

The operand syntax of each instruction comes straight from vm.isa.FORMS
("rd, rs1, imm", "rd, imm(rs1)", ...), so a new instruction in the table
needs no change here. Pseudo-instructions are described the same way below.
"""

from vm import isa

from .errors import AsmError
from .expr import constant

# Every register name (r0..r15 and the aliases), lower case -> number.
REGS = {f"r{n}": n for n in range(isa.NREGS)}
REGS.update(isa.REG_ALIASES)

# Pseudo-instruction -> (its operand syntax, the real instruction, how the
# parsed fields become the real instruction's fields).
PSEUDOS = {
    "ret":  ("", "jr", lambda f: {"rs1": isa.LR}),
    "bgt":  ("rs1, rs2, target", "blt", lambda f: {"rs1": f["rs2"], "rs2": f["rs1"], "imm": f["imm"]}),
    "ble":  ("rs1, rs2, target", "bge", lambda f: {"rs1": f["rs2"], "rs2": f["rs1"], "imm": f["imm"]}),
    "bgtu": ("rs1, rs2, target", "bltu", lambda f: {"rs1": f["rs2"], "rs2": f["rs1"], "imm": f["imm"]}),
    "bleu": ("rs1, rs2, target", "bgeu", lambda f: {"rs1": f["rs2"], "rs2": f["rs1"], "imm": f["imm"]}),
    "beqz": ("rs1, target", "beq", lambda f: {"rs1": f["rs1"], "imm": f["imm"]}),
    "bnez": ("rs1, target", "bne", lambda f: {"rs1": f["rs1"], "imm": f["imm"]}),
    "la":   ("rd, target", "li", lambda f: f),
    "neg":  ("rd, rs1", "sub", lambda f: {"rd": f["rd"], "rs2": f["rs1"]}),
    "not":  ("rd, rs1", "xori", lambda f: {"rd": f["rd"], "rs1": f["rs1"], "imm": -1}),
}
assert set(PSEUDOS) == set(isa.PSEUDO), "pseudo-instructions out of step with vm/isa.py"


def _specs(syntax):
    return tuple(s.strip() for s in syntax.split(",")) if syntax else ()


# mnemonic -> (operand specs, real instruction, field mapping or None)
SYNTAX = {i.name: (_specs(isa.FORMS[i.form]), i, None) for i in isa.INSTRUCTIONS}
SYNTAX.update({name: (_specs(ops), isa.BY_NAME[real], fix)
               for name, (ops, real, fix) in PSEUDOS.items()})


def register(text):
    r = REGS.get(text.lower())
    if r is None:
        raise AsmError(f"expected a register, got '{text}'")
    return r


def memory(text):
    """'imm(reg)', '(reg)' or a bare address expression -> (imm text, base)."""
    if text.count("(") != text.count(")"):
        raise AsmError(f"unbalanced parentheses in '{text}'")
    if text.endswith(")"):
        depth = 0
        for i in range(len(text) - 1, -1, -1):
            c = text[i]
            if c == ")":
                depth += 1
            elif c == "(":
                depth -= 1
                if depth == 0:
                    break
        else:
            raise AsmError(f"unbalanced parentheses in '{text}'")
        base = REGS.get(text[i + 1:-1].strip().lower())
        if base is not None:
            return text[:i].strip() or "0", base
        # '(sym+4)': the parentheses belong to the expression; no base register
    if text.lower() in REGS:
        raise AsmError(f"expected a memory operand like 8({text}) or ({text}), got '{text}'")
    return text, 0


def csr_number(text, ctx):
    csr = isa.CSR_BY_NAME.get(text.lower())
    if csr is not None:
        return csr.number
    try:
        number = constant(text, ctx, "a CSR number")
    except AsmError:
        raise AsmError(f"unknown control register '{text}'") from None
    if number not in isa.CSR_BY_NUMBER:
        raise AsmError(f"no control register has number {number}")
    return number


def immediate(text):
    # A register here is almost surely a slip ('addi a0, a1, a2'); a symbol
    # named like a register can still be reached with 'la'.
    if text.lower() in REGS:
        raise AsmError(f"expected a number or symbol, got register '{text}'")
    return text


def parse(mnemonic, operands, ctx):
    """Parse an instruction's operands.

    Returns (insn, rd, rs1, rs2, imm) where imm is an int or, when it needs
    evaluating later (symbols may not be defined yet), the expression text.
    """
    entry = SYNTAX.get(mnemonic)
    if entry is None:
        raise AsmError(f"unknown instruction '{mnemonic}'")
    specs, insn, fix = entry
    if len(operands) != len(specs):
        want = f"{len(specs)} operand{'s' if len(specs) != 1 else ''}"
        shape = f" ({', '.join(specs)})" if specs else ""
        raise AsmError(f"'{mnemonic}' takes {want}{shape}, got {len(operands)}")
    rd = rs1 = rs2 = imm = 0
    n = 0
    try:
        for n, spec in enumerate(specs):
            text = operands[n]
            if spec == "rd":
                rd = register(text)
            elif spec == "rs1":
                rs1 = register(text)
            elif spec == "rs2":
                rs2 = register(text)
            elif spec == "imm":
                imm = immediate(text)
            elif spec == "target":
                imm = text
            elif spec == "imm(rs1)":
                imm, rs1 = memory(text)
            elif spec == "csr":
                imm = csr_number(text, ctx)
            else:                               # a form this file does not know yet
                raise AsmError(f"unsupported operand kind '{spec}'")
    except AsmError as e:
        raise AsmError(f"'{mnemonic}' operand {n + 1} ({specs[n]}): {e.message}") from None
    if fix is not None:
        f = {"rd": 0, "rs1": 0, "rs2": 0, "imm": 0,
             **fix({"rd": rd, "rs1": rs1, "rs2": rs2, "imm": imm})}
        return insn, f["rd"], f["rs1"], f["rs2"], f["imm"]
    return insn, rd, rs1, rs2, imm
