"""The inline emitters of the fast engine's block translator (vm/blockgen.py):
the Python source each instruction of a block becomes, with the operand
rewriting that keeps it short (signed reads, divisions and compares
written inline), and what each instruction reads and writes. Writer
(blockgen) inherits Ops; the state they share (the registers read and
written, which are unmasked, the lines made so far) is Writer's.
"""

import ast
import functools
import re

from .core import Core
from .isa import ACCESS_READ, ACCESS_WRITE, CAUSE, COST, LR, MASK, SP
from .mmu import HALF_KEY, PAGE_KEY, WORD_KEY

# ALU operations whose result is within 32 bits whenever their operands are
# (tests/engines checks this against the table), so it needs no masking.
IN_RANGE = {"and", "or", "xor", "shr", "divu", "remu", "slt", "sltu", "sgt", "sgtu", "seq", "sne"}
ACCESS_KEY = {1: PAGE_KEY, 2: HALF_KEY, 4: WORD_KEY}
SIGN = 1 << 31


_NAME = re.compile(r"[A-Za-z_]\w*\Z")
_A, _B = "OPERAND_A", "OPERAND_B"      # placeholders of operand's shapes


def operand(sem, a, b):
    """The table's expression over a and b with the operands substituted and
    s(x) (read as signed) written inline: a call per use would cost more than
    the operation. An operand that is a register's name is put into the
    expression made for a placeholder (made once per instruction and
    constant: making an expression costs a parse)."""
    name_a, name_b = _NAME.match(a), _NAME.match(b)
    if not (name_a or name_b):
        return _expression(sem, a, b)
    text = _expression(sem, _A if name_a else a, _B if name_b else b)
    return text.replace(_A, a).replace(_B, b)


# a table expression that is one operator between a and b (maybe in int()):
# with operands that are names, constants or parenthesized, putting them
# in is the whole work (a parse costs about half a millisecond, a tenth
# of a first run's translating)
_PLAIN = re.compile(r"(int\()?a (\+|-|\*|//|%|&|\||\^|<|>|==|!=|<=|>=) b\)?\Z")


@functools.lru_cache(maxsize=4096)
def _expression(sem, a, b):
    text = re.sub(r"\bb\b", b, re.sub(r"\ba\b", a, sem))
    if _PLAIN.match(sem) and not (a.isdigit() and b.isdigit()):
        return text
    text = re.sub(r"\b(sdiv|srem)\((\w+), (\w+)\)", _inline_division, text)
    text = re.sub(r"\bs\((\w+)\)", r"((\1 ^ 2147483648) - 2147483648)", text)
    tree = _SignedCompare().visit(_FoldConstantChoices().visit(ast.parse(text, mode="eval")))
    if not any(isinstance(n, ast.Name) and n.id != "int" for n in ast.walk(tree)):
        # operands known when translating (li): a constant (Python folds
        # arithmetic on constants, but not comparisons); a division by zero
        # is left as it is (the block traps before it)
        try:
            return str(int(eval(compile(ast.fix_missing_locations(tree), "<fold>", "eval"), {"int": int})))
        except ArithmeticError:
            pass
    return ast.unparse(tree)


def _inline_division(call):
    """sdiv(x, y) or srem(x, y) of two names or constants, written inline
    where both are non-negative as signed values (then they are Python's //
    and %), the table's function otherwise: a call per division would cost
    more than the division."""
    name, x, y = call.groups()
    non_negative = [f"{v} < {SIGN}" for v in (x, y) if not v.isdigit()]
    if any(v.isdigit() and not 0 < int(v) < SIGN for v in (x, y)) or y == "0":
        return call.group(0)
    fast = f"{x} {'//' if name == 'sdiv' else '%'} {y}"
    if not non_negative:
        return f"({fast})"
    return f"({fast} if {' and '.join(non_negative)} else {call.group(0)})"


# an inline division (_inline_division) as the expression of its instruction
_SLOW_DIVISION = re.compile(r"([\w ]+ (?://|%) \w+ if [\w <]+) else ((?:sdiv|srem)\(\w+, \w+\))\Z")


def masked_division(value):
    """A div or rem's expression (operand), masked to 32 bits: Python's //
    and % of two non-negative 32-bit values are in range, so of an inline
    division only the table's function (a negative operand) is masked."""
    slow = _SLOW_DIVISION.match(value)
    if slow:
        return f"({slow.group(1)} else {slow.group(2)} & {MASK})"
    return f"({value}) & {MASK}"


