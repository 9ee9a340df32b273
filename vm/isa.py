"""The instruction table: the one place that defines the machine's instructions.

Everything else is derived from INSTRUCTIONS below: the encoder and decoder
(this module), the assembler and disassembler (lang/, vm/disasm.py), the
interpreter's dispatch (vm/interp.py) and docs/isa.md (vm/isadoc.py).

Encoding. Every instruction is 8 bytes, 8-byte aligned, little-endian:

    word 0:  bits 0-7 opcode | bits 8-11 rd | bits 12-15 rs1 | bits 16-19 rs2
    word 1:  imm (a full 32-bit immediate: any constant or address)

Unused fields are zero. Branch and jump targets are absolute addresses held
in imm, so the linker patches them with the same ABS32 relocation as data.
"""


from .errors import MinosError
from .record import Frozen

MASK = 0xFFFFFFFF
INSN_SIZE = 8
NREGS = 16

# --- registers -------------------------------------------------------------
# r0 always reads as zero; writes to it are discarded.
REG_ALIASES = {
    "zero": 0,
    "a0": 1, "a1": 2, "a2": 3, "a3": 4, "a4": 5, "a5": 6,
    "t0": 7, "t1": 8,
    "s0": 9, "s1": 10, "s2": 11, "s3": 12,
    "fp": 13, "sp": 14, "lr": 15,
}
REG_NAMES = ["zero", "a0", "a1", "a2", "a3", "a4", "a5", "t0", "t1",
             "s0", "s1", "s2", "s3", "fp", "sp", "lr"]
SP, FP, LR = 14, 13, 15


def reg_number(name):
    """'r7', 't0' or 'sp' -> 7, 7, 14; None if the name is not a register."""
    name = name.lower()
    if name in REG_ALIASES:
        return REG_ALIASES[name]
    if name.startswith("r") and name[1:].isdigit():
        n = int(name[1:])
        if 0 <= n < NREGS:
            return n
    return None


# --- control registers (csrr / csrw) ----------------------------------------
class Csr(Frozen):
    def __init__(self, name, number, writable, doc):
        vars(self).update(name=name, number=number, writable=writable, doc=doc)


CSRS = [
    Csr("status", 0, True, "bit 0 IE (interrupts enabled), bit 1 PG (paging on), "
        "bit 2 SWTLB (software TLB refill); bits 8-9 current ring (read-only)"),
    Csr("epc", 1, True, "pc saved by the last trap; iret jumps here"),
    Csr("estatus", 2, True, "status saved by the last trap (IE in bit 0, ring in bits 8-9); iret restores it"),
    Csr("cause", 3, False, "cause number of the last trap"),
    Csr("badaddr", 4, False, "faulting virtual address (page fault, TLB miss, misaligned)"),
    Csr("access", 5, False, "kind of the faulting access: 0 read, 1 write, 2 execute"),
    Csr("vec", 6, True, "trap vector table base: cause C enters at vec + 8*C"),
    Csr("ksp", 7, True, "kernel stack pointer loaded into sp on a trap from ring > 0"),
    Csr("usp", 8, True, "sp saved on a trap from ring > 0; iret to ring > 0 restores sp from it"),
    Csr("ptbr", 9, True, "physical address of the page directory (4 KiB aligned)"),
    Csr("asid", 10, True, "address-space id tagging new TLB entries and lookups (0-255)"),
    Csr("coreid", 11, False, "this core's number (0 .. ncores-1)"),
    Csr("ncores", 12, False, "number of cores in the machine"),
    Csr("cycle", 13, False, "this core's cycle counter, low 32 bits"),
    Csr("cycleh", 14, False, "this core's cycle counter, high 32 bits"),
    Csr("instret", 15, False, "instructions retired on this core, low 32 bits"),
    Csr("timer", 16, True, "write N: timer interrupt after N more cycles (0 cancels); read: cycles left"),
    Csr("ipi", 17, True, "write core id: send an inter-processor interrupt to that core"),
    Csr("ipend", 18, True, "pending interrupts, bit (cause - 8); write 1 bits to clear"),
    Csr("scratch", 19, True, "free for the kernel (e.g. a per-core data pointer)"),
    Csr("memsize", 20, False, "bytes of physical RAM"),
]
CSR_BY_NAME = {c.name: c for c in CSRS}
CSR_NUMBER = {c.name: c.number for c in CSRS}
CSR_BY_NUMBER = {c.number: c for c in CSRS}

STATUS_IE = 1 << 0
STATUS_PG = 1 << 1
STATUS_SWTLB = 1 << 2
STATUS_RING_SHIFT = 8

