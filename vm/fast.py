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

from .interp import SEM_GLOBALS, decode_at, finish_trap
from .isa import ACCESS_EXEC, ACCESS_READ, ACCESS_WRITE, CSR_BY_NAME, LR, MASK
from .mmu import Trap

MAX_BLOCK = 48          # instructions per block
MAX_BLOCKS = 20000      # translated blocks kept before the cache starts over
HOT_REWRITES = 8        # code rewrites of a page after which it is interpreted
HOT_RUNS = 16           # runs of an address before its block is translated

BODY_KINDS = {"alu", "div", "li", "mov", "load", "store", "nop", "cli", "csrr"}
# Control registers whose value depends on the cycle or instruction counts:
# reading them needs exact counters, so such a csrr is left to the reference.
TIMED_CSRS = {CSR_BY_NAME[n].number for n in ("cycle", "cycleh", "instret", "timer")}
END_KINDS = {"branch", "jmp", "call", "jr", "callr"}


class Block:
    """A translated block, or (fn None) a place run one instruction at a time:
    code not yet run HOT_RUNS times (`heat` counts its runs) or code that
    cannot be translated (heat None)."""
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
    return ast.unparse(_FoldConstantChoices().visit(ast.parse(text, mode="eval")))


class _FoldConstantChoices(ast.NodeTransformer):
    """Settle `X if TEST else Y` when TEST involves only constants (an
    immediate shift amount, say), so the block does not test it each time."""

    def visit_IfExp(self, node):
        self.generic_visit(node)
        if not any(isinstance(n, ast.Name) for n in ast.walk(node.test)):
            return node.body if eval(compile(ast.Expression(node.test), "<fold>", "eval")) else node.orelse
        return node


