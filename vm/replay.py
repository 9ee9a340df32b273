"""Pre-decoded traces: the fast engine's first tier (docs/engines.md).

Code that has not run HOT_RUNS times is not translated (vm/fast.py): it
is interpreted, from one control transfer to the next. Once an address
has started a run REPLAY_RUNS times, the instructions from there are
decoded once into a Run, a tuple of steps (handler, operands, index),
and replayed: no fetch, no decoding, no kind checks, and the counts added
once for the run. Building one costs about as much as interpreting it a
few times; translating a block costs as much as interpreting it hundreds
of times.

A run follows the path the code took: on through jumps and calls, back
from a call made in the run to after it, and through each conditional
branch the way it mostly went (mem.branches, which the replay keeps
counting), all on the page it starts on. It stops before an instruction
it cannot replay (a system instruction, `callr`, a `jr` other than the
return from a call in the run: the interpreter runs it), at an address it
has visited, where the path leaves its page (a write to the page forgets
the run with the page's other code: memory.forget_code), or at MAX_RUN
steps.

The step handlers are the table's semantics (vm/isa.py), as the
reference's are, over the registers and the quick maps only: a load or
store looks its page up in the quick read or write map of the current
ring and address space, as a translated block does, a division checks
its divisor, a branch checks that it goes the run's way and a return
that it goes back to its call. Where that fails (a TLB miss, a device, a
write to code, a misaligned address, a fault, a zero divisor, the other
way), the handler returns true before doing anything, the replay stops
before it with the counts of the steps before, and the reference runs
that instruction. So a replay never traps, never changes the TLB,
touches no device and writes no code: each step sees the machine exactly
as the reference would.
"""

from .interp import SEM_GLOBALS, decode_at
from .isa import INSTRUCTIONS, LR, MASK
from .mmu import HALF_KEY, PAGE_KEY, WORD_KEY, Trap

REPLAY_RUNS = 3         # runs of an address before its run is pre-decoded
MAX_RUN = 64            # steps per run
STRAIGHT_KINDS = {"alu", "div", "li", "mov", "load", "store", "nop"}
STEP_KINDS = STRAIGHT_KINDS | {"jmp", "call", "jr", "branch"}
KEY_OF_SIZE = {1: PAGE_KEY, 2: HALF_KEY, 4: WORD_KEY}
PAGE = 4096


def _step_source(insn, way):
    """The source of the step handler h(r, d, QR, QW) of one instruction:
    None if it ran, true if the reference must run it. d is the decoded
    tuple (for a load or store with its offset signed), for a branch,
    call or return with one more operand; way: which way a branch must
    go."""
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
    if kind in ("nop", "jmp"):
        return head + "    pass\n"
    if kind == "call":          # d[7]: the return address
        return head + f"    r[{LR}] = d[7]\n"
    if kind == "jr":            # d[7]: where the call in the run returns
        return head + "    if r[d[2]] != d[7]: return 1\n"
    if kind == "branch":        # d[7]: its physical address, for mem.branches
        other = f"not ({insn.sem})" if way else insn.sem
        return (head + f"    a = r[d[2]]; b = r[d[3]]\n    if {other}: return 1\n"
                f"    BRANCHES[d[7]] = BRANCHES.get(d[7], 0) + {1 if way else -1}\n")
    size = int(insn.sem)
    # the address is not masked: outside 32 bits it is in no quick map
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


# compiled once, (opcode, way) -> code; made into functions per memory
# (they index its W, RAM and branches)
_CODE = {(insn.opcode, way): compile(_step_source(insn, way), f"<step {insn.name}>", "exec")
         for insn in INSTRUCTIONS if insn.kind in STEP_KINDS
         for way in ((True, False) if insn.kind == "branch" else (None,))}


def step_handlers(mem):
    """{(opcode, way): step handler} over this memory, made when first needed."""
    if mem.step_handlers is None:
        handlers = {}
        for key, code in _CODE.items():
            namespace = dict(SEM_GLOBALS, W=mem.words, RAM=mem.ram, BRANCHES=mem.branches)
            exec(code, namespace)
            handlers[key] = namespace["h"]
        mem.step_handlers = handlers
    return mem.step_handlers


class Run:
    """Instructions from one address along one path, pre-decoded.
    steps: (handler, operands, index); n = len(steps). After k of them
    have run the pc is pcs[k], and cycles[k], hits[k] are the cycles and
    TLB hits they took (fetches and quick-map lookups: none with paging
    off). pre_last: the cycles of every step but the last: the run
    replays only if the core's cycles plus these are below its limit, so
    the reference would run all of it. transfer: its last step is a
    control transfer (else the instruction at pcs[n] is straight-line
    code, or one a run cannot replay)."""
    __slots__ = ("steps", "n", "pcs", "cycles", "hits", "pre_last", "transfer")

    def __init__(self, steps, pcs, cycles, hits, transfer):
        self.steps = steps
        self.n = len(steps)
        self.pcs = pcs
        self.cycles = cycles
        self.hits = hits
        self.pre_last = cycles[-2]
        self.transfer = transfer


def build(mem, paddr, pc, paging):
    """The Run of the code at paddr (executing at pc), or None if it has
    no instruction to replay."""
    handlers = mem.step_handlers or step_handlers(mem)
    decoded, branches = mem.decoded, mem.branches
    offset = paddr - pc                 # (the same on the whole page)
    page = pc & ~(PAGE - 1)
    steps, pcs, returns, seen = [], [pc], [], set()
    cycles, hits = [0], [0]
    fetched = 1 if paging else 0        # TLB hits of a fetch, and of a load or store
    c = h = 0
    transfer = False
    v = pc
    while len(steps) < MAX_RUN and v & ~(PAGE - 1) == page and not v & 7 and v not in seen:
        p = v + offset
        d = decoded.get(p)
        if d is None:
            try:
                d = decode_at(mem, p)
            except Trap:
                break                   # illegal: the reference sees to it
        kind = d[6].kind
        nxt = (v + 8) & MASK
        way = None
        h += fetched
        if kind in ("load", "store"):
            h += fetched
            if d[4] & 0x80000000:
                d = d[:4] + (d[4] - (1 << 32),) + d[5:]     # the offset, signed (see _step_source)
        elif kind == "branch":
            way = branches.get(p, 0) > 0
            d = d + (p,)
            if way:
                nxt = d[4]
        elif kind == "call":
            d = d + (nxt,)
            returns.append(nxt)
            nxt = d[4]
        elif kind == "jmp":
            nxt = d[4]
        elif kind == "jr":
            if d[2] != LR or not returns:
                break                   # a computed target
            nxt = returns.pop()
            d = d + (nxt,)
        elif kind not in STRAIGHT_KINDS:
            break
        steps.append((handlers[d[6].opcode, way], d, len(steps)))
        c += d[5]
        cycles.append(c)
        hits.append(h)
        seen.add(v)
        transfer = kind not in STRAIGHT_KINDS
        v = nxt
        pcs.append(v)
    return Run(tuple(steps), pcs, cycles, hits, transfer) if steps else None


__all__ = ["Run", "build", "step_handlers", "REPLAY_RUNS"]
