"""Pre-decoded runs: the fast engine's first tier (docs/engines.md).

Code that has not run HOT_RUNS times is not translated (vm/fast.py): it
is interpreted a straight run at a time, from one control transfer to the
next. Once a run has started a few times (REPLAY_RUNS), its straight-line
instructions are decoded once into a Run, a tuple of steps (handler,
decoded, index), and replayed: no fetch, no decoding, no kind checks, and
the counts added once for the run. Building one costs about as much as
interpreting the run a few times; translating a block costs as much as
interpreting it hundreds of times.

A run stops before the first instruction that is not straight-line code
(a control transfer or a system instruction: the interpreter runs it), at
the end of its page (a write to the page forgets the run with the page's
other code: memory.forget_code), or at MAX_RUN steps.

The step handlers are the table's semantics (vm/isa.py), as the
reference's are, over the registers and the quick maps only: a load or
store looks its page up in the quick read or write map of the current
ring and address space, as a translated block does, and a division checks
its divisor. Where that lookup misses (a TLB miss, a device, a write to
code, a misaligned address, a fault) or the divisor is zero, the handler
returns true before doing anything, the replay stops before it with the
counts of the steps before, and the reference runs that instruction. So a
replay never traps, never changes the TLB, touches no device and writes
no code: each step sees the machine exactly as the reference would.
"""

from .interp import SEM_GLOBALS, decode_at
from .isa import INSTRUCTIONS
from .mmu import HALF_KEY, PAGE_KEY, WORD_KEY, Trap

REPLAY_RUNS = 3         # runs of an address before its run is pre-decoded
MAX_RUN = 64            # steps per run
STEP_KINDS = {"alu", "div", "li", "mov", "load", "store", "nop"}
KEY_OF_SIZE = {1: PAGE_KEY, 2: HALF_KEY, 4: WORD_KEY}


def _step_source(insn):
    """The source of the step handler h(r, d, QR, QW) of one instruction:
    None if it ran, true if the reference must run it."""
    head = "def h(r, d, QR, QW):\n"
    kind = insn.kind
    if kind in ("alu", "div"):
        b = "d[4]" if insn.form == "I" else "r[d[3]]"
        check = "    if not b: return 1\n" if kind == "div" else ""
        return head + f"    a = r[d[2]]; b = {b}\n{check}    if d[1]: r[d[1]] = ({insn.sem}) & MASK\n"
    if kind == "li":
        return head + "    if d[1]: r[d[1]] = d[4]\n"
    if kind == "mov":
        return head + "    if d[1]: r[d[1]] = r[d[2]]\n"
    if kind == "nop":
        return head + "    pass\n"
    size = int(insn.sem)
    # the address is not masked: past 32 bits it is in no quick map
    table = "QR" if kind == "load" else "QW"
    look = (f"    a = r[d[2]] + d[4]\n"
            f"    o = {table}.get(a & {KEY_OF_SIZE[size]})\n"
            f"    if o is None: return 1\n")
    if kind == "load":
        value = {4: "W[(a + o) >> 2]", 1: "RAM[a + o]", 2: "RAM[a + o] | RAM[a + o + 1] << 8"}[size]
        if insn.name in ("lb", "lh"):
            bit = 1 << (size * 8 - 1)
            value = f"(({value}) ^ {bit}) - {bit} & MASK"
        return head + look + f"    if d[1]: r[d[1]] = {value}\n"
    store = {4: "W[(a + o) >> 2] = r[d[3]]", 1: "RAM[a + o] = r[d[3]] & 255",
             2: "v = r[d[3]]; RAM[a + o] = v & 255; RAM[a + o + 1] = v >> 8 & 255"}[size]
    return head + look + f"    {store}\n"


# compiled once; made into functions per memory (they index its W and RAM)
_CODE = {insn.opcode: compile(_step_source(insn), f"<step {insn.name}>", "exec")
         for insn in INSTRUCTIONS if insn.kind in STEP_KINDS}


def step_handlers(mem):
    """{opcode: step handler} over this memory, made when first needed."""
    if mem.step_handlers is None:
        handlers = {}
        for opcode, code in _CODE.items():
            namespace = dict(SEM_GLOBALS, W=mem.words, RAM=mem.ram)
            exec(code, namespace)
            handlers[opcode] = namespace["h"]
        mem.step_handlers = handlers
    return mem.step_handlers


class Run:
    """The straight-line instructions from one address, pre-decoded.
    steps: (handler, decoded, index); n = len(steps). After k of them
    have run, cycles[k], hits[k] are the cycles and TLB hits they took
    (fetches and quick-map lookups: none with paging off). pre_last:
    the cycles of every step but the last: the run replays only if the
    core's cycles plus these are below its limit, so the reference would
    run all of it."""
    __slots__ = ("steps", "n", "cycles", "hits", "pre_last")

    def __init__(self, decoded, paging, handlers):
        self.steps = tuple((handlers[d[6].opcode], d, k) for k, d in enumerate(decoded))
        self.n = len(decoded)
        self.cycles, self.hits = [0], [0]
        for d in decoded:
            self.cycles.append(self.cycles[-1] + d[5])
            self.hits.append(self.hits[-1] + (1 + (d[6].kind in ("load", "store")) if paging else 0))
        self.pre_last = self.cycles[-2] if decoded else 0


def build(mem, paddr, paging):
    """The Run of the code at paddr, or None if it has no straight-line
    instruction to replay."""
    decoded = []
    p = paddr
    while len(decoded) < MAX_RUN:
        try:
            d = mem.decoded.get(p) or decode_at(mem, p)
        except Trap:
            break                       # illegal: the reference sees to it
        if d[6].kind not in STEP_KINDS:
            break
        decoded.append(d)
        p += 8
        if not p & 0xFFF:
            break                       # the end of the page
    return Run(decoded, paging, step_handlers(mem)) if decoded else None


__all__ = ["Run", "build", "step_handlers", "REPLAY_RUNS"]