# --- traps ----------------------------------------------------------------
TRAP_CAUSES = [
    # (number, name, description)
    (0, "illegal", "illegal instruction (unknown opcode or bad field)"),
    (1, "privileged", "privileged instruction executed outside ring 0"),
    (2, "pagefault", "page not present, or access not allowed by the page's bits or ring"),
    (3, "tlbmiss", "TLB miss in software-refill mode"),
    (4, "misaligned", "misaligned load, store or instruction fetch"),
    (5, "divzero", "division or remainder by zero"),
    (6, "breakpoint", "the brk instruction"),
    (7, "syscall", "the syscall instruction"),
    (8, "timer", "this core's timer reached zero"),
    (9, "ipi", "inter-processor interrupt"),
    (10, "console", "console received a byte"),
    (11, "disk", "disk request completed"),
]
# How a kernel names each cause in a message ("page fault at pc ...").
CAUSE_TITLES = {"illegal": "illegal instruction", "privileged": "privileged instruction",
                "pagefault": "page fault", "tlbmiss": "TLB miss", "misaligned": "misaligned access",
                "divzero": "division by zero", "breakpoint": "breakpoint", "syscall": "system call",
                "timer": "timer", "ipi": "IPI", "console": "console", "disk": "disk"}
CAUSE = {name: num for num, name, _ in TRAP_CAUSES}
CAUSE_NAMES = {num: name for num, name, _ in TRAP_CAUSES}
NCAUSES = len(TRAP_CAUSES)
FIRST_INTERRUPT = CAUSE["timer"]

ACCESS_READ, ACCESS_WRITE, ACCESS_EXEC = 0, 1, 2

# --- page table entries -------------------------------------------------------
PAGE_SIZE = 4096
PTE_P = 1 << 0      # present
PTE_W = 1 << 1      # writable
PTE_X = 1 << 2      # executable
PTE_RING_SHIFT = 3  # bits 3-4: least privileged ring allowed (0..3)
PTE_A = 1 << 5      # accessed (set by the hardware walker)
PTE_D = 1 << 6      # dirty (set by the hardware walker)
PTE_G = 1 << 7      # global: the TLB entry matches every asid
# bits 8-11 are ignored by the machine: free for the kernel's own use
PTE_FLAGS = 0xFFF


# --- the instruction table ------------------------------------------------------
# Operand forms: the assembly syntax of each instruction's operands.
FORMS = {
    "R":     "rd, rs1, rs2",
    "I":     "rd, rs1, imm",
    "LI":    "rd, imm",
    "MOV":   "rd, rs1",
    "LOAD":  "rd, imm(rs1)",
    "STORE": "rs2, imm(rs1)",
    "BR":    "rs1, rs2, target",
    "J":     "target",
    "JR":    "rs1",
    "RS12":  "rs1, rs2",
    "CSRR":  "rd, csr",
    "CSRW":  "csr, rs1",
    "NONE":  "",
}

# Which fields each form uses (the rest must be zero).
FORM_FIELDS = {
    "R": ("rd", "rs1", "rs2"), "I": ("rd", "rs1", "imm"), "LI": ("rd", "imm"),
    "MOV": ("rd", "rs1"), "LOAD": ("rd", "rs1", "imm"), "STORE": ("rs2", "rs1", "imm"),
    "BR": ("rs1", "rs2", "imm"), "J": ("imm",), "JR": ("rs1",), "RS12": ("rs1", "rs2"),
    "CSRR": ("rd", "imm"), "CSRW": ("rs1", "imm"), "NONE": (),
}


class Insn(Frozen):
    """kind: how the interpreter executes it (see below); sem: a Python
    expression, the ALU result over a, b or the branch condition over a, b;
    cycles: the cost model's base cycles (docs/isa.md)."""

    def __init__(self, name, opcode, form, kind, sem, cycles, privileged, doc):
        vars(self).update(name=name, opcode=opcode, form=form, kind=kind, sem=sem, cycles=cycles,
                          privileged=privileged, doc=doc)

    @property
    def syntax(self):
        ops = FORMS[self.form]
        return f"{self.name} {ops}" if ops else self.name


