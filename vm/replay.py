"""Pre-decoded traces: the fast engine's first tier (docs/engines.md).

Code that has not run HOT_RUNS times is not translated (vm/fast.py): it
is interpreted, from one control transfer to the next. Once an address
has started a run REPLAY_RUNS times, the instructions from there are
decoded once into a Run, a tuple of steps (handlers, each with its
instruction's operands),
and replayed: no fetch, no decoding, no kind checks, and the counts added
once for the run. Building one costs about as much as interpreting it a
few times; translating a block costs as much as interpreting it hundreds
of times.

A run follows the path the code takes: on through jumps and calls, back
from a call made in the run to after it, through each conditional
branch the way it mostly went (mem.branches, which the replay keeps
counting), and through a `jr` or `callr` whose register the run has not
written to where that register points as the run is made (a return to
the caller, mostly), on pages mapped to run code; and through `cli` and
a `csrr` of a register that does not count time (SYSTEM_STEPS: in ring
3 their step leaves them to the reference, which traps). It stops
before an instruction it cannot replay (any other system instruction,
a `jr` or `callr` through a register the run computed: the interpreter
runs it), at an
address it has visited, at a page not in the execute quick map, or at
MAX_RUN steps. A write to any of its pages forgets it with the pages'
other code (memory.forget_code; its other pages through
mem.block_pages).

The step handlers are the table's semantics (vm/isa.py), as the
reference's are, over the registers and the quick maps only: a load or
store looks its page up in the quick read or write map of the current
ring and address space, as a translated block does, a division checks
its divisor, a branch checks that it goes the run's way and a `jr` or
`callr` that it goes where the run went. Where that fails (a TLB miss, a device, a
write to code, a misaligned address, a fault, a zero divisor, the other
way), the handler returns true before doing anything, the replay stops
before it with the counts of the steps before, and the reference runs
that instruction. So a replay never traps, never changes the TLB,
touches no device and writes no code: each step sees the machine exactly
as the reference would.
"""

import re

from .core import TIMED_CSRS
from .interp import SEM_GLOBALS, decode_at
from .isa import BY_OPCODE, LR, MASK
from .mmu import HALF_KEY, PAGE_KEY, WORD_KEY, Trap

REPLAY_RUNS = 10        # runs of an address before its run is pre-decoded (docs/engines.md)
MAX_RUN = 40            # steps per run (docs/engines.md)
STRAIGHT_KINDS = {"alu", "div", "li", "mov", "load", "store", "nop"}
# system instructions a step runs itself (in ring 0; a csrr of a register
# that is not TIMED_CSRS): the kernel reads status and turns interrupts
# off around its critical sections, and a run stopping at each cost as
# much as the instructions between
SYSTEM_STEPS = {"csrr", "cli"}
TRANSFER_KINDS = {"jmp", "call", "jr", "callr", "branch"}
KEY_OF_SIZE = {1: PAGE_KEY, 2: HALF_KEY, 4: WORD_KEY}
PAGE = 4096
PAGE_MASK = ~(PAGE - 1)


