"""The fast engine: straight-line runs of instructions ("blocks") translated
into Python functions, with the same semantics and counters as vm/interp.py.

A block starts at a physical address, stays inside one page, holds ALU,
load/store and nop instructions, and ends with at most one branch or jump.
System instructions (and anything unusual) are left to the reference
handlers, one at a time. Inside a block the registers live in local
variables; a block that branches back to its own start loops inside its
function while the cycle limit allows.

Exactness, cheaply:
- A block runs only if the reference would run all of it: cycles plus the
  cost of every instruction but the last is below the limit. Otherwise the
  dispatcher executes one instruction the reference way.
- Instruction, cycle and TLB-hit counts are known when the block is
  translated; they are added when it exits.
- Loads and stores take an inline path only when it cannot fault, touch a
  device, miss the TLB or write code. Any other access goes through the
  core's own load/store, after which the block exits, so TLB changes, device
  effects and self-modifying code are seen by the next instruction exactly as
  the reference sees them.
- A trap inside a block writes back the registers and the counts of the
  instructions before the faulting one, then lets the shared trap code run.
- Pages whose code is rewritten again and again are not translated any more.
"""

import ast
import functools
import re

from .codecache import CACHE
from .core import Core
from .interp import SEM_GLOBALS, decode_at, finish_trap
from .isa import ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, CSR_BY_NAME, LR, MASK
from .mmu import FETCH_KEY, HALF_KEY, PAGE_KEY, WORD_KEY, Trap

MAX_BLOCK = 48          # instructions per block
MAX_BLOCKS = 20000      # translated blocks kept before the cache starts over
HOT_REWRITES = 8        # code rewrites of a page after which it is interpreted
HOT_RUNS = 128          # runs of an address before its block is translated

BODY_KINDS = {"alu", "div", "li", "mov", "load", "store", "nop", "cli", "csrr"}
# Control registers whose value depends on the cycle or instruction counts:
# reading them needs exact counters, so such a csrr is left to the reference.
TIMED_CSRS = {CSR_BY_NAME[n].number for n in ("cycle", "cycleh", "instret", "timer")}
END_KINDS = {"branch", "jmp", "call", "jr", "callr"}
# What the long way may run several of in a row: instructions after which
# the next pc is pc + 8 and nothing needs the dispatcher to look.
STRAIGHT = {"alu", "div", "li", "mov", "load", "store", "nop"}
# ALU operations whose result is within 32 bits whenever their operands are
# (tests/engines checks this against the table), so it needs no masking.
IN_RANGE = {"and", "or", "xor", "shr", "divu", "remu", "slt", "sltu", "sgt", "sgtu", "seq", "sne"}
ACCESS_KEY = {1: PAGE_KEY, 2: HALF_KEY, 4: WORD_KEY}
SIGN = 1 << 31
PAGE_SIZE = 4096


class Block:
    """A translated block, or (fn None) cold code: not yet run HOT_RUNS
    times (`heat` counts its runs), interpreted meanwhile. fn(core) returns
    True if it could not run even its first instruction."""
    __slots__ = ("fn", "vaddr", "paging", "pre_last", "source", "heat")

    def __init__(self, fn, vaddr, paging, pre_last, source, heat=None):
        self.heat = heat
        self.fn = fn
        self.vaddr = vaddr              # the code is translated for this pc ...
        self.paging = paging            # ... and this paging mode
        self.pre_last = pre_last        # cycles of all instructions but the last
        self.source = source


@functools.lru_cache(maxsize=4096)
def _operand(sem, a, b):
    """The table's expression over a and b with the operands substituted and
    s(x) (read as signed) written inline: a call per use would cost more than
    the operation."""
    text = re.sub(r"\bb\b", b, re.sub(r"\ba\b", a, sem))
    text = re.sub(r"\bs\((\w+)\)", r"((\1 ^ 2147483648) - 2147483648)", text)
    tree = _SignedCompare().visit(_FoldConstantChoices().visit(ast.parse(text, mode="eval")))
    return ast.unparse(tree)


