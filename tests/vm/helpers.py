"""Test helpers for the machine: a tiny test-local assembler and bounded runs.

The tests do not use lang.asm on purpose: a machine test should fail only
because of the machine. This assembler is deliberately small:

    label:                      a label (may share the line with an instruction)
    add a0, a1, a2              any instruction of vm/isa.py, in its FORMS syntax
    lw a0, 8(sp)   sw a0, x(zero)
    .org EXPR                   continue at an absolute address (for page tables)
    .align N   .space N   .word E, ...   .half E, ...   .byte E, ...   .asciz "s"
    .equ NAME, EXPR
    # or ; start a comment

Pseudo-instructions: ret, la, beqz, bnez, neg, not, bgt, ble, bgtu, bleu,
and `halt` = `sw zero, POWER(zero)` (power off with exit code 0, one
instruction, clobbers nothing). Expressions are Python arithmetic over
numbers, labels, .equ names and the constants in CONSTANTS.
"""

import ast
import hashlib
import re

import pytest

from vm import isa
from vm.image import SEG_R, SEG_W, SEG_X, Image, Segment
from vm.machine import Machine

CONSOLE, DISK, POWER, CLOCK = 0xF0000000, 0xF0001000, 0xF0002000, 0xF0003000

CONSTANTS = {
    "CONSOLE": CONSOLE, "DISK": DISK, "POWER": POWER, "CLOCK": CLOCK,
    "PTE_P": isa.PTE_P, "PTE_W": isa.PTE_W, "PTE_X": isa.PTE_X, "PTE_A": isa.PTE_A,
    "PTE_D": isa.PTE_D, "PTE_G": isa.PTE_G, "PTE_RING": isa.PTE_RING_SHIFT,
    "IE": isa.STATUS_IE, "PG": isa.STATUS_PG, "SWTLB": isa.STATUS_SWTLB,
}
for _num, _name, _ in isa.TRAP_CAUSES:
    CONSTANTS["C_" + _name.upper()] = _num


class AsmError(Exception):
    pass


# --- expressions -------------------------------------------------------------------
_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load,
            ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.LShift, ast.RShift,
            ast.BitOr, ast.BitAnd, ast.BitXor, ast.USub, ast.UAdd, ast.Invert)


def mangle(name):
    """Local labels like .L1 are not Python names: spell them _D_L1."""
    return re.sub(r"(?<![\w)])\.([A-Za-z_])", r"_D_\1", name)


def evaluate(text, symbols):
    try:
        tree = ast.parse(mangle(text.strip()), mode="eval")
    except SyntaxError:
        raise AsmError(f"bad expression {text!r}") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise AsmError(f"bad expression {text!r}")
        if isinstance(node, ast.Name) and node.id not in symbols:
            raise KeyError(node.id)
    return eval(compile(tree, "<expr>", "eval"), {"__builtins__": {}}, dict(symbols))


# --- the assembler -------------------------------------------------------------------
_PSEUDO_BR = {"bgt": "blt", "ble": "bge", "bgtu": "bltu", "bleu": "bgeu"}
_MEM = re.compile(r"^(.*)\((\w+)\)$")


def _split_ops(text):
    return [p.strip() for p in text.split(",")] if text.strip() else []


def _strip_comment(line):
    out, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch in "#;" and not quoted:
            break
        out.append(ch)
    return "".join(out).strip()


class Program:
    """The result of assemble(): an image plus the symbol table."""

    def __init__(self, image, symbols):
        self.image = image
        self.symbols = symbols

    def __getitem__(self, name):
        return self.symbols[name]


def _reg(name):
    n = isa.reg_number(name.strip())
    if n is None:
        raise AsmError(f"not a register: {name!r}")
    return n


def _expand(name, ops):
    """Pseudo-instructions -> (real name, operands)."""
    if name == "ret":
        return "jr", ["lr"]
    if name == "la":
        return "li", ops
    if name == "beqz":
        return "beq", [ops[0], "zero", ops[1]]
    if name == "bnez":
        return "bne", [ops[0], "zero", ops[1]]
    if name == "neg":
        return "sub", [ops[0], "zero", ops[1]]
    if name == "not":
        return "xori", [ops[0], ops[1], "-1"]
    if name in _PSEUDO_BR:
        return _PSEUDO_BR[name], [ops[1], ops[0], ops[2]]
    if name == "halt":
        return "sw", ["zero", f"{POWER}(zero)"]
    return name, ops