def _step_source(insn, way):
    """The source of make(rd, rs1, rs2, imm, x), which makes the step
    handler h(r, QR, QW, c) of one instruction with these operands (c: the
    core): h returns None if it ran, true if the reference must run it. imm is
    signed for a load or store, the return address of a callr; x is the
    return address of a call, where a jr or callr must go (the run's
    path), or a branch's physical address (for mem.branches); way: which
    way a branch must go."""
    kind = insn.kind
    if kind == "alu" and _once(insn.sem):
        # the operands in the expression, not in locals a and b: fewer
        # bytecodes a step (callgrind, a first boot: 0.3% fewer host
        # instructions)
        b = "imm" if insn.form == "I" else "r[rs2]"
        body = f"        if rd: r[rd] = ({_operands(insn.sem, 'r[rs1]', b)}) & MASK\n"
    elif kind in ("alu", "div"):
        b = "imm" if insn.form == "I" else "r[rs2]"
        check = "        if not b: return 1\n" if kind == "div" else ""
        body = f"        a = r[rs1]; b = {b}\n{check}        if rd: r[rd] = ({insn.sem}) & MASK\n"
    elif kind == "li":
        body = "        if rd: r[rd] = imm\n"
    elif kind == "mov":
        body = "        if rd: r[rd] = r[rs1]\n"
    elif kind in ("nop", "jmp"):
        body = "        pass\n"
    elif kind == "csrr":        # (in ring 3 the reference traps)
        body = "        if c.ring: return 1\n        if rd: r[rd] = c.read_csr(imm)\n"
    elif kind == "cli":
        body = "        if c.ring: return 1\n        c.ie = 0\n"
    elif kind == "call":
        body = f"        r[{LR}] = x\n"
    elif kind == "jr":
        body = "        if r[rs1] != x: return 1\n"
    elif kind == "callr":       # imm: the return address
        body = f"        if r[rs1] != x: return 1\n        r[{LR}] = imm\n"
    elif kind == "branch":
        other = f"not ({insn.sem})" if way else insn.sem
        if _once(insn.sem):
            other = _operands(other, "r[rs1]", "r[rs2]")
            body = f"        if {other}: return 1\n"
        else:
            body = f"        a = r[rs1]; b = r[rs2]\n        if {other}: return 1\n"
        body += f"        BRANCHES[x] = BRANCHES.get(x, 0) + {1 if way else -1}\n"
    else:
        size = int(insn.sem)
        # the address is not masked: outside 32 bits it is in no quick map
        table = "QR" if kind == "load" else "QW"
        body = (f"        a = r[rs1] + imm\n"
                f"        o = {table}.get(a & {KEY_OF_SIZE[size]})\n"
                f"        if o is None: return 1\n")
        if kind == "load":
            value = {4: "W[(a + o) >> 2]", 1: "RAM[a + o]", 2: "RAM[a + o] | RAM[a + o + 1] << 8"}[size]
            if insn.name in ("lb", "lh"):
                bit = 1 << (size * 8 - 1)
                value = f"(({value}) ^ {bit}) - {bit} & MASK"
            body += f"        if rd: r[rd] = {value}\n"
        else:
            body += "        " + {4: "W[(a + o) >> 2] = r[rs2]", 1: "RAM[a + o] = r[rs2] & 255",
                                 2: "v = r[rs2]; RAM[a + o] = v & 255; RAM[a + o + 1] = v >> 8 & 255"}[size] + "\n"
    # the operands the body uses are defaults of h: fast locals, and two
    # objects per step (h and its defaults) for the garbage collector to
    # follow, where closure cells would be one more per operand
    words = set("".join(ch if ch.isalnum() or ch == "_" else " " for ch in body).split())
    used = [name for name in ("rd", "rs1", "rs2", "imm", "x") if name in words]
    operands = "".join(f", {name}={name}" for name in used)
    return f"def make(rd, rs1, rs2, imm, x):\n    def h(r, QR, QW, c{operands}):\n{body}    return h\n"


def _once(sem):
    """Whether the semantics name each of a and b once (so each can be
    the expression of its operand)."""
    words = re.findall(r"\w+", sem)
    return words.count("a") == 1 and words.count("b") == 1


def _operands(sem, a, b):
    """sem with a and b replaced by these expressions."""
    return re.sub(r"\b[ab]\b", lambda m: a if m.group() == "a" else b, sem)


_CODE = {}      # (opcode, way) -> the code of its make, compiled when first needed
MAX_STEPS = 50_000      # distinct steps kept per memory before they start over


class Makers(dict):
    """(opcode, way) -> make(rd, rs1, rs2, imm, x) over one memory (its W,
    RAM and branches), each compiled (once per process) and made when
    first asked for: a run uses few of the 67 kinds of step, and making
    them all up front was 40 M of the 1,665 M host instructions (callgrind)
    of a cached `minos run -c 'echo hi'`."""

    def __init__(self, mem):
        super().__init__()
        # one namespace for every make: each keeps only its own function
        self.namespace = dict(SEM_GLOBALS, W=mem.words, RAM=mem.ram, BRANCHES=mem.branches)

    def __missing__(self, key):
        code = _CODE.get(key)
        if code is None:
            insn = BY_OPCODE[key[0]]
            code = _CODE[key] = compile(_step_source(insn, key[1]), f"<step {insn.name}>", "exec")
        exec(code, self.namespace)
        make = self[key] = self.namespace.pop("make")
        return make


class Steps(dict):
    """The steps made over one memory, shared by every run that has the
    same instruction: (opcode, way, rd, rs1, rs2, imm, x) -> its handler,
    made when first asked for. A step is a function of these alone (over
    the memory's W, RAM and branches), so runs through the same code, and
    copies of it at other addresses, share their steps: a first boot
    builds 14,700 steps of which about 1,800 differ, and making one (a
    function and its defaults) was half of what building a run cost."""

    def __init__(self, makers):
        super().__init__()
        self.makers = makers            # Makers: (opcode, way) -> make(rd, rs1, rs2, imm, x)

    def __missing__(self, key):
        if len(self) >= MAX_STEPS:
            self.clear()                # bounded memory; the runs keep theirs
        step = self[key] = self.makers[key[0], key[1]](*key[2:])
        return step


def step_makers(mem):
    """The Steps over this memory (the steps index its W, RAM and
    branches), made when first needed."""
    if mem.step_makers is None:
        mem.step_makers = Steps(Makers(mem))
    return mem.step_makers


