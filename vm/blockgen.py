"""Python source for a block of the fast engine (vm/fast.py): one function
per trace of instructions, with the registers in local variables, exact
counts at every exit, loads and stores through the TLB's quick maps, and
loops that run inside the function. docs/engines.md shows what comes out.
Here: what a trace is made into as a whole (its loops, exits, counts and
the analyses they need); what each instruction becomes is vm/blockops.py.
"""

import re

from .blockops import SIGN, Ops, _reads, _signed, _written
from .counted import trips_source
from .loops import counted_loop, guarded_loop, stepper_last
from .isa import COST, LR, MASK

END_KINDS = {"branch", "jmp", "call", "jr", "callr"}
# What else may end a trace (and only end one): instructions that trap
# (syscall, brk), ones after which the reference ends the slice, and the
# block instructions (bcopy, bfill), whose cycles depend on their length.
LAST_KINDS = {"syscall", "brk", "iret", "wfi", "bcopy", "bfill"}
TRAPPING = {"syscall", "brk"}
DATA_ACCESSES = {"load": 1, "store": 1, "swap": 2}                  # TLB lookups for data


GROUP_SPAN = 256    # bytes: the widest a group of word accesses may be (see _word_groups)


def _word_groups(insns):
    """Word loads and stores at addresses that differ by a constant known
    when translating: off the same base register (not written in between),
    or off registers made from one another by addi, subi or mov (the frame
    pointer and the stack pointer of nested calls). Each register's value
    is followed as (root, delta): a value the block cannot know (the
    register at entry, or as an instruction left it) plus a constant.

    Returns (member, span, place): member {j: i} maps each later access j
    of a group to its first access i; span {i: (low, high)} gives each
    group's lowest and highest address relative to its root; place {j: p}
    each grouped access's. A group's words are within GROUP_SPAN bytes and
    4-byte multiples apart; its first access checks they are on one page,
    so one lookup serves them all."""
    member, span, place, first_at = {}, {}, {}, {}
    value = {}                              # register -> (root, delta)
    for j, d in enumerate(insns):
        kind, name = d[6].kind, d[6].name
        root, delta = value.get(d[2], ((d[2], -1), 0))     # what d[2] holds
        if kind in ("load", "store") and d[6].sem == "4":
            at = delta + _signed(d[4])
            i = first_at.get((root, at % 4))
            if i is not None and max(span[i][1], at) - min(span[i][0], at) <= GROUP_SPAN:
                span[i] = (min(span[i][0], at), max(span[i][1], at))
                member[j] = i
            else:
                first_at[root, at % 4], span[j] = j, (at, at)
            place[j] = at
        written = _written(d)
        if written:
            if name in ("addi", "subi") and d[2]:
                value[written] = (root, delta + (_signed(d[4]) if name == "addi" else -_signed(d[4])))
            elif kind == "mov" and d[2]:
                value[written] = (root, delta)
            else:
                value[written] = ((written, j), 0)    # a value of its own
    firsts = set(member.values())
    return member, {i: low_high for i, low_high in span.items() if i in firsts}, place


BLOCK_KINDS = {"bcopy", "bfill"}


def note_constants(known, d):
    """Follow, along a trace, the registers that hold a value set by li in
    it (known: register -> value; register 0 is always 0): the length of
    a bcopy or bfill is then known when translating."""
    written = _written(d)
    if written:
        if d[6].kind == "li":
            known[written] = d[4]
        else:
            known.pop(written, None)


def block_lengths(insns):
    """{index: length} of the bcopy and bfill instructions of a trace whose
    length register the trace set with li: their cycles (2 + length/4) and
    lookups are then known when translating, so they may be anywhere in it
    (else only last)."""
    known, lengths = {0: 0}, {}
    for i, d in enumerate(insns):
        if d[6].kind in BLOCK_KINDS and d[3] in known:
            lengths[i] = known[d[3]]
        note_constants(known, d)
    return lengths


def _folded(insns):
    """ALU instructions whose result only the next one reads, once, and
    which is overwritten before anything could leave the block: their
    expression goes into that one use instead of through a register."""
    folded = set()
    for i in range(len(insns) - 2):
        d, use = insns[i], insns[i + 1]
        target = d[1]
        if not (target and d[6].kind == "alu" and use[6].kind == "alu" and "s(" not in use[6].sem
                and _reads(use).count(target) == 1):
            continue
        if use[1] == target:
            folded.add(i)
            continue
        for later in insns[i + 2:]:
            if target in _reads(later) or later[6].kind not in ("alu", "li", "mov", "nop"):
                break               # read again, or it might leave the block
            if later[1] == target:
                folded.add(i)
                break
    return folded