def _encode(name, ops, value):
    insn = isa.BY_NAME.get(name)
    if insn is None:
        raise AsmError(f"unknown instruction {name!r}")
    form = insn.form
    f = dict(rd=0, rs1=0, rs2=0, imm=0)
    want = {"R": 3, "I": 3, "LI": 2, "MOV": 2, "LOAD": 2, "STORE": 2, "BR": 3, "J": 1,
            "JR": 1, "RS12": 2, "CSRR": 2, "CSRW": 2, "NONE": 0}[form]
    if len(ops) != want:
        raise AsmError(f"{name} takes {want} operands, got {len(ops)}")

    def mem(op):
        m = _MEM.match(op)
        if not m:
            raise AsmError(f"expected imm(reg), got {op!r}")
        return value(m.group(1) or "0"), _reg(m.group(2))

    if form == "R":
        f.update(rd=_reg(ops[0]), rs1=_reg(ops[1]), rs2=_reg(ops[2]))
    elif form == "I":
        f.update(rd=_reg(ops[0]), rs1=_reg(ops[1]), imm=value(ops[2]))
    elif form == "LI":
        f.update(rd=_reg(ops[0]), imm=value(ops[1]))
    elif form == "MOV":
        f.update(rd=_reg(ops[0]), rs1=_reg(ops[1]))
    elif form == "LOAD":
        imm, rs1 = mem(ops[1])
        f.update(rd=_reg(ops[0]), rs1=rs1, imm=imm)
    elif form == "STORE":
        imm, rs1 = mem(ops[1])
        f.update(rs2=_reg(ops[0]), rs1=rs1, imm=imm)
    elif form == "BR":
        f.update(rs1=_reg(ops[0]), rs2=_reg(ops[1]), imm=value(ops[2]))
    elif form == "J":
        f.update(imm=value(ops[0]))
    elif form == "JR":
        f.update(rs1=_reg(ops[0]))
    elif form == "RS12":
        f.update(rs1=_reg(ops[0]), rs2=_reg(ops[1]))
    elif form == "CSRR":
        f.update(rd=_reg(ops[0]), imm=isa.CSR_BY_NAME[ops[1]].number)
    elif form == "CSRW":
        f.update(rs1=_reg(ops[1]), imm=isa.CSR_BY_NAME[ops[0]].number)
    imm = f["imm"]
    if not -(1 << 31) <= imm <= isa.MASK:
        raise AsmError(f"immediate {imm} does not fit in 32 bits")
    return isa.encode(name, f["rd"], f["rs1"], f["rs2"], imm & isa.MASK)


def assemble(src, base=0x1000):
    """Assemble test source -> Program (entry = the first byte, at `base`)."""
    symbols = dict(CONSTANTS)
    for pass_no in (1, 2):
        chunks = {}                  # start address -> bytearray
        start = addr = base
        chunks[start] = bytearray()

        pending = []                 # labels bound since the last byte emitted

        def emit(data):
            nonlocal addr
            chunks[start].extend(data)
            addr += len(data)
            pending.clear()

        def value(text, pass_no=pass_no):
            try:
                return evaluate(text, symbols)
            except KeyError as e:
                if pass_no == 1:
                    return 0
                raise AsmError(f"undefined symbol {e.args[0]!r} in {text!r}") from None

        for lineno, raw in enumerate(src.split("\n"), 1):
            line = _strip_comment(raw)
            try:
                while True:
                    m = re.match(r"^([A-Za-z_.$][\w.$]*)\s*:", line)
                    if not m:
                        break
                    label = mangle(m.group(1))
                    if pass_no == 1 and label in symbols:
                        raise AsmError(f"label {m.group(1)!r} defined twice")
                    symbols[label] = addr
                    pending.append(label)
                    line = line[m.end():].strip()
                if not line:
                    continue
                parts = line.split(None, 1)
                name, rest = parts[0].lower(), parts[1] if len(parts) > 1 else ""
                if name == ".org":
                    start = addr = evaluate(rest, symbols)
                    pending.clear()
                    chunks.setdefault(start, bytearray())
                    if chunks[start]:
                        raise AsmError(".org onto an address already used")
                elif name == ".align":
                    n = evaluate(rest, symbols)
                    emit(bytes(-addr % n))
                elif name == ".space":
                    emit(bytes(evaluate(rest, symbols)))
                elif name in (".word", ".half", ".byte"):
                    size = {".word": 4, ".half": 2, ".byte": 1}[name]
                    for op in _split_ops(rest):
                        emit((value(op) & ((1 << 8 * size) - 1)).to_bytes(size, "little"))
                elif name == ".asciz":
                    emit(ast.literal_eval(rest.strip()).encode() + b"\0")
                elif name == ".equ":
                    key, expr = rest.split(",", 1)
                    symbols[key.strip()] = value(expr)
                elif name.startswith("."):
                    raise AsmError(f"unknown directive {name}")
                else:
                    if addr % 8:           # instructions are 8-byte aligned,
                        labels = pending[:]    # and so are the labels just before them
                        emit(bytes(-addr % 8))
                        symbols.update({k: addr for k in labels})
                    real, ops = _expand(name, _split_ops(rest))
                    emit(_encode(real, ops, value))
            except (AsmError, isa.EncodeError, KeyError, ValueError) as e:
                raise AsmError(f"line {lineno}: {raw.strip()!r}: {e}") from None
    segments = [Segment(a, bytes(d), len(d), SEG_R | SEG_W | SEG_X)
                for a, d in sorted(chunks.items()) if d]
    return Program(Image(base, segments), symbols)