class _Writer:
    """Builds the Python source of one block.

    Counting: a block's first fetch is counted by the dispatcher. While it
    runs, `ci` holds the cycles of the loop iterations it has completed (a
    block that loops to its own start), so it = ci // COST iterations are
    done. Counters reach the core only when the block exits (FLUSH), or just
    before a slow memory access, which must see exact counters."""

    def __init__(self, insns, vaddr, paging):
        self.insns = insns
        self.start = vaddr
        self.paging = paging
        self.lines = []
        self.written = set()
        self.read = set()
        last = insns[-1]
        self.loops = last[6].kind in ("branch", "jmp", "call") and last[4] == vaddr
        costs = [d[5] for d in insns]
        self.k = len(insns)
        self.prefix = [sum(costs[:i]) for i in range(self.k + 1)]
        mem_ops = [1 if d[6].kind in ("load", "store") else 0 for d in insns]
        self.data_prefix = [sum(mem_ops[:i]) for i in range(self.k + 1)]

    def reg(self, n):
        if n == 0:
            return "0"
        self.read.add(n)
        return f"r{n}"

    def emit(self, line, depth=3):
        self.lines.append("    " * depth + line)

    def flush(self, i, fetches, data):
        """Code adding to the core the counts of the completed iterations plus
        i instructions of this one (with `fetches` fetches and `data` data
        accesses that hit the TLB). i, fetches and data may be expressions."""
        k, d, cost = self.k, self.data_prefix[self.k], self.prefix[self.k]
        cycles = f"PREFIX[{i}]" if isinstance(i, str) else str(self.prefix[i])
        if not self.loops:
            parts = [f"c.cycles += {cycles}", f"c.instructions += {i}"]
            hits = f"{fetches} + {data}"
        else:
            it = f"ci // {cost}"
            parts = [f"c.cycles += ci + {cycles}", f"c.instructions += {it} * {k} + {i}"]
            hits = f"{it} * {k + d} + {fetches} + {data}"
        if self.paging:
            parts.append(f"c.tlb_hits += {hits}")
        return "; ".join(parts)

    def slow(self, i, call, target=None):
        """A memory access the inline path cannot do: through the core, with
        exact counters, then leave the block."""
        self.emit(self.flush(i, i, self.data_prefix[i]), 4)
        self.emit(f"at = {-1 - i}", 4)
        self.emit(f"{target} = {call}" if target else call, 4)
        self.emit("WRITEBACK", 4)
        self.emit(f"c.pc = {(self.start + 8 * (i + 1)) & MASK}", 4)
        self.emit(f"c.cycles += {self.insns[i][5]}; c.instructions += 1", 4)
        self.emit("return", 4)

    # --- one instruction each ---------------------------------------------------------
    def alu(self, i, d):
        insn = d[6]
        a = self.reg(d[2])
        b = str(d[4]) if insn.form == "I" else self.reg(d[3])
        if insn.kind == "div":
            self.emit(f"if not {b}:")
            self.emit(f"at = {i}; raise Trap(DIVZERO)", 4)
        if d[1]:
            self.written.add(d[1])
            self.emit(f"r{d[1]} = ({_operand(insn.sem, a, b)}) & {MASK}")

    def li(self, i, d):
        if d[1]:
            self.written.add(d[1])
            self.emit(f"r{d[1]} = {d[4]}")

    def mov(self, i, d):
        if d[1]:
            self.written.add(d[1])
            self.emit(f"r{d[1]} = {self.reg(d[2])}")

    def nop(self, i, d):
        pass

    def privileged(self, i):
        self.emit("if c.ring:")
        self.emit(f"at = {i}; raise Trap(PRIVILEGED)", 4)

    def cli(self, i, d):
        self.privileged(i)
        self.emit("c.ie = 0")

    def csrr(self, i, d):
        self.privileged(i)
        target = f"r{d[1]}" if d[1] else "_"
        if d[1]:
            self.written.add(d[1])
        self.emit(f"{target} = c.read_csr({d[4]})")

    def _address(self, d, access):
        """Emit x = the virtual address and an `if` whose body may use p, the
        physical address, when the inline path applies."""
        size = int(d[6].sem)
        self.emit(f"x = ({self.reg(d[2])} + {d[4]}) & {MASK}")
        align = f" and not x & {size - 1}" if size > 1 else ""
        code = " and p >> 12 not in CODE" if access == ACCESS_WRITE else ""
        if self.paging:
            table = "QR" if access == ACCESS_READ else "QW"
            self.emit(f"p = {table}.get(x >> 12)")
            self.emit(f"if p is not None{align}{code}:")
            self.emit("p |= x & 4095", 4)
        else:
            self.emit("p = x")
            self.emit(f"if x < SIZE{align}{code}:")
        return size

    def load(self, i, d):
        size = self._address(d, ACCESS_READ)
        value = {4: "W[p >> 2]", 1: "RAM[p]", 2: "(RAM[p] | RAM[p + 1] << 8)"}[size]
        slow = f"c.load(x, {size})"
        if d[6].name in ("lb", "lh"):
            bit = 1 << (size * 8 - 1)
            value = f"({value} ^ {bit}) - {bit} & {MASK}"
            slow = f"({slow} ^ {bit}) - {bit} & {MASK}"
        target = f"r{d[1]}" if d[1] else "_"
        if d[1]:
            self.written.add(d[1])
        self.emit(f"{target} = {value}", 4)
        self.emit("else:")
        self.slow(i, slow, target)

    def store(self, i, d):
        size = self._address(d, ACCESS_WRITE)
        value = self.reg(d[3])
        if size == 4:
            self.emit(f"W[p >> 2] = {value}", 4)
        elif size == 1:
            self.emit(f"RAM[p] = {value} & 255", 4)
        else:
            self.emit(f"RAM[p] = {value} & 255; RAM[p + 1] = {value} >> 8 & 255", 4)
        self.emit("else:")
        self.slow(i, f"c.store(x, {size}, {value})")

    # --- the last instruction ---------------------------------------------------------
    def end(self, i, d):
        kind = d[6].kind
        after = (self.start + 8 * (i + 1)) & MASK
        if kind == "branch":
            cond = _operand(d[6].sem, self.reg(d[2]), self.reg(d[3]))
            self.emit(f"if {cond}:")
            self.goto(d[4], 4)
            self.emit("else:")
            self.emit(f"nxt = {after}", 4)
        elif kind == "jmp":
            self.goto(d[4], 3)
        elif kind == "call":
            self.written.add(LR)
            self.emit(f"r{LR} = {after}")
            self.goto(d[4], 3)
        elif kind == "jr":
            self.emit(f"nxt = {self.reg(d[2])}")
        elif kind == "callr":
            self.emit(f"nxt = {self.reg(d[2])}")
            self.written.add(LR)
            self.emit(f"r{LR} = {after}")

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
        # every iteration ran; the fetch that would start the next is not made
        self.emit(self.flush(0, -1, 0), depth)
        self.emit("return", depth)

    def source(self):
        k = self.k
        for i, d in enumerate(self.insns):
            handler = {"alu": self.alu, "div": self.alu, "li": self.li, "mov": self.mov,
                       "nop": self.nop, "load": self.load, "store": self.store,
                       "cli": self.cli, "csrr": self.csrr}.get(d[6].kind, self.end)
            handler(i, d)
        if self.insns[-1][6].kind not in END_KINDS:
            self.emit(f"nxt = {(self.start + 8 * k) & MASK}")
        self.emit("break")
        regs = sorted(self.read | self.written)
        head = ["def block(c):", "    R = c.regs"]
        if self.paging:
            head.append("    QR, QW = c.tlb.quick[0], c.tlb.quick[1]")
        if regs:
            head.append("    " + "; ".join(f"r{r} = R[{r}]" for r in regs))
        head += ["    ci = 0", "    at = 0"] if self.loops else ["    at = 0"]
        if self.loops:
            head.append(f"    room = c.limit - c.cycles - {self.prefix[k - 1]}")
        head += ["    try:", "        while True:"]
        tail = ["    except Trap:",
                "        WRITEBACK",
                "        if at < 0:           # counted already, before a slow access",
                f"            c.pc = {self.start} - 8 * (at + 1)",
                "        else:",
                f"            c.pc = {self.start} + 8 * at",
                "            " + self.flush("at", "at", "DATA_PREFIX[at]"),
                "        raise",
                "    WRITEBACK",
                "    c.pc = nxt",
                "    " + self.flush(k, k - 1, self.data_prefix[k])]
        text = "\n".join(head + self.lines + tail) + "\n"
        writeback = "; ".join(f"R[{r}] = r{r}" for r in sorted(self.written)) or "pass"
        return re.sub(r"^(\s*)WRITEBACK$", lambda m: m.group(1) + writeback, text, flags=re.M)