class _FoldConstantChoices(ast.NodeTransformer):
    """Settle `X if TEST else Y` when TEST involves only constants (an
    immediate shift amount, say), so the block does not test it each time."""

    def visit_IfExp(self, node):
        self.generic_visit(node)
        if not any(isinstance(n, ast.Name) for n in ast.walk(node.test)):
            return node.body if eval(compile(ast.Expression(node.test), "<fold>", "eval")) else node.orelse
        return node


class _SignedCompare(ast.NodeTransformer):
    """Compare two values read as signed, ((x ^ 2**31) - 2**31) < ((y ^ 2**31) - 2**31),
    as (x ^ 2**31) < (y ^ 2**31): subtracting the same constant on both
    sides changes no comparison."""

    @staticmethod
    def _flipped(node):
        if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub)
                and isinstance(node.right, ast.Constant) and node.right.value == SIGN
                and isinstance(node.left, ast.BinOp) and isinstance(node.left.op, ast.BitXor)
                and isinstance(node.left.right, ast.Constant) and node.left.right.value == SIGN):
            return node.left
        return None

    def visit_Compare(self, node):
        self.generic_visit(node)
        sides = [self._flipped(n) for n in [node.left] + node.comparators]
        if len(sides) == 2 and None not in sides:
            return ast.Compare(sides[0], node.ops, [sides[1]])
        return node


def _signed(imm):
    """An immediate as the signed offset it means in an address."""
    return imm - (1 << 32) if imm & SIGN else imm