# --- running -------------------------------------------------------------------------
DEFAULT_BUDGET = 200_000


def make_machine(src, cores=1, base=0x1000, **machine_kwargs):
    """A machine (1 MiB of RAM unless mem_mib says otherwise: small is fast)
    with the program loaded; m.prog is the Program."""
    prog = src if isinstance(src, Program) else assemble(src, base)
    machine_kwargs.setdefault("mem_mib", 1)
    m = Machine(cores=cores, **machine_kwargs)
    m.load_image(prog.image)
    m.prog = prog
    return m


def run(src, cores=1, max_instructions=DEFAULT_BUDGET, expect="halt", base=0x1000,
        machine=None, **machine_kwargs):
    """Assemble, load and run with an instruction bound. Fails the test if the
    run ends for another reason than `expect` (None: accept any)."""
    m = machine or make_machine(src, cores, base, **machine_kwargs)
    r = m.run(max_instructions=max_instructions)
    if expect is not None and r.reason != expect:
        where = ", ".join(f"core {c.id} pc {c.pc:#x}" for c in m.cores)
        pytest.fail(f"run ended with {r.reason!r} ({r.message}) after {r.instructions} "
                    f"instructions, expected {expect!r}; {where}")
    return m, r


def reg(m, name, core=0):
    return m.cores[core].regs[isa.reg_number(name)]


def word(m, addr):
    return int.from_bytes(m.read_phys(addr, 4), "little")


def signed(x):
    return x - (1 << 32) if x & 0x80000000 else x


def trace_hash(m, max_instructions):
    """Run with an insn hook hashing every (core id, pc); returns (hash, result)."""
    h = hashlib.sha256()

    def hook(core, pc):
        h.update(core.id.to_bytes(1, "little") + pc.to_bytes(4, "little"))

    m.add_hook("insn", hook)
    r = m.run(max_instructions=max_instructions)
    return h.hexdigest(), r


# --- a generic trap recorder -----------------------------------------------------------
# TRAP_KERNEL sets vec to a table whose every slot jumps to one handler that
# appends a 32-byte record (cause, epc, badaddr, access, estatus, status, sp,
# usp) to `tlog`, counts records in `tlog_n`, skips the faulting instruction
# for exceptions (causes 0-6; a syscall's epc is already past it) and irets.
# More than MAX_RECORDS records halt with exit code 99 (a runaway trap loop).
MAX_RECORDS = 16
VECTORS = "\n".join("    jmp __trap" for _ in range(isa.NCAUSES))
TRAP_KERNEL = f"""
__vectors:
{VECTORS}
__trap:
    sw t0, __tsave(zero)
    sw t1, __tsave+4(zero)
    lw t0, tlog_n(zero)
    sltui t1, t0, {MAX_RECORDS}
    bnez t1, __trap_ok
    li t1, 99
    sw t1, POWER(zero)
__trap_ok:
    shli t1, t0, 5
    addi t0, t0, 1
    sw t0, tlog_n(zero)
    csrr t0, cause
    sw t0, tlog(t1)
    csrr t0, epc
    sw t0, tlog+4(t1)
    csrr t0, badaddr
    sw t0, tlog+8(t1)
    csrr t0, access
    sw t0, tlog+12(t1)
    csrr t0, estatus
    sw t0, tlog+16(t1)
    csrr t0, status
    sw t0, tlog+20(t1)
    sw sp, tlog+24(t1)
    csrr t0, usp
    sw t0, tlog+28(t1)
    csrr t0, cause
    sltui t1, t0, 7
    beqz t1, __trap_done
    csrr t0, epc
    addi t0, t0, 8
    csrw epc, t0
__trap_done:
    lw t0, __tsave(zero)
    lw t1, __tsave+4(zero)
    iret
.align 8
__tsave: .space 8
tlog_n: .word 0
.align 32
tlog: .space {32 * MAX_RECORDS}
"""
TRAP_SETUP = """
    li t0, __vectors
    csrw vec, t0
"""
RECORD_FIELDS = ("cause", "epc", "badaddr", "access", "estatus", "status", "sp", "usp")