# ALU operations: a = rs1, b = rs2 (R form) or imm (I form), both unsigned
# 32-bit. The result is masked to 32 bits. s(x) reads x as signed.
# (name, semantics, cycles, doc)
ALU_OPS = [
    ("add",  "a + b",             1, "addition (wraps)"),
    ("sub",  "a - b",             1, "subtraction (wraps)"),
    ("mul",  "a * b",             3, "multiplication, low 32 bits"),
    ("div",  "sdiv(a, b)",       12, "signed division, rounds toward zero; INT_MIN / -1 = INT_MIN"),
    ("divu", "a // b",           12, "unsigned division"),
    ("rem",  "srem(a, b)",       12, "signed remainder, sign of the dividend; INT_MIN % -1 = 0"),
    ("remu", "a % b",            12, "unsigned remainder"),
    ("and",  "a & b",             1, "bitwise and"),
    ("or",   "a | b",             1, "bitwise or"),
    ("xor",  "a ^ b",             1, "bitwise exclusive or"),
    ("shl",  "a << b if b < 32 else 0",          1, "shift left; amounts >= 32 give 0"),
    ("shr",  "a >> b if b < 32 else 0",          1, "logical shift right; amounts >= 32 give 0"),
    ("sar",  "s(a) >> (b if b < 32 else 31)",    1, "arithmetic shift right; amounts >= 32 fill with the sign"),
    ("slt",  "int(s(a) < s(b))",  1, "set to 1 if less than (signed), else 0"),
    ("sltu", "int(a < b)",        1, "set to 1 if less than (unsigned), else 0"),
    ("sgt",  "int(s(a) > s(b))",  1, "set to 1 if greater than (signed), else 0"),
    ("sgtu", "int(a > b)",        1, "set to 1 if greater than (unsigned), else 0"),
    ("seq",  "int(a == b)",       1, "set to 1 if equal, else 0"),
    ("sne",  "int(a != b)",       1, "set to 1 if not equal, else 0"),
]
DIVIDING = {"div", "divu", "rem", "remu"}

BRANCH_OPS = [
    ("beq",  "a == b",       "branch if equal"),
    ("bne",  "a != b",       "branch if not equal"),
    ("blt",  "s(a) < s(b)",  "branch if less than (signed)"),
    ("bge",  "s(a) >= s(b)", "branch if greater or equal (signed)"),
    ("bltu", "a < b",        "branch if less than (unsigned)"),
    ("bgeu", "a >= b",       "branch if greater or equal (unsigned)"),
]

# (name, bytes, signed)
LOAD_OPS = [("lb", 1, True), ("lbu", 1, False), ("lh", 2, True), ("lhu", 2, False), ("lw", 4, False)]
STORE_OPS = [("sb", 1), ("sh", 2), ("sw", 4)]


def _build_table():
    table = []

    def add(name, form, kind, sem="", cycles=1, privileged=False, doc=""):
        table.append(Insn(name, len(table) + 1, form, kind, sem, cycles, privileged, doc))

    for name, sem, cycles, doc in ALU_OPS:
        kind = "div" if name in DIVIDING else "alu"
        add(name, "R", kind, sem, cycles, doc=f"rd = rs1 {name} rs2: {doc}")
        add(name + "i", "I", kind, sem, cycles, doc=f"rd = rs1 {name} imm: {doc}")
    add("li", "LI", "li", cycles=1, doc="rd = imm (any 32-bit constant or address)")
    add("mov", "MOV", "mov", cycles=1, doc="rd = rs1")
    for name, size, signed in LOAD_OPS:
        ext = "sign" if signed else "zero"
        what = {1: "byte", 2: "halfword", 4: "word"}[size]
        add(name, "LOAD", "load", str(size), 2,
            doc=f"rd = {what} at rs1 + imm, {ext}-extended" if size < 4 else "rd = word at rs1 + imm")
    for name, size in STORE_OPS:
        what = {1: "low byte", 2: "low halfword", 4: "word"}[size]
        add(name, "STORE", "store", str(size), 2, doc=f"store the {what} of rs2 at rs1 + imm")
    for name, cond, doc in BRANCH_OPS:
        add(name, "BR", "branch", cond, 1, doc=f"{doc}: if rs1 ? rs2, pc = target")
    add("jmp", "J", "jmp", cycles=1, doc="pc = target")
    add("call", "J", "call", cycles=1, doc="lr = pc + 8; pc = target")
    add("jr", "JR", "jr", cycles=1, doc="pc = rs1 (ret is jr lr)")
    add("callr", "JR", "callr", cycles=1, doc="lr = pc + 8; pc = rs1 (call through a pointer)")
    add("swap", "R", "swap", cycles=4,
        doc="atomically: rd = word at rs1; word at rs1 = rs2")
    add("cas", "R", "cas", cycles=4,
        doc="atomically: old = word at rs1; if old == rd then word at rs1 = rs2; rd = old")
    add("bcopy", "R", "bcopy", cycles=2,
        doc="copy rs2 bytes from address rs1 to address rd (regions may overlap); "
            "costs 2 + rs2/4 cycles")
    add("bfill", "R", "bfill", cycles=2,
        doc="fill rs2 bytes at address rd with the low byte of rs1; costs 2 + rs2/4 cycles")
    add("syscall", "NONE", "syscall", cycles=1, doc="trap with cause syscall; epc = the next instruction")
    add("brk", "NONE", "brk", cycles=1, doc="trap with cause breakpoint; epc = this instruction")
    add("nop", "NONE", "nop", cycles=1, doc="do nothing")
    add("iret", "NONE", "iret", cycles=2, privileged=True,
        doc="return from trap: pc = epc; ring and IE from estatus; "
            "sp = usp when returning to ring > 0")
    add("wfi", "NONE", "wfi", cycles=1, privileged=True,
        doc="wait until an interrupt is pending (taken next if IE is set)")
    add("cli", "NONE", "cli", cycles=1, privileged=True, doc="disable interrupts (clear status.IE)")
    add("sti", "NONE", "sti", cycles=1, privileged=True, doc="enable interrupts (set status.IE)")
    add("csrr", "CSRR", "csrr", cycles=1, privileged=True, doc="rd = control register csr")
    add("csrw", "CSRW", "csrw", cycles=1, privileged=True, doc="control register csr = rs1")
    add("tlbflush", "NONE", "tlbflush", cycles=4, privileged=True, doc="invalidate every TLB entry")
    add("tlbflushpg", "JR", "tlbflushpg", cycles=2, privileged=True,
        doc="invalidate the TLB entries for virtual page rs1, in every asid")
    add("tlbflushasid", "JR", "tlbflushasid", cycles=4, privileged=True,
        doc="invalidate the non-global TLB entries tagged with asid rs1")
    add("tlbwr", "RS12", "tlbwr", cycles=2, privileged=True,
        doc="write a TLB entry (current asid): virtual page rs1 maps as page-table entry rs2")
    return table