class _FoldConstantChoices(ast.NodeTransformer):
    """Settle `X if TEST else Y` when TEST involves only constants (an
    immediate shift amount, say), so the block does not test it each time."""

    def visit_IfExp(self, node):
        self.generic_visit(node)
        if not any(isinstance(n, ast.Name) for n in ast.walk(node.test)):
            return node.body if eval(compile(ast.Expression(node.test), "<fold>", "eval")) else node.orelse
        return node


class _SignedCompare(ast.NodeTransformer):
    """Compare two values read as signed without making new integers where
    it can (`x ^ 2**31` is a new object each time; a compare of two
    integers is not). Read as signed, ((x ^ 2**31) - 2**31) < ((y ^ 2**31)
    - 2**31) orders as (x ^ 2**31) < (y ^ 2**31): subtracting the same
    constant on both sides changes no comparison. Then:
    - with a constant side, the values of x for which `x ^ 2**31 < K`
      holds are one range or the two ends outside one (`_below`), which a
      chained compare tests: `2147483648 <= x < 2147483658` (half the time
      of the flips, measured with bench/ceiling.py's forms);
    - with two registers, where both are below 2**31 (non-negative: most
      values C compares) their plain comparison is the signed one; else
      the flips are made (`x < y if x < 2147483648 > y else ...`)."""

    MIRROR = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE}

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
        if len(sides) != 2 or None in sides:
            return node
        op, (x, y) = node.ops[0], (side.left for side in sides)
        if isinstance(x, ast.Constant) and not isinstance(y, ast.Constant) and type(op) in self.MIRROR:
            op, x, y = self.MIRROR[type(op)](), y, x
        if isinstance(y, ast.Constant) and not isinstance(x, ast.Constant) and type(op) in self.MIRROR:
            return self._with_constant(x, op, y.value ^ SIGN)
        flips = ast.Compare(sides[0], [op], [sides[1]])
        if isinstance(x, ast.Name) and isinstance(y, ast.Name):
            both_below = ast.Compare(x, [ast.Lt(), ast.Gt()], [ast.Constant(SIGN), y])
            return ast.IfExp(both_below, ast.Compare(x, [op], [y]), flips)
        return flips

    @classmethod
    def _with_constant(cls, x, op, k):
        """`x ^ 2**31 op k` as compares of x with constants."""
        if isinstance(op, (ast.LtE, ast.Gt)):
            k += 1                              # t <= k: t < k + 1; t > k: not t < k + 1
        below = cls._below(x, k)
        return below if isinstance(op, (ast.Lt, ast.LtE)) else cls._negated(below)

    @classmethod
    def _below(cls, x, k):
        """`x ^ 2**31 < k` for 0 <= k <= 2**32: x's flip is below k where x
        is in [2**31, 2**31 + k) (k <= 2**31), or outside [k - 2**31, 2**31)."""
        if k <= 0 or k > MASK:
            return ast.Constant(k > 0)
        if k == SIGN:
            return ast.Compare(x, [ast.GtE()], [ast.Constant(SIGN)])
        if k < SIGN:
            return ast.Compare(ast.Constant(SIGN), [ast.LtE(), ast.Lt()], [x, ast.Constant(SIGN + k)])
        return cls._negated(ast.Compare(ast.Constant(k - SIGN), [ast.LtE(), ast.Lt()], [x, ast.Constant(SIGN)]))

    OPPOSITE = {ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt}

    @classmethod
    def _negated(cls, node):
        if isinstance(node, ast.Constant):
            return ast.Constant(not node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return node.operand
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return ast.Compare(node.left, [cls.OPPOSITE[type(node.ops[0])]()], node.comparators)
        return ast.UnaryOp(ast.Not(), node)


def _signed(imm):
    """An immediate as the signed offset it means in an address."""
    return imm - (1 << 32) if imm & SIGN else imm


WRITES_RD = {"alu", "div", "li", "mov", "load", "swap", "csrr"}   # kinds that write rd


def _reads(d):
    """The registers an instruction of a block reads."""
    kind = d[6].kind
    if kind == "mov" or kind in ("alu", "div") and d[6].form == "I":
        return [d[2]]
    if kind in ("alu", "div", "load", "store", "swap", "branch", "jr", "callr"):
        return [d[2], d[3]]
    if kind in ("bcopy", "bfill"):
        return [d[1], d[2], d[3]]
    return []


def _written(d):
    """The register an instruction of a block writes, if any."""
    kind = d[6].kind
    return d[1] if kind in WRITES_RD else LR if kind in ("call", "callr") else None


def _word_at(first, distance):
    """The index in W of the word `distance` bytes after the lowest of the
    group whose first access is `first`."""
    return f"word{first} + {distance // 4}" if distance else f"word{first}"


class Ops:
    """One emitter per kind of instruction (and the control transfers),
    each `kind(i, d)` for instruction i of the trace, decoded as d. Mixed
    into vm/blockgen.py's Writer, whose methods (reg, exact, set, emit,
    flush) and state they use."""

    # --- one instruction each ---------------------------------------------------------
    def alu(self, i, d):
        """In a loop, an add or subtract leaves its result unmasked: right
        in its low 32 bits, which is all the next add needs, and growing by
        at most 2**32 per operation because one operand is kept within 32
        bits. exact() masks it where the whole value matters (a compare, a
        shift, an address, the register file)."""
        insn = d[6]
        name = insn.name[:-1] if insn.form == "I" else insn.name
        # an immediate step keeps a near register near (Writer._start); a
        # sum or difference of two exact registers is near (an index added
        # to a base: off its 32-bit value only if it wrapped)
        stepped = name in ("add", "sub") and insn.form == "I"
        summed = (name in ("add", "sub") and insn.form == "R"
                  and d[2] not in self.unmasked and d[3] not in self.unmasked)
        lazy = (name in ("add", "sub") and i not in self.folded
                and not self._next_use_exact(i, d[1], address=stepped or summed))
        near = stepped and (d[2] not in self.unmasked or d[2] in self.near) or summed
        # a sum's operands need only their low 32 bits: its result is masked
        # (or, lazy, one operand is kept exact)
        a = self.reg(d[2]) if name in ("add", "sub") or name == "and" and insn.form == "I" else self.exact(d[2])
        if insn.form == "I":
            b = str(d[4])
        else:
            b = self.exact(d[3]) if name not in ("add", "sub") or lazy and d[2] in self.unmasked else self.reg(d[3])
        if insn.kind == "div" and not (b.isdigit() and int(b)):    # a divisor known not zero
            self.traps = True
            self.emit(f"if not {b}:")
            self.emit(f"at = {i}; raise Trap(DIVZERO)", 4)
        if d[1]:
            value = operand(insn.sem, a, b)
            if value.lstrip("-").isdigit():     # of constants (li): a constant
                self.constant(d[1], int(value) & MASK)
                return
            if lazy and stepped and d[4] & SIGN:    # a negative step: stay near
                value = f"{a} {'-' if name == 'add' else '+'} {(1 << 32) - d[4]}"
            if lazy:
                self.emit(f"{self.set(d[1], unmasked=True, near=near)} = {value}")
                return
            if name in ("div", "rem"):
                value = masked_division(value)
            elif name not in IN_RANGE:
                value = f"({value}) & {MASK}"
            if i in self.folded:
                self.unmasked.discard(d[1])
                self.known.pop(d[1], None)
                self.pending[d[1]] = f"({value})"
            else:
                self.emit(f"{self.set(d[1])} = {value}")

    def li(self, i, d):
        """Its constant is also what the block reads for the register after
        it (until it is written again): compares, operations and addresses
        with it are then made of constants, which Python folds."""
        if d[1]:
            self.constant(d[1], d[4])

    def constant(self, n, value):
        self.emit(f"{self.set(n, known=value)} = {value}")

    def _next_use_exact(self, i, reg, address=False):
        """Whether reg, as instruction i leaves it, must be masked at once.
        In a loop: whether the next instruction to read it (going round)
        needs all of its 32 bits. address: a load or store using it as its
        address does not (a near register: _start). In a block that does
        not loop, a mask is saved only if the value is overwritten before
        anything needs it whole: before a read that does, an instruction
        that may leave the block for nxt (the exit would mask it: it only
        moves), or the end (written back)."""
        if not self.loops:
            return not self._overwritten_unseen(i, reg, address)
        for j in list(range(i + 1, self.k)) + list(range(i + 1)):
            d = self.insns[j]
            if self._used_unmasked(d, reg, address):
                return False
            if reg in _reads(d):
                return True
            if _written(d) == reg:
                return False
        return False

    def _overwritten_unseen(self, i, reg, address):
        """Whether reg, as instruction i leaves it, is written again further
        on in this trace, and nothing in between needs its whole value or
        may leave the block."""
        for d in self.insns[i + 1:]:
            if not self._used_unmasked(d, reg, address) and reg in _reads(d):
                return False
            if _written(d) == reg:
                return True
            if d[6].kind in ("branch", "jr", "callr"):
                return False
        return False

    @staticmethod
    def _used_unmasked(d, reg, address):
        """Whether instruction d reads reg, and only as what needs just its
        low 32 bits (a sum, a copy, an andi), or (address) as the address
        of a load or store."""
        if (address and d[6].kind in ("load", "store") and d[2] == reg
                and not (d[6].kind == "store" and d[3] == reg)):
            return True
        return reg in _reads(d) and (d[6].kind == "mov" or d[6].name in ("add", "sub", "addi", "subi", "andi"))

    def mov(self, i, d):
        if d[1]:
            unmasked, near = d[2] in self.unmasked, d[2] in self.near
            value = self.reg(d[2])
            self.emit(f"{self.set(d[1], unmasked, near, self.known.get(d[2]))} = {value}")

    def nop(self, i, d):
        pass

    def privileged(self, i):
        """Trap unless in ring 0: checked at the first privileged instruction
        only, as nothing in a block changes the ring."""
        if self.ring_checked:
            return
        self.ring_checked = True
        self.traps = True
        self.emit("if c.ring:")
        self.emit(f"at = {i}; raise Trap(PRIVILEGED)", 4)

    def cli(self, i, d):
        self.privileged(i)
        self.emit("c.ie = 0")

    def sti(self, i, d):
        """The reference ends the slice after sti, to take a pending
        interrupt at once; with none pending that changes nothing, so the
        block goes on unless one is."""
        self.privileged(i)
        self.emit("c.ie = 1")
        self.side_exit(i, "c.ipend", (self.addrs[i] + 8) & MASK, before="c.limit = 0; ")

    def csrw(self, i, d):
        """Only a write that just stores its value (core.STORED_CSRS)."""
        self.privileged(i)
        self.emit(f"c.csr[{d[4]}] = {self.exact(d[2])}")

    def syscall(self, i, d):
        """Completes by trapping: the block counts what ran before it (and
        its fetch) and hands it to SYSCALL (fast.py), which enters the trap
        as the shared trap code does (interp.finish_trap), without raising:
        the slice goes on in the handler."""
        self.emit("WRITEBACK")
        self.emit(self.flush(i, i + 1, self.data_prefix[i]))
        self.emit(f"return SYSCALL(c, {self.addrs[i]})")

    def brk(self, i, d):
        self.traps = True
        self.emit(f"at = {i}; raise Trap({CAUSE['breakpoint']})")

    def iret(self, i, d):
        """The reference's own iret (IRET). Returning to ring > 0 it sets sp
        from usp: the block's sp is then that."""
        self.privileged(i)
        self.emit("nxt = IRET(c, None, 0)")
        self.emit("if c.ring:")
        self.emit(f"{self.set(SP)} = R[{SP}]", 4)

    def wfi(self, i, d):
        self.privileged(i)
        self.emit("if not c.ipend:")
        self.emit("c.waiting = True", 4)
        self.emit("c.limit = 0")

    def csrr(self, i, d):
        self.privileged(i)
        target = self.set(d[1]) if d[1] else "_"
        self.emit(f"{target} = {Core.csr_expression(d[4])}")

    def _physical(self, i, d, access):
        """Emit what makes the physical address of a load or store, and
        return it as an expression for the next line, which does the access
        (for a word: its index in W). The address is not masked: out of
        range it is simply not in the quick map. A lookup that misses (a
        TLB miss, a device, a write to code, a fault) raises KeyError, which
        leaves the block before instruction i (found from the line it was
        raised on), so the reference runs it."""
        size = int(d[6].sem)
        table = "QR" if access == ACCESS_READ else "QW"
        offset = _signed(d[4])
        first = self.member.get(i)
        if first is not None:
            # on the page the group's first access found: only a lookup in a
            # map not yet asked remains, to check this access is allowed
            if table not in self.asked[first]:
                self.asked[first].add(table)
                self.accesses.append((len(self.lines), i))
                self.emit(f"{table}[key{first}]")
            return _word_at(first, self.place[i] - self.groups[first][0])
        x = self.address(d[2])
        if i in self.groups:
            low, high = self.groups[i]
            self.asked[i] = {table}
            below = self.place[i] - offset - low        # from the base register to the lowest word
            if below:
                self.emit(f"low = {x} + {-below}")
            at = "low" if below else x
            if high > low:
                # leave (before i) unless the last word is on the first one's
                # page (a misaligned first word misses in the map below)
                self.accesses.append((len(self.lines), i))
                self.emit(f"if {at} & 4092 > {4092 - (high - low)}: raise KeyError")
            self.accesses.append((len(self.lines), i))
            self.emit(f"key{i} = {at} & {WORD_KEY}; word{i} = ({at} + {table}[key{i}]) >> 2")
            return _word_at(i, self.place[i] - low)
        if offset:
            self.emit(f"x = {x} + {offset}")
            x = "x"
        key = f"{x} & {ACCESS_KEY[size]}"
        physical = f"{x} + {table}[{key}]"
        self.accesses.append((len(self.lines), i))
        if size == 2:
            self.emit(f"p = {physical}")
            return "p"
        return f"({physical}) >> 2" if size == 4 else physical

    def load(self, i, d):
        """A word of a group (see vm/blockgen.py: _word_groups) whose value
        the trace loaded or stored before, with no store in between that
        may be to it, is read from where that value is (a register not
        written since, or a constant) instead of memory: qsort reads
        v[lo] and v[hi] again and again. Its lookups (the permission
        checks) are made as before, and counted alike (counts are per
        instruction)."""
        p = self._physical(i, d, ACCESS_READ)
        size = int(d[6].sem)
        if i in self.place and (self.member.get(i, i), p) in self.words:
            value = self.words[self.member.get(i, i), p]
            if d[1] and value != f"r{d[1]}":
                self.emit(f"{self.set(d[1])} = {value}")
                self.words[self.member.get(i, i), p] = f"r{d[1]}"
            return
        value = {4: f"W[{p}]", 1: f"RAM[{p}]", 2: "(RAM[p] | RAM[p + 1] << 8)"}[size]
        if d[6].name == "lb":
            value = f"SB[{value}]"          # (vm/signed.py: no new int per negative byte)
        elif d[6].name == "lh":
            bit = 1 << (size * 8 - 1)
            value = f"({value} ^ {bit}) - {bit} & {MASK}"
        target = self.set(d[1]) if d[1] else "_"
        self.emit(f"{target} = {value}")
        if d[1] and (i in self.groups or i in self.member):
            self.words[self.member.get(i, i), p] = target

    def store(self, i, d):
        value = self.exact(d[3])
        p = self._physical(i, d, ACCESS_WRITE)
        size = int(d[6].sem)
        # what may be this word loses its value: all words of other groups
        # (their base may point anywhere), and the word itself
        group = self.member.get(i, i) if i in self.groups or i in self.member else None
        self.words = {w: v for w, v in self.words.items() if w[0] == group and w[1] != p}
        if group is not None and (value.isdigit() or value == f"r{d[3]}"):
            self.words[group, p] = value
        if size == 4:
            self.emit(f"W[{p}] = {value}")
        elif size == 1:
            self.emit(f"RAM[{p}] = {value} & 255")
        else:
            self.emit(f"RAM[p] = {value} & 255; RAM[p + 1] = {value} >> 8 & 255")

    def swap(self, i, d):
        """Atomic by construction (a block runs alone). Both quick maps are
        asked before anything changes, so a miss leaves before it."""
        value = self.exact(d[3])
        x = self.exact(d[2])
        self.words = {}
        self.accesses.append((len(self.lines), i))
        self.emit(f"key = {x} & {WORD_KEY}; QR[key]; word = ({x} + QW[key]) >> 2")
        self.emit(f"old = W[word]; W[word] = {value}")
        if d[1]:
            self.emit(f"{self.set(d[1])} = old")

    def _block_range(self, i, n, at, table):
        """Emit what finds the physical address of the n bytes at `at`, if
        they are on one page in the quick map `table` (else KeyError: the
        reference runs instruction i, with its page-by-page rules)."""
        self.words = {}                 # (a copy or fill may be to any word)
        self.accesses.append((len(self.lines), i))
        self.emit(f"if ({at} & 4095) + {n} > 4096: raise KeyError", 4)
        self.accesses.append((len(self.lines), i))
        self.emit(f"p{table} = {at} + {table}[{at} & {PAGE_KEY}]", 4)

    def bcopy(self, i, d):
        """Source and destination each on one page (a lookup each, as the
        reference's ram_range makes); otherwise the reference runs it.
        Writes to code miss in QW. Its cycles depend on its length (2 +
        length/4): of a length the trace set with li they are counted with
        the others (self.lengths); else it is the trace's last instruction,
        and adds them as it completes."""
        n, src, dst = self._length(i, d), self.exact(d[2]), self.exact(d[1])
        if n == "0":
            return
        self.emit(f"if {n}:")
        self._block_range(i, n, src, "QR")
        self._block_range(i, n, dst, "QW")
        self.emit(f"RAM[pQW:pQW + {n}] = RAM[pQR:pQR + {n}]", 4)
        self._block_cycles(i, n, 2)

    def bfill(self, i, d):
        """Like bcopy: one page, one lookup."""
        n, byte, dst = self._length(i, d), self.exact(d[2]), self.exact(d[1])
        if n == "0":
            return
        self.emit(f"if {n}:")
        self._block_range(i, n, dst, "QW")
        self.emit(f"RAM[pQW:pQW + {n}] = bytes(({byte} & 255,)) * {n}", 4)
        self._block_cycles(i, n, 1)

    def _length(self, i, d):
        """The length of a bcopy or bfill: a constant if the trace set it."""
        return str(self.lengths[i]) if i in self.lengths else self.exact(d[3])

    def _block_cycles(self, i, n, lookups):
        """Add the cycles and TLB hits of a bcopy or bfill of a length known
        only when it runs (one of a known length is counted with the rest)."""
        if i not in self.lengths:
            (cycles, _), hits = self.counters()
            self.emit(f"{cycles} += ({n} >> 2) * {COST['block_per_word']}"
                      + (f"; {hits} += {lookups}" if self.paging else ""), 4)

    # --- control transfers --------------------------------------------------------------
    def transfer(self, i, d):
        """A branch, jump or call. Inside the trace only a taken branch does
        anything but set lr: the trace already continues where control goes."""
        kind = d[6].kind
        after = (self.addrs[i] + 8) & MASK
        if kind in ("call", "callr"):
            if kind == "callr":
                self.emit(self.to(self.exact(d[2])))
            # lr is known until written again: the return the trace follows
            # back here needs no check (nor a store of lr a load)
            self.constant(LR, after)
        if i < self.k - 1:
            if kind == "jr" and self.known.get(d[2]) == self.addrs[i + 1]:
                return                  # a return to the call just made in the trace
            if kind == "jr":
                # a return the trace follows back to its call: if lr says
                # otherwise, leave for where it says
                condition = f"{self.exact(d[2])} != {self.addrs[i + 1]}"
                self.side_exit(i, condition, self.reg(d[2]))
            if kind == "branch" and d[4] != after:
                # the trace goes on where this branch usually went; the
                # other way is a side exit
                taken = self.addrs[i + 1] == d[4]
                condition = f"not ({self.condition(d)})" if taken else self.condition(d)
                self.side_exit(i, condition, after if taken else d[4])
            return
        if kind == "branch":
            self.emit(f"if {self.condition(d)}:")
            self.goto(d[4], 4)
            self.emit("else:")
            self.goto(after, 4)
        elif kind in ("jmp", "call"):
            self.goto(d[4], 3)
        elif kind == "jr" and self.returns_to_start:
            self.emit(f"if {self.exact(d[2])} != {self.start}:")
            self.emit(self.to(self.reg(d[2])), 4)
            self.emit("else:")
            self.goto(self.start, 4)
        elif kind == "jr":
            self.emit(self.to(self.exact(d[2])))

    def side_exit(self, i, condition, target, before=""):
        """Leave the block after instruction i, for target, if condition holds."""
        self.side_exits = True
        self.exit_unmasked |= self.unmasked
        self.emit(f"if {condition}:")
        self.emit(f"{before}{self.to(target)}; {self.exit_count(i + 1)}", 4)
        self.emit("break", 4)

    def condition(self, d):
        return operand(d[6].sem, self.exact(d[2]), self.exact(d[3]))

    def goto(self, target, depth):
        if target != self.start:
            self.emit(self.to(target), depth)
            return
        # A loop back to this block's start: the next iteration, if the
        # limit allows (else the loop's `else` below).
        self.round_again()
        self.emit("continue", depth)