def traps(m):
    """The records TRAP_KERNEL logged, as dicts."""
    sym = m.prog.symbols
    n = word(m, sym["tlog_n"])
    out = []
    for i in range(n):
        raw = m.read_phys(sym["tlog"] + 32 * i, 32)
        out.append({f: int.from_bytes(raw[4 * k:4 * k + 4], "little")
                    for k, f in enumerate(RECORD_FIELDS)})
    return out


def with_traps(body):
    """A program: install the trap recorder, run `body`, halt; then the kernel."""
    return TRAP_SETUP + body + "\n    halt\n" + TRAP_KERNEL


# --- paging ------------------------------------------------------------------------------
PD = 0x100000           # where PageTables puts its page directory by default


class PageTables:
    """Two-level page tables written straight into a machine's physical memory."""

    def __init__(self, m, pd=PD, pool=None):
        self.m = m
        self.pd = pd
        self.next = pool if pool is not None else pd + 0x1000
        m.write_phys(pd, bytes(4096))

    def table(self, vaddr):
        """Physical address of the page table covering vaddr (made if missing)."""
        pde_addr = self.pd + (vaddr >> 22) * 4
        pde = word(self.m, pde_addr)
        if not pde & 1:
            pde = self.next | 1
            self.next += 0x1000
            self.m.write_phys(pde & ~0xFFF, bytes(4096))
            self.m.write_phys(pde_addr, pde.to_bytes(4, "little"))
        return pde & ~0xFFF

    def pte_addr(self, vaddr):
        return self.table(vaddr) + ((vaddr >> 12) & 0x3FF) * 4

    def set_pte(self, vaddr, pte):
        self.m.write_phys(self.pte_addr(vaddr), pte.to_bytes(4, "little"))

    def pte(self, vaddr):
        return word(self.m, self.pte_addr(vaddr))

    def map(self, vaddr, paddr, flags="rwx", ring=0, glob=False, size=4096):
        """Map [vaddr, vaddr+size) to paddr, flags a string of r/w/x."""
        bits = (isa.PTE_P | (isa.PTE_W if "w" in flags else 0) | (isa.PTE_X if "x" in flags else 0)
                | ring << isa.PTE_RING_SHIFT | (isa.PTE_G if glob else 0))
        for off in range(0, size, 4096):
            self.set_pte(vaddr + off, ((paddr + off) & ~0xFFF) | bits)

    def identity(self, start, end, flags="rwx", ring=0, glob=False):
        start &= ~0xFFF
        self.map(start, start, flags, ring, glob, (end - start + 0xFFF) & ~0xFFF)


def paging_on(pd=PD, extra=0):
    """Assembly that turns paging on with page directory `pd`."""
    return f"""
    li t0, {pd}
    csrw ptbr, t0
    li t0, {isa.STATUS_PG | extra}
    csrw status, t0
"""


def to_ring(ring, label):
    """Assembly that drops to `ring` and continues at `label` (interrupts off)."""
    return f"""
    li t0, {ring << isa.STATUS_RING_SHIFT}
    csrw estatus, t0
    li t0, {label}
    csrw epc, t0
    iret
"""


def image_end(m):
    """The end of the test program in memory (for identity maps)."""
    return max(s.vaddr + s.memsize for s in m.prog.image.segments)


def probe(m, *labels):
    """Snapshot core 0's TLB counters each time it is about to run a label."""
    addrs = {m.prog[name]: name for name in labels}
    seen = {}

    def hook(core, pc):
        if core.id == 0 and pc in addrs:
            seen.setdefault(addrs[pc], []).append((core.tlb_hits, core.tlb_misses))

    m.add_hook("insn", hook)
    return seen