class _Writer:
    """Builds the Python source of one block: a trace of instructions that
    follows jumps, calls and the returns from them, and each conditional
    branch the way it mostly went, leaving the trace ("side exit") where
    control goes the other way. Only its last instruction may jump back to
    its start, which makes it a loop that runs inside the function while
    the cycle limit allows.

    Counting: the block counts every fetch it makes (a TLB hit: the page is
    in the quick execute map while the block runs). While it loops, `ci`
    holds the cycles of the iterations it has completed, so it = ci // COST
    iterations are done. Counters reach the core when the block exits."""

    def __init__(self, trace, paging, extra_pages=0):
        self.insns = [d for d, _ in trace]
        self.addrs = [v for _, v in trace]
        self.start = self.addrs[0]
        self.paging = paging
        self.lines = []
        self.written = set()
        self.read = set()
        last = self.insns[-1]
        self.loops = last[6].kind in ("branch", "jmp", "call") and last[4] == self.start
        self.k = len(self.insns)
        costs = [d[5] for d in self.insns]
        self.prefix = [sum(costs[:i]) for i in range(self.k + 1)]
        mem_ops = [1 if d[6].kind in ("load", "store") else 0 for d in self.insns]
        self.data_prefix = [sum(mem_ops[:i]) for i in range(self.k + 1)]
        self.extra_pages = extra_pages if paging else 0
        self.side_exits = False
        self.accesses = []      # (line, instruction) of each load and store
        self.traps = False      # an instruction that may raise Trap
        self.line_at = {}       # source line of an access -> its instruction

    def reg(self, n):
        if n == 0:
            return "0"
        self.read.add(n)
        return f"r{n}"

    def set(self, n):
        self.written.add(n)
        return f"r{n}"

    def emit(self, line, depth=3):
        self.lines.append("    " * depth + line)

    def flush(self, n, fetches, data):
        """Code adding to the core the counts of the completed iterations plus
        n instructions of this one, with `fetches` fetches and `data` data
        accesses that hit the TLB. n, fetches and data may be expressions."""
        k, d = self.k, self.data_prefix[self.k]
        cycles = f"PREFIX[{n}]" if isinstance(n, str) else str(self.prefix[n])
        if not self.loops:
            parts = [f"c.cycles += {cycles}", f"c.instructions += {n}"]
            hits = f"{fetches} + {data}"
        else:
            it = f"ci // {self.prefix[k]}"
            parts = [f"c.cycles += ci + {cycles}", f"c.instructions += {it} * {k} + {n}"]
            hits = f"{it} * {k + d} + {fetches} + {data}"
        if self.paging:
            parts.append(f"c.tlb_hits += {hits}")
        return "; ".join(parts)

    # --- one instruction each ---------------------------------------------------------
    def alu(self, i, d):
        insn = d[6]
        a = self.reg(d[2])
        b = str(d[4]) if insn.form == "I" else self.reg(d[3])
        if insn.kind == "div":
            self.traps = True
            self.emit(f"if not {b}:")
            self.emit(f"at = {i}; raise Trap(DIVZERO)", 4)
        if d[1]:
            value = _operand(insn.sem, a, b)
            name = insn.name[:-1] if insn.form == "I" else insn.name
            self.emit(f"{self.set(d[1])} = {value}" if name in IN_RANGE
                      else f"{self.set(d[1])} = ({value}) & {MASK}")

    def li(self, i, d):
        if d[1]:
            self.emit(f"{self.set(d[1])} = {d[4]}")

    def mov(self, i, d):
        if d[1]:
            self.emit(f"{self.set(d[1])} = {self.reg(d[2])}")

    def nop(self, i, d):
        pass

    def privileged(self, i):
        self.traps = True
        self.emit("if c.ring:")
        self.emit(f"at = {i}; raise Trap(PRIVILEGED)", 4)

    def cli(self, i, d):
        self.privileged(i)
        self.emit("c.ie = 0")

    def csrr(self, i, d):
        self.privileged(i)
        target = self.set(d[1]) if d[1] else "_"
        self.emit(f"{target} = {Core.csr_expression(d[4])}")

    def _physical(self, i, d, access):
        """Emit what makes the physical address of a load or store, and
        return it as an expression for the next line, which does the access.
        The address is not masked: out of range it is simply not in the
        quick map. A lookup that misses (a TLB miss, a device, a write to
        code, a fault) raises KeyError, which leaves the block before
        instruction i (found from the line it was raised on), so the
        reference runs it."""
        size = int(d[6].sem)
        offset = _signed(d[4])
        x = self.reg(d[2])
        if offset:
            self.emit(f"x = {x} + {offset}")
            x = "x"
        table = "QR" if access == ACCESS_READ else "QW"
        physical = f"{x} + {table}[{x} & {ACCESS_KEY[size]}]"
        self.accesses.append((len(self.lines), i))
        if size == 2:
            self.emit(f"p = {physical}")
            return "p"
        return physical

    def load(self, i, d):
        p = self._physical(i, d, ACCESS_READ)
        size = int(d[6].sem)
        value = {4: f"W[({p}) >> 2]", 1: f"RAM[{p}]", 2: "(RAM[p] | RAM[p + 1] << 8)"}[size]
        if d[6].name in ("lb", "lh"):
            bit = 1 << (size * 8 - 1)
            value = f"({value} ^ {bit}) - {bit} & {MASK}"
        target = self.set(d[1]) if d[1] else "_"
        self.emit(f"{target} = {value}")

    def store(self, i, d):
        p = self._physical(i, d, ACCESS_WRITE)
        size = int(d[6].sem)
        value = self.reg(d[3])
        if size == 4:
            self.emit(f"W[({p}) >> 2] = {value}")
        elif size == 1:
            self.emit(f"RAM[{p}] = {value} & 255")
        else:
            self.emit(f"RAM[p] = {value} & 255; RAM[p + 1] = {value} >> 8 & 255")

    # --- control transfers --------------------------------------------------------------
    def transfer(self, i, d):
        """A branch, jump or call. Inside the trace only a taken branch does
        anything but set lr: the trace already continues where control goes."""
        kind = d[6].kind
        after = (self.addrs[i] + 8) & MASK
        if kind in ("call", "callr"):
            if kind == "callr":
                self.emit(f"nxt = {self.reg(d[2])}")
            self.emit(f"{self.set(LR)} = {after}")
        if i < self.k - 1:
            if kind == "jr":
                # a return the trace follows back to its call: if lr says
                # otherwise, leave for where it says
                self.side_exits = True
                self.emit(f"if {self.reg(d[2])} != {self.addrs[i + 1]}:")
                self.emit(f"nxt = {self.reg(d[2])}; n = {i + 1}", 4)
                self.emit("break", 4)
            if kind == "branch" and d[4] != after:
                # the trace goes on where this branch usually went; the
                # other way is a side exit
                self.side_exits = True
                taken = self.addrs[i + 1] == d[4]
                self.emit(f"if not ({self.condition(d)}):" if taken else f"if {self.condition(d)}:")
                self.emit(f"nxt = {after if taken else d[4]}; n = {i + 1}", 4)
                self.emit("break", 4)
            return
        if kind == "branch":
            self.emit(f"if {self.condition(d)}:")
            self.goto(d[4], 4)
            self.emit("else:")
            self.emit(f"nxt = {after}", 4)
        elif kind in ("jmp", "call"):
            self.goto(d[4], 3)
        elif kind == "jr":
            self.emit(f"nxt = {self.reg(d[2])}")

    def condition(self, d):
        return _operand(d[6].sem, self.reg(d[2]), self.reg(d[3]))

    def goto(self, target, depth):
        if target != self.start:
            self.emit(f"nxt = {target}", depth)
            return
        # A loop back to this block's start: go on while the limit allows.
        self.emit(f"ci += {self.prefix[self.k]}", depth)
        self.emit("if ci < room:", depth)
        self.emit("continue", depth + 1)
        self.emit("WRITEBACK", depth)
        self.emit(f"c.pc = {self.start}", depth)
        self.emit(self.flush(0, 0, 0), depth)    # every iteration ran; no fetch of the next
        self.emit("return", depth)

    def hoist_signed_operands(self):
        """In a loop, a register compared as signed but never written is
        flipped once, before the loop, instead of on every iteration."""
        hoisted = []
        for r in sorted(self.read - self.written):
            flipped = re.compile(rf"\br{r} \^ {SIGN}\b")
            if any(flipped.search(line) for line in self.lines):
                self.lines = [flipped.sub(f"k{r}", line) for line in self.lines]
                hoisted.append(f"    k{r} = r{r} ^ {SIGN}")
        return hoisted

    def source(self):
        k = self.k
        handlers = {"alu": self.alu, "div": self.alu, "li": self.li, "mov": self.mov,
                    "nop": self.nop, "load": self.load, "store": self.store,
                    "cli": self.cli, "csrr": self.csrr}
        for i, d in enumerate(self.insns):
            handlers.get(d[6].kind, self.transfer)(i, d)
        if self.insns[-1][6].kind not in END_KINDS:
            self.emit(f"nxt = {(self.addrs[-1] + 8) & MASK}")
        n = "n" if self.side_exits else k
        if self.side_exits:
            self.emit(f"n = {k}")
        self.emit("break")
        regs = sorted(self.read | self.written)
        head = ["def block(c, R, QR, QW):"]
        if self.extra_pages:
            # the other pages must still be mapped as when this was made
            head.append("    QX = c.tlb.quick[2]")
            for j in range(self.extra_pages):
                head += [f"    if QX.get(EP{j}) != EO{j}:", "        return True"]
        if regs:
            head.append("    " + "; ".join(f"r{r} = R[{r}]" for r in regs))
        if self.loops:
            head += self.hoist_signed_operands()
        if self.loops:
            head += ["    ci = 0", f"    room = c.limit - c.cycles - {self.prefix[k - 1]}"]
        head += ["    try:", "        while True:"]
        self.line_at = {len(head) + j + 1: i for j, i in self.accesses}
        progress = "at or ci" if self.loops else "at"
        tail = []
        if self.accesses:
            tail += ["    except KeyError as miss:",
                     "        at = LINE_AT[miss.__traceback__.tb_lineno]",
                     "        WRITEBACK",
                     "        c.pc = ADDRS[at]",
                     "        " + self.flush("at", "at", "DATA_PREFIX[at]"),
                     f"        return not ({progress})     # True: nothing ran, step it instead"]
        if self.traps:
            tail += ["    except Trap:             # this instruction's fetch was made",
                     "        WRITEBACK",
                     "        c.pc = ADDRS[at]",
                     "        " + self.flush("at", "at + 1", "DATA_PREFIX[at]"),
                     "        raise"]
        if not tail:
            tail = ["    finally:", "        pass                 # nothing here can fail"]
        tail += ["    WRITEBACK",
                 "    c.pc = nxt",
                 "    " + self.flush(n, n, f"DATA_PREFIX[{n}]" if self.side_exits else self.data_prefix[k])]
        text = "\n".join(head + self.lines + tail) + "\n"
        writeback = "; ".join(f"R[{r}] = r{r}" for r in sorted(self.written)) or "pass"
        return re.sub(r"^(\s*)WRITEBACK$", lambda m: m.group(1) + writeback, text, flags=re.M)