INSTRUCTIONS = _build_table()
BY_NAME = {i.name: i for i in INSTRUCTIONS}
BY_OPCODE = {i.opcode: i for i in INSTRUCTIONS}

# Assembler conveniences that expand to one real instruction.
# name -> (real instruction, how operands map)
PSEUDO = {
    "ret":  "jr lr",
    "bgt":  "blt with rs1 and rs2 swapped",
    "ble":  "bge with rs1 and rs2 swapped",
    "bgtu": "bltu with rs1 and rs2 swapped",
    "bleu": "bgeu with rs1 and rs2 swapped",
    "beqz": "beq rs1, zero, target",
    "bnez": "bne rs1, zero, target",
    "la":   "li rd, symbol",
    "neg":  "sub rd, zero, rs1",
    "not":  "xori rd, rs1, -1",
}

# Timing of things that are not instructions (docs/isa.md lists these).
COST = {
    "trap": 10,            # entering a trap or interrupt
    "tlb_walk": 12,        # hardware page-table walk on a TLB miss
    "mmio": 10,            # extra for a device register access
    "block_per_word": 1,   # bcopy / bfill: per 4 bytes moved
}


# --- encoding -------------------------------------------------------------------
class EncodeError(MinosError):
    pass


def encode(name, rd=0, rs1=0, rs2=0, imm=0):
    """Encode one instruction as 8 bytes."""
    insn = BY_NAME.get(name)
    if insn is None:
        raise EncodeError(f"unknown instruction '{name}'")
    for field, value in (("rd", rd), ("rs1", rs1), ("rs2", rs2)):
        if not 0 <= value < NREGS:
            raise EncodeError(f"{field} must be a register 0-15, not {value}")
    if not -(1 << 31) <= imm <= MASK:
        raise EncodeError(f"immediate {imm} does not fit in 32 bits")
    word0 = insn.opcode | rd << 8 | rs1 << 12 | rs2 << 16
    return word0.to_bytes(4, "little") + (imm & MASK).to_bytes(4, "little")


class Decoded(Frozen):
    def __init__(self, insn, rd, rs1, rs2, imm):
        vars(self).update(insn=insn, rd=rd, rs1=rs1, rs2=rs2, imm=imm)


def decode(word0, word1):
    """Decode an instruction from its two words; None if it is illegal."""
    insn = BY_OPCODE.get(word0 & 0xFF)
    if insn is None:
        return None
    rd, rs1, rs2 = (word0 >> 8) & 15, (word0 >> 12) & 15, (word0 >> 16) & 15
    if word0 >> 20:
        return None
    used = FORM_FIELDS[insn.form]
    if (rd and "rd" not in used) or (rs1 and "rs1" not in used) or (rs2 and "rs2" not in used):
        return None
    if "imm" not in used and word1:
        return None
    if insn.form in ("CSRR", "CSRW") and word1 not in CSR_BY_NUMBER:
        return None
    return Decoded(insn, rd, rs1, rs2, word1)


def decode_bytes(data, offset=0):
    return decode(int.from_bytes(data[offset:offset + 4], "little"),
                  int.from_bytes(data[offset + 4:offset + 8], "little"))
