"""Event tracing: one line per event of the chosen kinds, for `--trace`.

Kinds: insn (every instruction: core, ring, pc, disassembly), trap, irq, tlb,
disk, ring. Instruction tracing uses the before-instruction hook, so it runs
the machine one instruction at a time; the other kinds cost nothing unless on.
"""

from .disasm import format_insn
from .errors import MinosError
from .isa import CSR_NUMBER, decode

KINDS = ("insn", "trap", "irq", "tlb", "disk", "ring")


def parse_kinds(text):
    kinds = [k.strip() for k in text.split(",") if k.strip()] if text else list(KINDS)
    for k in kinds:
        if k not in KINDS:
            raise MinosError(f"unknown trace kind '{k}' (choose from {', '.join(KINDS)})")
    return kinds


def peek_insn(core, pc):
    """Decode the instruction at pc as the core would see it, without side
    effects (no TLB fill, no counters): a Decoded, None if it is illegal, or
    a string saying why it cannot be fetched."""
    machine = core.machine
    if pc & 7:
        return "(misaligned pc)"
    paddr = pc
    if core.paging:
        pte = core.tlb.lookup(core.asid, pc >> 12)
        if pte is not None:
            paddr = (pte & ~0xFFF) | (pc & 0xFFF)
        else:
            paddr = machine.translate(core.csr[CSR_NUMBER["ptbr"]], pc)
    if paddr is None:
        return "(not mapped)"
    if paddr + 8 > machine.memory.size:
        return "(outside RAM)"
    return decode(machine.memory.word(paddr), machine.memory.word(paddr + 4))


class Tracer:
    def __init__(self, kinds, write, symbolize=None):
        self.kinds = set(kinds)
        self.write = write
        self.symbolize = symbolize

    def attach(self, machine):
        machine.set_tracer(self.event)
        if "insn" in self.kinds:
            machine.add_hook("insn", self.insn)

    def event(self, kind, core, text):
        if kind in self.kinds:
            where = f"core {core.id}" if core is not None else "machine"
            self.write(f"{kind:5} {where}: {text}\n")

    def insn(self, core, pc):
        text = peek_insn(core, pc)
        if not isinstance(text, str):
            text = format_insn(text, self.symbolize)
        label = ""
        if self.symbolize:
            name = self.symbolize(pc)
            label = f" <{name}>" if name else ""
        self.write(f"insn  core {core.id} ring {core.ring} pc {pc:#010x}{label}  {text}\n")


class TraceHash:
    """A running hash of (core, pc) for every instruction: two runs that
    execute the same instructions in the same order have the same digest."""

    def __init__(self, machine):
        import hashlib              # only here: `minos machine` imports this module
        self.h = hashlib.sha256()
        machine.add_hook("insn", self.insn)

    def insn(self, core, pc):
        self.h.update(core.id.to_bytes(1, "little") + pc.to_bytes(4, "little"))

    def hexdigest(self):
        return self.h.hexdigest()