class _Pages:
    """Where the virtual pages of a trace are in physical memory: through
    the execute quick map (paging on: a page must be there, so fetching
    from it is a TLB hit), or the same address (paging off)."""

    def __init__(self, mem, quick, paddr, vaddr):
        self.mem = mem
        self.quick = quick
        self.base = {vaddr & ~0xFFF: paddr & ~0xFFF}

    def physical(self, v):
        """The physical address of v, or None where the trace cannot go."""
        page = v & ~0xFFF
        if page not in self.base:
            if self.quick is None:
                ok = page + PAGE_SIZE <= self.mem.size
                offset = 0
            else:
                offset = self.quick.get(page)
                ok = offset is not None
            if not ok:
                return None
            self.base[page] = page + offset
        return self.base[page] | (v & 0xFFF)

    def extra(self, start):
        """(virtual page, offset) of every page but the start's."""
        return tuple((page, base - page) for page, base in self.base.items() if page != start & ~0xFFF)


def _trace(mem, pages, vaddr):
    """The (decoded, vaddr) instructions of the block at vaddr: on through
    each branch the way it mostly went while interpreted (mem.branches),
    into the targets of jumps and calls, and back from a call to after it
    (a guard checks lr), while the pages are mapped, until something ends
    it."""
    trace, seen, returns = [], set(), []
    v = vaddr
    while len(trace) < MAX_BLOCK and v not in seen:
        p = pages.physical(v)
        d = None if p is None else _decoded(mem, p)
        if d is None:
            break                       # unmapped, or illegal: the reference path sees to it
        kind = d[6].kind
        if (kind not in BODY_KINDS and kind not in END_KINDS) or (kind == "csrr" and d[4] in TIMED_CSRS):
            break
        trace.append((d, v))
        seen.add(v)
        if kind == "jr" and d[2] == LR and returns:
            v = returns.pop()           # the call in this trace is where it returns
            continue
        if kind in ("jr", "callr") or (kind in END_KINDS and d[4] == vaddr):
            break                       # a computed target, or a loop to the start
        if kind == "call":
            returns.append((v + 8) & MASK)
        if kind in ("jmp", "call") or (kind == "branch" and mem.branches.get(p, 0) > 0):
            v = d[4]
        else:
            v = (v + 8) & MASK
    return trace