class Run:
    """Instructions from one address along one path, pre-decoded.
    steps: their handlers; n = len(steps). After k of them
    have run the pc is pcs[k], and cycles[k], hits[k] are the cycles and
    TLB hits they took (fetches and quick-map lookups: none with paging
    off). pre_last: the cycles of every step but the last: the run
    replays only if the core's cycles plus these are below its limit, so
    the reference would run all of it. transfer: its last step is a
    control transfer (else the instruction at pcs[n] is straight-line
    code, or one a run cannot replay). A run on several pages replays
    only while the execute quick map still maps its other pages as it
    did (extra)."""
    __slots__ = ("steps", "n", "pcs", "cycles", "hits", "pre_last", "transfer", "extra", "pages")

    def __init__(self, steps, pcs, cycles, hits, transfer, extra, pages):
        self.extra = extra              # (virtual page, offset) of its pages but the first (paging on)
        self.pages = pages              # the physical page numbers of those pages
        self.steps = steps
        self.n = len(steps)
        self.pcs = pcs
        self.cycles = cycles
        self.hits = hits
        self.pre_last = cycles[-2]
        self.transfer = transfer


def build(mem, paddr, pc, quick, regs):
    """The Run of the code at paddr (executing at pc), or None if it has
    no instruction to replay. regs: the registers now, as the run starts:
    a `jr` or `callr` through a register the run has not written goes
    where that register says (a step checks it still does). quick: the
    execute quick map (None: paging is off), where the run's other pages
    must be."""
    steps_of = mem.step_makers or step_makers(mem)
    decoded, branches = mem.decoded, mem.branches
    paging = quick is not None
    fetched = 1 if paging else 0        # TLB hits of a fetch, and of a load or store
    page = pc & ~(PAGE - 1)
    offset = paddr - pc                 # physical - virtual on this page
    offsets = {page: offset}
    steps, pcs, cycles, hits = [], [pc], [0], [0]
    returns, seen, written = [], set(), set()
    c = h = n = 0
    last = None                         # the kind of the last step
    v = pc
    while n < MAX_RUN and not v & 7 and v not in seen:
        if v & PAGE_MASK != page:
            page = v & PAGE_MASK
            offset = offsets.get(page)
            if offset is None:
                offset = quick.get(page) if paging else (0 if page + PAGE <= mem.size else None)
                if offset is None:
                    break               # not mapped to run: the reference sees to it
                offsets[page] = offset
        p = v + offset
        d = decoded.get(p)
        if d is None:
            try:
                d = decode_at(mem, p)
            except Trap:
                break                   # illegal: the reference sees to it
        kind = d[6].kind
        imm = d[4]
        way = x = None
        if kind in STRAIGHT_KINDS or kind in SYSTEM_STEPS:
            if kind == "csrr" and imm in TIMED_CSRS:
                break                   # it needs exact counters: the reference runs it
            nxt = (v + 8) & MASK
            if kind == "load" or kind == "store":
                h += fetched
                if imm & 0x80000000:
                    imm -= 1 << 32      # the offset, signed (see _step_source)
            if kind != "store":
                written.add(d[1])
        elif kind == "branch":
            way = branches.get(p, 0) > 0
            x = p
            nxt = imm if way else (v + 8) & MASK
        elif kind == "call" or kind == "jmp":
            nxt = imm
            if kind == "call":
                x = (v + 8) & MASK
                returns.append(x)
                written.add(LR)
        elif kind == "jr" or kind == "callr":
            if kind == "jr" and d[2] == LR and returns:
                x = nxt = returns.pop()
            elif d[2] not in written:
                x = nxt = regs[d[2]]
            else:
                break                   # a target computed in the run
            if kind == "callr":
                imm = (v + 8) & MASK
                returns.append(imm)
                written.add(LR)
        else:
            break
        steps.append(steps_of[d[6].opcode, way, d[1], d[2], d[3], imm, x])
        last = kind
        n += 1
        c += d[5]
        h += fetched
        cycles.append(c)
        hits.append(h)
        seen.add(v)
        v = nxt
        pcs.append(v)
    if not steps:
        return None
    first = pc & ~(PAGE - 1)
    used = {v & ~(PAGE - 1) for v in pcs[:-1]} if len(offsets) > 1 else ()
    extra = tuple((page, offset) for page, offset in offsets.items() if page in used and page != first)
    return Run(tuple(steps), pcs, cycles, hits, last in TRANSFER_KINDS, extra if paging else (),
               tuple((page + offset) >> 12 for page, offset in extra))


__all__ = ["Run", "Steps", "build", "step_makers", "REPLAY_RUNS"]
