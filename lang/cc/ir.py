"""The compiler's intermediate representation: three-address code on temps.

A function body is a flat list of Insn. Values live in Temps (unlimited
virtual registers, assigned to machine registers or spill slots by
regalloc.py); memory the program can address lives in Slots (frame storage
at a fixed fp offset, laid out by frame.py) or at global symbols.

Every Insn has an `op` and only the fields that op needs:

  li     d, imm                 d = imm (an int, or a symbol string "name" / "name+4")
  mov    d, a                   d = a
  bin    d, a, b, alu           d = a ALU b   (alu: an isa ALU name; b a Temp or an int)
  addr   d, base, off           d = address of base+off (base: a Slot, "sp" or a symbol)
  load   d, base, off, size, signed    d = memory[base+off]  (base: Temp, Slot or symbol)
  store  a, base, off, size     memory[base+off] = a      (base: Temp, Slot, "sp" or symbol)
         (load/store: `volatile` forbids the optimiser to remove or merge the access;
          with a Temp base, off may also be a symbol: the address is symbol + base)
  br     a, b, cond, label      if a COND b goto label    (cond: beq bne blt bge bltu bgeu; b Temp or int)
  jmp    label
  label  label
  jr     a, targets             goto a (a jump table; targets lists the labels it may reach)
  call   d, fn, args            d = fn(args...) (fn: symbol or Temp; args go to a0.. in order)
  ret    a                      return a (or nothing) through the epilogue
  entry  pairs                  at function entry: each (temp, reg) in pairs receives that register
  fixed  op-specific: bcopy / bfill / asm: operands bound to fixed registers (see below)
  loc    line, col, file        the following code comes from this source position

`fixed` instructions take their operands in given machine registers and may
clobber registers: `ins` is a list of (Temp or int, reg), `outs` a list of
(Temp, reg), `clobbers` a set of registers, `text` the assembly to emit.
"""

from vm.isa import REG_ALIASES

A_REGS = [REG_ALIASES[f"a{i}"] for i in range(6)]
CALLER_SAVED = frozenset(A_REGS + [REG_ALIASES["t0"], REG_ALIASES["t1"], REG_ALIASES["lr"]])
BRANCH_NEGATION = {"beq": "bne", "bne": "beq", "blt": "bge", "bge": "blt",
                   "bltu": "bgeu", "bgeu": "bltu"}


class Temp:
    """A virtual register. `name` is only a hint for reading the IR."""
    __slots__ = ("id", "name")

    def __init__(self, id, name=""):
        self.id = id
        self.name = name

    def __repr__(self):
        return f"%{self.id}{'.' + self.name if self.name else ''}"


class Slot:
    """Frame storage. offset is fp-relative; frame.py assigns it unless fixed."""
    __slots__ = ("size", "align", "name", "offset", "fixed")

    def __init__(self, size, align=4, name="", offset=None):
        self.size = max(size, 1)
        self.align = max(align, 1)
        self.name = name
        self.offset = offset
        self.fixed = offset is not None

    def __repr__(self):
        return f"[{self.name or 'slot'}@{self.offset}]"


FIELDS = ("d", "a", "b", "alu", "base", "off", "size", "signed", "cond", "label",
          "targets", "fn", "args", "pairs", "ins", "outs", "clobbers", "text", "imm",
          "line", "col", "file", "volatile")
_FIELD_SET = frozenset(FIELDS)


class Insn:
    # Every field not given is None.
    d = a = b = alu = base = off = size = signed = cond = label = None
    targets = fn = args = pairs = ins = outs = clobbers = text = imm = None
    line = col = file = volatile = None

    def __init__(self, op, **fields):
        if not _FIELD_SET.issuperset(fields):
            raise TypeError(f"unknown Insn fields {sorted(set(fields) - _FIELD_SET)}")
        self.op = op
        self.__dict__.update(fields)

    def uses(self):
        """The temps this instruction reads."""
        op = self.op
        if op in ("mov", "ret", "jr"):
            return [self.a] if isinstance(self.a, Temp) else []
        if op in ("bin", "br"):
            return [x for x in (self.a, self.b) if isinstance(x, Temp)]
        if op == "load":
            return [self.base] if isinstance(self.base, Temp) else []
        if op == "store":
            return [x for x in (self.a, self.base) if isinstance(x, Temp)]
        if op == "call":
            out = [x for x in self.args if isinstance(x, Temp)]
            return out + [self.fn] if isinstance(self.fn, Temp) else out
        if op == "fixed":
            return [t for t, _ in self.ins if isinstance(t, Temp)]
        return []

    def defs(self):
        """The temps this instruction writes."""
        op = self.op
        if op in ("li", "mov", "bin", "addr", "load", "call"):
            return [self.d] if self.d is not None else []
        if op == "entry":
            return [t for t, _ in self.pairs]
        if op == "fixed":
            return [t for t, _ in self.outs]
        return []

    def clobbered(self):
        """Machine registers this instruction destroys (beyond its own defs)."""
        if self.op == "call":
            return CALLER_SAVED
        if self.op == "fixed":
            return self.clobbers
        return frozenset()

    def is_jump(self):
        return self.op in ("br", "jmp", "jr", "ret")

    def __repr__(self):
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in FIELDS
                           if getattr(self, k) is not None)
        return f"{self.op} {fields}"


class Function:
    """One function's IR plus what the emitter and debug info need about it."""

    def __init__(self, name):
        self.name = name
        self.insns = []
        self.slots = []
        self.ntemps = 0
        self.is_static = False
        self.section = None
        self.variadic = False
        self.saved_extra = set()       # s-registers named in asm clobbers
        self.vars = []                 # debug: (name, ctype, location Temp/Slot, scope labels)
        self.line = 0
        self.file = ""
        self.ctype = None

    def temp(self, name=""):
        self.ntemps += 1
        return Temp(self.ntemps, name)

    def slot(self, size, align=4, name="", offset=None):
        s = Slot(size, align, name, offset)
        self.slots.append(s)
        return s

    def emit(self, op, **fields):
        insn = Insn(op, **fields)
        self.insns.append(insn)
        return insn