def translate(core, paddr, vaddr, known_only=False):
    """The Block for the code at paddr (executing at vaddr). Where nothing
    can be translated (a system instruction, a page whose code keeps being
    rewritten) its function runs the code the reference way. known_only:
    only if the code cache holds a translation of exactly the code there
    (else None)."""
    mem = core.mem
    paging = bool(core.paging)
    pages = _Pages(mem, core.tlb.quick[ACCESS_EXEC] if paging else None, paddr, vaddr)
    if known_only:
        entry, pages = _known(mem, pages.quick, paddr, vaddr, paging)
        if entry is None:
            return None
    else:
        trace = _trace(mem, pages, vaddr) if mem.rewrites.get(paddr >> 12, 0) < HOT_REWRITES else []
        if not trace:
            return _remember(mem, paddr, Block(_by_reference, vaddr, paging, 0, ""), ())
        entry = _compiled(mem, pages, trace, paging)
    code, source, pre_last, constants = entry
    extra = pages.extra(vaddr)
    namespace = dict(SEM_GLOBALS)
    namespace.update(constants, W=mem.words, RAM=mem.ram)
    for j, (page, offset) in enumerate(extra):
        namespace[f"EP{j}"], namespace[f"EO{j}"] = page, offset
    exec(code, namespace)
    block = Block(namespace["block"], vaddr, paging, pre_last, source)
    return _remember(mem, paddr, block, [(page + offset) >> 12 for page, offset in extra])