def _returns_to(insns, addrs):
    """Where the trace's last instruction returns to, if it is a return
    from a call made in the trace (else None)."""
    calls = []
    for d, v in zip(insns[:-1], addrs):
        if d[6].kind == "call":
            calls.append((v + 8) & MASK)
        elif d[6].kind == "jr":         # inside a trace, only a return to its call
            calls.pop()
    last = insns[-1]
    return calls[-1] if last[6].kind == "jr" and last[2] == LR and calls else None


class Writer(Ops):
    """Builds the Python source of one block: a trace of instructions that
    follows jumps, calls and the returns from them, and each conditional
    branch the way it mostly went, leaving the trace ("side exit") where
    control goes the other way. Only its last instruction may jump back to
    its start, which makes it a loop that runs inside the function: a
    `for it in range(iters)`, iters being how many iterations the cycle
    limit allows (the first always runs: the caller checked it fits).

    Counting: the block counts every fetch it makes (a TLB hit: the page is
    in the quick execute map while the block runs). While it loops, `it` is
    the number of iterations completed. Counters reach the core when the
    block exits."""

    def __init__(self, trace, paging, extra_pages=0):
        trace = stepper_last(list(trace))
        self.insns = [d for d, _ in trace]
        self.addrs = [v for _, v in trace]
        self.start = self.addrs[0]
        self.paging = paging
        last = self.insns[-1]
        # a loop: its last instruction goes back to its start, by its target,
        # (a branch) by falling through to it, or (a return) to after a call
        # made in the trace, that is the start
        self.returns_to_start = _returns_to(self.insns, self.addrs) == self.start
        # (an instruction of the body, `i++` say, that runs on into the start
        # closes a loop as well: a loop entered in its middle)
        self.falls_into_start = (last[6].kind not in END_KINDS and last[6].kind not in LAST_KINDS
                                 and (self.addrs[-1] + 8) & MASK == self.start)
        self.loops = (last[6].kind in ("branch", "jmp", "call") and last[4] == self.start
                      or last[6].kind == "branch" and (self.addrs[-1] + 8) & MASK == self.start
                      or self.falls_into_start
                      or self.returns_to_start)
        self.k = len(self.insns)
        # a bcopy or bfill of a known length: its cycles and lookups are known
        self.lengths = block_lengths(self.insns)
        costs = [d[5] + (self.lengths[i] >> 2) * COST["block_per_word"] if i in self.lengths else d[5]
                 for i, d in enumerate(self.insns)]
        self.prefix = [sum(costs[:i]) for i in range(self.k + 1)]
        mem_ops = [DATA_ACCESSES.get(d[6].kind, 0) if i not in self.lengths
                   else (2 if d[6].kind == "bcopy" else 1) * bool(self.lengths[i])
                   for i, d in enumerate(self.insns)]
        self.data_prefix = [sum(mem_ops[:i]) for i in range(self.k + 1)]
        self.extra_pages = extra_pages if paging else 0
        self.line_at = {}       # source line of an access -> its instruction
        self.member, self.groups, self.place = _word_groups(self.insns)
        self.folded = _folded(self.insns)
        self.counted = counted_loop(self.insns, self.start) if self.loops else None
        # a loop stepping its counter first and leaving by a compare of it
        # (as counted, but the `for` runs to that exit: guard)
        self.guard = None
        if self.loops and not self.counted:
            guarded = guarded_loop(self.insns, self.addrs, self.start)
            if guarded:
                self.counted, self.guard = guarded[:4], guarded[4]
        # in a region (vm/region.py), this block's place in it: a member
        # other than the first is not where the dispatcher called the
        # region, so it may not answer "nothing ran, step it instead"
        self.region = False
        self.nothing_ran = ""           # (a later member: "False")

    def _start(self, unmasked, far=frozenset()):
        """Forget the lines made so far: start again with the registers
        `unmasked` at the loop's head, those in `far` not near (see near)."""
        self.lines = []
        self.written = set()
        self.read = set()
        self.side_exits = False
        self.accesses = []      # (line, instruction) of each load and store
        self.traps = False      # an instruction that may raise Trap
        self.asked = {}         # first access of a group -> the quick maps asked for its page
        self.pending = {}       # register -> the expression of a folded instruction
        self.known = {}         # register -> the constant an li (or a mov of one) put there
        # (group, word) -> what holds that word's value now: a register's
        # name or a constant (see Ops.load)
        self.words = {}
        self.ring_checked = False   # a privileged instruction checked the ring already
        self.unmasked = set(unmasked)
        self.ever_unmasked = set(unmasked)
        self.exit_unmasked = set()  # those that may be unmasked where it leaves for nxt
        self.back_unmasked = set()
        # unmasked registers made from exact ones by adding or subtracting
        # immediates only (addi, subi, mov): off their 32-bit value only if
        # that address arithmetic wrapped, so they may be used as addresses
        # unmasked (a value outside 32 bits misses in the quick maps: the
        # block leaves before the access and the reference runs it)
        self.near = set(unmasked) - set(far)
        self.back_far = set()

    def reg(self, n):
        """A register's value, which may lie outside 32 bits (see alu)."""
        if n == 0:
            return "0"
        if n in self.pending:
            return self.pending.pop(n)
        if n in self.known:
            return str(self.known[n])
        self.read.add(n)
        return f"r{n}"

    def exact(self, n):
        """A register's value within 32 bits, masking it first if needed (a
        folded expression, from reg, is exact)."""
        name = self.reg(n)
        if n in self.unmasked:
            self.unmasked.discard(n)
            made = "    " * 3 + f"{name} = "
            if self.lines and self.lines[-1].startswith(made):   # mask as it is made
                self.lines[-1] = f"{made}({self.lines[-1][len(made):]}) & {MASK}"
            else:
                self.emit(f"{name} = {name} & {MASK}")
        return name

    def set(self, n, unmasked=False, near=False, known=None):
        """The name to assign register n's new value to; unmasked: the value
        may lie outside 32 bits (near: see _start); known: it is this
        constant (read as the constant until n is written again)."""
        self.written.add(n)
        if self.words:
            name = f"r{n}"
            self.words = {w: v for w, v in self.words.items() if v != name}
        if known is None:
            self.known.pop(n, None)
        else:
            self.known[n] = known
        if unmasked:
            self.unmasked.add(n)
            self.ever_unmasked.add(n)
        else:
            self.unmasked.discard(n)
        if unmasked and near:
            self.near.add(n)
        else:
            self.near.discard(n)
        return f"r{n}"

    def round_again(self):
        """Note, at a jump back to the loop's head, which registers go round
        unmasked (and which of them not near)."""
        self.back_unmasked |= self.unmasked
        self.back_far |= self.unmasked - self.near

    def address(self, n):
        """A register used as an address: unmasked if it is near (see
        _start), else exact."""
        return self.reg(n) if n in self.near and n in self.unmasked else self.exact(n)

    def emit(self, line, depth=3):
        self.lines.append("    " * depth + line)

    def flush(self, n, fetches, data, it="it"):
        """Code adding to the core the counts of the `it` completed iterations
        plus n instructions of this one, with `fetches` fetches and `data`
        data accesses that hit the TLB. n, fetches and data may be
        expressions."""
        k, d = self.k, self.data_prefix[self.k]
        cycles = f"PREFIX[{n}]" if isinstance(n, str) else str(self.prefix[n])
        count, hit = self.counters()
        if not self.loops:
            parts = [f"{count[0]} += {cycles}", f"{count[1]} += {n}"]
            hits = f"{fetches} + {data}"
        else:
            parts = [f"{count[0]} += {it} * {self.prefix[k]} + {cycles}",
                     f"{count[1]} += {it} * {k} + {n}"]
            hits = f"{it} * {k + d} + {fetches} + {data}"
        if self.paging:
            parts.append(f"{hit} += {hits}")
        return "; ".join(parts)

    def counters(self):
        """The names of the cycles and instructions counted, and of the TLB
        hits: the core's, or in a region (vm/region.py) local variables
        that it loads once on entry and stores once on the way out (an
        attribute's += costs more than a local's, and a region counts at
        every member it passes through)."""
        if self.region:
            return ("cy", "ni"), "th"
        return ("c.cycles", "c.instructions"), "c.tlb_hits"

    def counts_at_exits(self):
        """Whether each exit adds its own counts, constants, instead of
        setting n for the one addition after the loop: in a region's member
        that does not loop (a member transition costs about as much as a
        short member: this saves looking n up in PREFIX)."""
        return self.region and not self.loops

    def exit_count(self, n):
        """What an exit after n instructions does about its counts."""
        if self.counts_at_exits():
            return self.flush(n, n, self.data_prefix[n])
        return f"n = {n}"

    def to(self, target):
        """The statement that leaves for target (a constant or a
        register's name): nxt set; in a region also `go`, the member that
        starts there, -1 if none (for a constant, @target@: the region
        puts its member's number there)."""
        if not self.region:
            return f"nxt = {target}"
        if isinstance(target, int) or target.isdigit():
            return f"nxt = {target}; go = @{target}@"
        # (`MEMBER[nxt] if nxt in MEMBER else -1` was tried: fewer seconds
        # in timeit, but fib's run 2.5% more host instructions)
        return f"nxt = {target}; go = MEMBER.get(nxt, -1)"

    def hoist_signed_operands(self):
        """In a loop, a register compared as signed but never written is
        flipped once, before the loop, instead of on every iteration; one
        whose low byte is stored (or and-ed with 255: a line that ends
        `= rN & 255`) has it taken once."""
        hoisted = []
        text = "\n".join(self.lines)
        for r in sorted(self.read - self.written):
            # (the cheap look first: a regex costs more)
            flipped = re.compile(rf"\br{r} \^ {SIGN}\b")
            if f"r{r} ^ {SIGN}" in text and any(flipped.search(line) for line in self.lines):
                self.lines = [flipped.sub(f"k{r}", line) for line in self.lines]
                hoisted.append(f"    k{r} = r{r} ^ {SIGN}")
            if f"r{r} & 255" in text:
                # its low byte (a byte store's value, an andi): taken once
                low = re.compile(rf"= r{r} & 255$")
                if any(low.search(line) for line in self.lines):
                    self.lines = [low.sub(f"= b{r}", line) for line in self.lines]
                    hoisted.append(f"    b{r} = r{r} & 255")
        return hoisted

    def body(self, unmasked, far=frozenset()):
        """The lines of the instructions, with `unmasked` registers
        possibly outside 32 bits at the start (`far` of them not near)."""
        self._start(unmasked, far)
        handlers = {"alu": self.alu, "div": self.alu, "li": self.li, "mov": self.mov,
                    "nop": self.nop, "load": self.load, "store": self.store, "swap": self.swap,
                    "cli": self.cli, "sti": self.sti, "csrr": self.csrr, "csrw": self.csrw,
                    "syscall": self.syscall, "brk": self.brk, "iret": self.iret, "wfi": self.wfi,
                    "bcopy": self.bcopy, "bfill": self.bfill}
        insns = self.insns[:-2] if self.counted and not self.guard else self.insns
        for i, d in enumerate(insns):
            if self.guard and i == 0:
                self.set(self.counted[0])       # the `for` steps it
            elif self.guard and i == self.guard[0]:
                # the compare leaves only in the last iteration trips allows
                self.side_exit(i, f"r{self.counted[0]} == final", self.guard[1])
            else:
                handlers.get(d[6].kind, self.transfer)(i, d)
        if self.falls_into_start:
            self.goto(self.start, 3)
        if self.counted and not self.guard:
            # the `for` steps the counter and goes round: no step, no branch
            self.round_again()
            self.written.add(self.counted[0])
            if not self.lines:
                self.emit("pass")

    # --- counted loops (vm/counted.py) ---------------------------------------------------
    def counted_head(self):
        """Ask trips how many iterations to run (none: the reference runs
        one), and run them with the counter as the `for` variable. A step
        in a register is worked out first (`step`: its value read as
        signed; zero runs nothing, the reference runs the iteration)."""
        counter, bound, step, loop = self.counted
        c = self.reg(counter)
        b = str(bound[1]) if isinstance(bound, tuple) else self.reg(bound)
        end = self.counted_end()
        head = []
        if isinstance(step, tuple):
            _, by, sign = step
            r = self.reg(by)
            signed = f"({r} ^ {SIGN}) - {SIGN}"
            head.append(f"    step = {signed if sign > 0 else f'{SIGN} - ({r} ^ {SIGN})'}")
            steps = ", step"
            arguments = f"({loop[0]!r}, step, {loop[2]})"
        else:
            steps = "" if step == 1 else f", {step}"
            arguments = repr(loop)
        # not one iteration this way: the reference runs one (a region's
        # member writes back what the members before it did, and stops here)
        nothing = (["        return True"] if not self.region else
                   ["        " + line for line in self.leave(self.start, self.nothing_ran or "True")])
        if self.guard:
            # the counter as the compare sees it (once stepped), and its
            # value in the iteration that leaves there (-1: none does)
            by = "step" if isinstance(step, tuple) else step
            first = [f"    count0 = {c} + {by}",
                     f"    final = count0 + (runs - 1) * {by} if leaves else -1"]
        else:
            first = [f"    count0 = {c}"]
        # (an ordered compare: trips written out here)
        call = f"    runs, leaves = trips({c}, {b}, iters, {arguments})"
        entry = trips_source(c, b, loop, call) or [call]
        return head + entry + ["    if runs <= 0:"] + nothing + first + [
                       "    try:",
                       f"        for {c} in range(count0, {end}{steps}):"]

    def counted_end(self):
        """The counter after `runs` iterations from count0."""
        step = self.counted[2]
        if isinstance(step, tuple):
            return "count0 + runs * step"
        return {1: "count0 + runs", -1: "count0 - runs"}.get(step, f"count0 + runs * {step}")

    def counted_iterations(self):
        """The line that finds `it`, the iterations completed, from the counter."""
        counter, _, step, _ = self.counted
        if isinstance(step, tuple):
            return f"it = (r{counter} - count0) // step"
        return {1: f"it = r{counter} - count0", -1: f"it = count0 - r{counter}"}.get(
            step, f"it = (r{counter} - count0) // {step}")

    def counted_else(self, onward):
        """After the last iteration: the counter stepped once more, and on
        after the loop if its branch fell through, else back to its start
        (onward: see code)."""
        counter = self.counted[0]
        after = (self.addrs[-1] + 8) & MASK
        if self.guard:
            # every iteration trips allowed ran and went round: the counter
            # is as the last left it; on at the start (which steps it)
            return ["        else:",
                    "            " + self.to(self.start),
                    "            " + self.flush(0, 0, 0, it="runs")] + ["        " + line for line in onward]
        return ["        else:",
                f"            r{counter} = {self.counted_end()}",
                f"            nxt = {after} if leaves else {self.start}"
                + (f"; go = @{after}@ if leaves else @{self.start}@" if self.region else ""),
                "            " + self.flush(0, 0, 0, it="runs")] + ["        " + line for line in onward]

    def source(self):
        """The block's function: the registers it uses loaded, its pages
        checked, its code, the registers written back at each exit."""
        lines, line_at = self.code()
        regs = sorted(self.read | self.written)
        head = ["def block(c, R, QR, QW):"]
        if self.extra_pages:
            # the other pages must still be mapped as when this was made
            head.append("    QX = c.tlb.quick[2]")
            for j in range(self.extra_pages):
                head += [f"    if QX.get(EP{j}) != EO{j}:", "        return True"]
        if regs:
            head.append("    " + "; ".join(f"r{r} = R[{r}]" for r in regs))
        self.line_at = {len(head) + j + 1: i for j, i in line_at.items()}
        text = "\n".join(head + lines) + "\n"
        return writeback(text, self.written, self.ever_unmasked, self.out_unmasked())

    def out_unmasked(self):
        """The registers that may be unmasked where the block leaves for nxt
        (its side exits and its end): in a block that does not loop, those
        unmasked there (a sum only an address used, overwritten since, is
        not); in a loop, any it ever left unmasked (its exits after the
        `for` see the registers as any iteration left them)."""
        return self.ever_unmasked if self.loops else self.exit_unmasked

    def code(self, onward=None):
        """The lines of the block's code below its head (indented as a
        function body; WRITEBACK stands for writing the registers back) and
        {line index: instruction} of its loads and stores. onward: the lines
        that leave it for nxt once its counts are added (vm/region.py goes
        on to another block there); by default it writes back and returns."""
        k = self.k
        # A register a loop iteration may end with unmasked may start the
        # next one so: make the body again until that assumption holds.
        unmasked, far = set(), set()
        self.body(unmasked, far)
        while not (self.back_unmasked <= unmasked and self.back_far <= far):
            unmasked |= self.back_unmasked
            far |= self.back_far
            self.body(unmasked, far)
        last = self.insns[-1][6].kind
        # whether the last instruction may go on to what follows the body (a
        # counted loop's `for` ends by its else; a jump or call back to the
        # start always goes round)
        falls_out = not (self.counted and not self.guard or last in TRAPPING or self.falls_into_start
                         or last in ("jmp", "call") and self.insns[-1][4] == self.start)
        if last not in END_KINDS and last != "iret" and falls_out:
            self.emit(self.to((self.addrs[-1] + 8) & MASK))
        n = "n" if self.side_exits else k
        if falls_out and (self.side_exits or self.counts_at_exits()):
            self.emit(self.exit_count(k))
        if falls_out:
            self.emit("break")
        loop_head = self.counted_head() if self.counted else ["    try:", "        for it in range(iters):"]
        head = []
        if self.loops:
            head += self.hoist_signed_operands()
            # iteration j may start while j * cost + the cycles up to its last
            # instruction stay below the limit
            cycles, limit = ("cy", "lim") if self.region else ("c.cycles", "c.limit")
            head.append(f"    iters = -(({cycles} + {self.prefix[k - 1]} - {limit}) // {self.prefix[k]})")
            head += loop_head
        else:
            head += ["    try:", "        while True:"]
        line_at = {len(head) + j: i for j, i in self.accesses}
        progress = "at or it" if self.loops else "at"
        tail = []
        iterations = ["        " + self.counted_iterations()] if self.counted else []
        if falls_out:
            self.exit_unmasked |= self.unmasked
        onward = onward or ["    WRITEOUT", "    c.pc = nxt", "    return"]
        if self.counted:
            tail += self.counted_else(onward)
        elif self.loops:
            tail += ["        else:                # the limit: every iteration ran; no fetch of the next",
                     "            " + self.flush(0, 0, 0, it="iters")]
            tail += ["            " + line for line in self.leave(self.start)]
        if self.accesses:
            tail += ["    except KeyError as miss:"] + iterations + [
                     "        at = LINE_AT[miss.__traceback__.tb_lineno]",
                     "        " + self.flush("at", "at", "DATA_PREFIX[at]")]
            # True: nothing ran, step it instead
            tail += ["        " + line for line in self.leave("ADDRS[at]", self.nothing_ran or f"not ({progress})")]
        if self.traps:
            tail += ["    except Trap:             # this instruction's fetch was made"] + iterations + [
                     "        WRITEBACK",
                     "        c.pc = ADDRS[at]",
                     "        " + self.flush("at", "at + 1", "DATA_PREFIX[at]")] + (
                     ["        " + COUNTS_OUT] if self.region else []) + [
                     "        raise"]
        if not (self.accesses or self.traps):
            tail += ["    finally:", "        pass                 # nothing here can fail"]
        if self.side_exits or falls_out:
            tail += [line[4:] for line in iterations]
            if not self.counts_at_exits():
                tail.append("    " + self.flush(n, n, f"DATA_PREFIX[{n}]" if self.side_exits else self.data_prefix[k]))
            tail += onward
        return head + self.lines + tail, line_at

    def leave(self, pc, value=""):
        """The lines (unindented) that leave the block for pc, returning
        value, its counts added: the registers written back. A region's
        member (vm/region.py) masks those it may have left unmasked and
        breaks out of the region's loop, to the one write-back after it
        (its source is compiled again as the region grows: shorter, it
        compiles faster)."""
        if not self.region:
            return ["WRITEBACK", f"c.pc = {pc}", f"return {value}".rstrip()]
        masks = [f"r{r} = r{r} & {MASK}" for r in sorted(self.ever_unmasked)]
        returns = [f"ran = {value}"] if value and value != "False" else []
        return ["; ".join(masks + [f"nxt = {pc}"] + returns), "break"]


# In a region: its counts (Writer.counters) stored in the core, on every
# way out (a trap's handler sees them as the block would have left them)
COUNTS_OUT = "c.cycles = cy; c.instructions = ni; c.tlb_hits = th"


def writeback(text, written, unmasked, out):
    """text with each WRITEBACK line made the lines that write the registers
    `written` back, masking those that may be `unmasked`; each WRITEOUT
    line (leaving for nxt) the same, masking only those in `out`."""
    def line(masked):
        return "; ".join(f"R[{r}] = r{r} & {MASK}" if r in masked else f"R[{r}] = r{r}"
                         for r in sorted(written)) or "pass"
    # (each a line of its own, indented)
    return text.replace("WRITEBACK", line(unmasked)).replace("WRITEOUT", line(out))