def translate(core, paddr, vaddr):
    """The Block for the code at paddr (executing at vaddr). Its fn is None
    when nothing there can be translated: the dispatcher then runs one
    instruction the reference way (and remembers not to try again)."""
    mem = core.mem
    paging = bool(core.paging)
    if mem.rewrites.get(paddr >> 12, 0) >= HOT_REWRITES:
        return _remember(mem, paddr, Block(None, vaddr, paging, 0, ""))
    insns = []
    p = paddr
    while len(insns) < MAX_BLOCK and p + 8 <= mem.size:
        try:
            d = mem.decoded.get(p) or decode_at(mem, p)
        except Trap:
            break                       # illegal: the reference path raises it
        kind = d[6].kind
        if (kind not in BODY_KINDS and kind not in END_KINDS) or (kind == "csrr" and d[4] in TIMED_CSRS):
            break
        insns.append(d)
        p += 8
        if kind in END_KINDS or not p & 0xFFF:
            break
    if not insns:
        return _remember(mem, paddr, Block(None, vaddr, paging, 0, ""))
    writer = _Writer(insns, vaddr, paging)
    source = writer.source()
    namespace = dict(SEM_GLOBALS)
    namespace.update(W=mem.words, RAM=mem.ram, SIZE=mem.size, CODE=mem.code_pages,
                     PREFIX=tuple(writer.prefix), DATA_PREFIX=tuple(writer.data_prefix))
    exec(compile(source, f"<block {vaddr:#x}>", "exec"), namespace)
    block = Block(namespace["block"], vaddr, paging, writer.prefix[len(insns) - 1], source)
    return _remember(mem, paddr, block)


def _remember(mem, paddr, block):
    if len(mem.blocks) >= MAX_BLOCKS:
        mem.blocks.clear()         # start over: bounded memory, deterministic
    mem.blocks[paddr] = block
    if block.fn is None:
        mem.code_pages.add(paddr >> 12)   # so a write there forgets this too
    return block


def run_slice(core, limit):
    """The same contract as interp.run_slice, block by block."""
    mem = core.mem
    blocks = mem.blocks
    size = mem.size
    fetch = core.fetch_address
    quick = core.tlb.quick[ACCESS_EXEC]
    paging = bool(core.paging)        # constant during a slice: csrw status ends it
    core.limit = limit
    start = core.instructions
    d = None
    try:
        while core.cycles < core.limit:
            pc = core.pc
            if not paging:
                paddr = pc if pc < size and not pc & 7 else fetch(pc)
            else:
                base = quick.get(pc >> 12)
                if base is None or pc & 7:
                    paddr = fetch(pc)
                else:
                    core.tlb_hits += 1
                    paddr = base | (pc & 0xFFF)
            block = blocks.get(paddr)
            if block is None or block.vaddr != pc or block.paging != paging:
                # new code: interpret it until it proves hot (compiling costs
                # as much as running a block hundreds of times)
                block = _remember(mem, paddr, Block(None, pc, paging, 0, "", heat=1))
            elif block.heat is not None:
                block.heat += 1
                if block.heat >= HOT_RUNS:
                    block = translate(core, paddr, pc)
            if block.fn is not None and core.cycles + block.pre_last < core.limit:
                block.fn(core)
                continue
            # one instruction the reference way (system instructions, the
            # last cycles before the limit, pages that keep being rewritten)
            d = mem.decoded.get(paddr) or decode_at(mem, paddr)
            core.pc = d[0](core, d, pc) & MASK
            core.instructions += 1
            core.cycles += d[5]
            d = None
    except Trap as t:
        # core.pc is the faulting instruction: a block sets it before it
        # re-raises; a fetch or a single instruction leaves it at pc.
        extra = finish_trap(core, t, core.pc, d)
        return core.instructions - start + extra
    return core.instructions - start