def _compiled(mem, pages, trace, paging):
    """The (code, source, pre_last, constants) of a trace, from the code
    cache (vm/codecache.py) or compiled now and added to it. The cache
    knows code by its machine words: checking that memory still holds a
    cached trace needs no decoding."""
    words = mem.words
    key = (paging, tuple((words[pages.physical(v) >> 2], words[(pages.physical(v) >> 2) + 1], v)
                         for _, v in trace))
    start = key[1][0]
    entry = CACHE.get(start, key)
    if entry is None:
        writer = _Writer(trace, paging, len(pages.base) - 1)
        source = writer.source()
        code = compile(source, f"<block {writer.start:#x}>", "exec")
        constants = dict(PREFIX=tuple(writer.prefix), DATA_PREFIX=tuple(writer.data_prefix),
                         ADDRS=tuple(writer.addrs), LINE_AT=writer.line_at)
        entry = (code, source, writer.prefix[len(trace) - 1], constants)
        CACHE.add(start, key, entry)
    return entry


def _known(mem, quick, paddr, vaddr, paging):
    """A cached translation of the code at paddr, if memory holds exactly
    the instructions it was made from, and the pages it is on; else None."""
    if mem.rewrites.get(paddr >> 12, 0) >= HOT_REWRITES:
        return None, None
    words = mem.words
    for key, entry in CACHE.candidates((words[paddr >> 2], words[(paddr >> 2) + 1], vaddr)):
        pages = _Pages(mem, quick, paddr, vaddr)
        if key[0] == paging and all(_holds(words, pages.physical(v), w0, w1) for w0, w1, v in key[1]):
            return entry, pages
    return None, None


def _holds(words, paddr, w0, w1):
    return paddr is not None and words[paddr >> 2] == w0 and words[(paddr >> 2) + 1] == w1


def _decoded(mem, paddr):
    try:
        return mem.decoded.get(paddr) or decode_at(mem, paddr)
    except Trap:
        return None


def _remember(mem, paddr, block, extra_pages=()):
    """Keep a block for paddr. Writing to any physical page it was made
    from forgets it (memory.forget_code)."""
    if len(mem.blocks) >= MAX_BLOCKS:
        mem.blocks.clear()         # start over: bounded memory, deterministic
        mem.block_pages.clear()
        mem.branches.clear()
        for tlb in mem.tlbs.values():
            tlb.forget_blocks()
    mem.blocks[paddr] = block
    mem.mark_code(paddr >> 12)
    for page in extra_pages:
        mem.mark_code(page)
        mem.block_pages.setdefault(page, set()).add(paddr)
    return block


def run_slice(core, limit):
    """The same contract as interp.run_slice, block by block.

    The TLB's `blocks` map takes a pc straight to its translated block while
    the pc's page stays in the quick execute map. Anything else (cold code,
    a page the quick map lacks, a block too long for the cycles left, an
    instruction a block left to the reference) goes the long way: it runs
    instructions the reference way up to the next control transfer."""
    mem = core.mem
    blocks = mem.blocks
    tlb = core.tlb
    jit = tlb.blocks
    paging = bool(core.paging)        # constant during a slice: csrw status ends it
    quick = tlb.quick[ACCESS_EXEC] if paging else None
    # what every block gets: the registers and the quick read and write maps
    R = core.regs
    QR, QW = (tlb.quick[ACCESS_READ], tlb.quick[ACCESS_WRITE]) if paging else mem.quick
    core.limit = limit
    start = core.instructions
    try:
        while core.cycles < core.limit:
            pc = core.pc
            block = jit.get(pc)
            if block is None or core.cycles + block.pre_last >= core.limit:
                block = _enter(core, blocks, jit, quick, pc, paging)
            if block is not None and not block.fn(core, R, QR, QW):
                continue
            _interpret(core, quick)
    except Trap as t:
        extra = finish_trap(core, t, core.pc, t.insn)
        return core.instructions - start + extra
    return core.instructions - start


def _enter(core, blocks, jit, quick, pc, paging):
    """The long way to the block at pc: count a run of the code there, and
    return its block if it is translated (or now proves hot) and fits in
    the cycles left; else None (then the code is interpreted)."""
    if quick is not None:
        offset = quick.get(pc & FETCH_KEY)
        if offset is None:
            return None
        paddr = pc + offset
    elif pc < core.mem.size and not pc & 7:
        paddr = pc
    else:
        return None
    block = blocks.get(paddr)
    if block is None or block.vaddr != pc or block.paging != paging:
        # new code: interpret it until it proves hot (compiling costs as
        # much as running a block hundreds of times), unless the code cache
        # has it already
        block = translate(core, paddr, pc, known_only=True)
        if block is None:
            _remember(core.mem, paddr, Block(None, pc, paging, 0, "", heat=1))
            return None
    if block.heat is not None:
        block.heat += 1
        if block.heat < HOT_RUNS:
            return None
        block = translate(core, paddr, pc)
    jit[pc] = block
    return block if core.cycles + block.pre_last < core.limit else None


def _by_reference(core, R, QR, QW):
    """The function of a block that cannot be translated."""
    _interpret(core, core.tlb.quick[ACCESS_EXEC] if core.paging else None)
    return False


def _interpret(core, quick):
    """Run instructions the reference way from core.pc, up to and including
    the next one that is not straight-line code, or until the limit. quick
    is the execute quick map (None: paging is off)."""
    mem = core.mem
    decoded = mem.decoded
    branches = mem.branches
    fetch = core.fetch_address
    pc = core.pc
    d = None
    try:
        while True:
            if quick is None:
                paddr = fetch(pc)
            else:
                offset = quick.get(pc & FETCH_KEY)
                if offset is None:
                    paddr = fetch(pc)
                else:
                    core.tlb_hits += 1
                    paddr = pc + offset
            d = decoded.get(paddr) or decode_at(mem, paddr)
            nxt = d[0](core, d, pc)
            core.instructions += 1
            core.cycles += d[5]
            kind = d[6].kind
            if kind not in STRAIGHT:
                if kind == "branch":    # which way it goes, for _trace
                    branches[paddr] = branches.get(paddr, 0) + (1 if nxt == d[4] else -1)
                pc = nxt
                break
            pc = nxt
            if core.cycles >= core.limit:
                break
            d = None
    except Trap as t:
        core.pc = pc                  # the instruction that faulted
        t.insn = d
        raise
    core.pc = pc
