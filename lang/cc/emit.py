"""Assembly emission: one allocated IR function -> lines of VM assembly.

Temps are in registers or spill slots (regalloc.py); t1 and lr are free
scratch registers here (t1 and t0 in a frameless leaf, whose lr holds the
return address throughout: shrink.py). The prologue/epilogue follow
docs/abi.md exactly, because the debugger unwinds frames by that layout.
"""

from vm.isa import REG_NAMES, REG_ALIASES

from .ir import BRANCH_NEGATION, Insn, Slot, Temp

T0, T1, LR = REG_ALIASES["t0"], REG_ALIASES["t1"], REG_ALIASES["lr"]
LOAD_NAMES = {(1, True): "lb", (1, False): "lbu", (2, True): "lh", (2, False): "lhu",
              (4, True): "lw", (4, False): "lw"}
STORE_NAMES = {1: "sb", 2: "sh", 4: "sw"}


def sym_expr(sym, off):
    """'name' plus a byte offset as an assembler expression."""
    if off == 0:
        return sym
    return f"{sym}+{off}" if off > 0 else f"{sym}-{-off}"


class Emitter:
    def __init__(self, fn, alloc, frame, debug=True, state=None):
        self.fn = fn
        self.alloc = alloc
        self.frame = frame
        self.debug = debug
        self.out = []
        self.ret_label = f".Lret.{fn.name}"
        self.ret_label_done = False
        self.s2 = T0 if frame is not None and frame.frameless else LR   # the second scratch
        # Shared across the unit's functions: the assembler's current .file.
        self.state = state if state is not None else {"file": None}

    # --- operand helpers -------------------------------------------------
    def line(self, text):
        self.out.append("\t" + text)

    def loc(self, x):
        """('r', n), ('s', Slot) or ('i', value) for a Temp or an immediate."""
        if isinstance(x, Temp):
            w = self.alloc.loc(x)
            return ("r", w) if isinstance(w, int) else ("s", w)
        return ("i", x)

    def src(self, x, scratch):
        """Name of a register holding x, loading it into scratch if needed."""
        kind, v = self.loc(x)
        if kind == "r":
            return REG_NAMES[v]
        if kind == "s":
            self.line(f"lw {REG_NAMES[scratch]}, {v.offset}(fp)")
        elif v == 0:
            return "zero"
        else:
            self.line(f"li {REG_NAMES[scratch]}, {v}")
        return REG_NAMES[scratch]

    def dst(self, t):
        """(register name to compute into, code to run afterwards)."""
        kind, v = self.loc(t)
        if kind == "r":
            return REG_NAMES[v], None
        return "lr", f"sw lr, {v.offset}(fp)"

    def finish(self, after):
        if after:
            self.line(after)

    def mem(self, base, off, scratch):
        """Address operand text 'off(reg)' for a Temp, Slot, 'sp' or symbol base."""
        if isinstance(base, Slot):
            return f"{base.offset + off}(fp)"
        if base == "sp":
            return f"{off}(sp)"
        if isinstance(base, Temp):
            return f"{off}({self.src(base, scratch)})"
        return f"{sym_expr(base, off)}(zero)"

    # --- moves ---------------------------------------------------------------
    def parallel_move(self, moves):
        """Perform moves [(dst loc, src loc)] as if simultaneously."""
        moves = [(d, s) for d, s in moves if d != s]
        # Stores into slots first, while every source register is intact.
        for d, s in [m for m in moves if m[0][0] == "s"]:
            if s[0] == "r":
                self.line(f"sw {REG_NAMES[s[1]]}, {d[1].offset}(fp)")
            else:
                self.line(f"sw {self.load_loc(s, T1)}, {d[1].offset}(fp)")
        regs = {d[1]: s[1] for d, s in moves if d[0] == "r" and s[0] == "r"}
        while regs:
            ready = [d for d in regs if d not in regs.values()]
            if ready:
                d = ready[0]
                self.line(f"mov {REG_NAMES[d]}, {REG_NAMES[regs.pop(d)]}")
                continue
            d, s = next(iter(regs.items()))       # a cycle: break it through scratch 2
            self.line(f"mov {REG_NAMES[self.s2]}, {REG_NAMES[s]}")
            for k in regs:
                if regs[k] == s:
                    regs[k] = self.s2
        for d, s in moves:
            if d[0] == "r" and s[0] != "r":
                self.load_loc(s, d[1])

    def load_loc(self, s, reg):
        """Put a slot or immediate location into reg; returns its name."""
        name = REG_NAMES[reg]
        if s[0] == "s":
            self.line(f"lw {name}, {s[1].offset}(fp)")
        elif s[0] == "i":
            if s[1] == 0 and reg == 0:
                return "zero"
            self.line(f"li {name}, {s[1]}")
        else:
            return REG_NAMES[s[1]]
        return name

    # --- the function --------------------------------------------------------
    def run(self):
        fn = self.fn
        if fn.section:
            self.out.append(f"\t.section {fn.section}")
        else:
            self.out.append("\t.text")
        self.out.append("\t.align 8")
        if not fn.is_static:
            self.out.append(f"\t.global {fn.name}")
        self.out.append(f"{fn.name}:")
        if self.debug and fn.line:
            # The prologue belongs to the function's first line.
            self.op_loc(Insn("loc", line=fn.line, col=0, file=fn.file), 0)
        self.prologue()
        insns = fn.insns
        for i, insn in enumerate(insns):
            getattr(self, "op_" + insn.op)(insn, i)
        self.epilogue()
        self.out.append(f".Lend.{fn.name}:")
        self.out.append(f"\t.size {fn.name}, .Lend.{fn.name} - {fn.name}")
        return self.out

    def prologue(self):
        if self.frame.frameless:
            return
        if self.frame.early_exit:
            self.early_exit(*self.frame.early_exit)
        size = self.frame.size
        self.line(f"addi sp, sp, -{size + 8}")       # the frame and 8 bytes for lr, fp
        self.line(f"sw lr, {size + 4}(sp)")
        self.line(f"sw fp, {size}(sp)")
        self.line(f"addi fp, sp, {size}" if size else "mov fp, sp")
        for reg, off in self.frame.saved_regs:
            self.line(f"sw {REG_NAMES[reg]}, {off}(fp)")

    def early_exit(self, cond, a, b, value):
        """The test the body starts with, on the argument registers, before
        the frame exists (shrink.py); its quick side returns at once."""
        def reg(x):
            if x[0] == "r":
                return REG_NAMES[x[1]]
            return self.load_loc(x, T1)
        framed = f".Lframe.{self.fn.name}"
        self.line(f"{BRANCH_NEGATION[cond]} {reg(a)}, {reg(b)}, {framed}")
        if value is not None:
            self.parallel_move([(("r", 1), value)])
        self.line("ret")
        self.out.append(f"{framed}:")

    def epilogue(self):
        if not self.ret_label_done:
            self.out.append(f"{self.ret_label}:")
        if self.frame.frameless:
            self.line("ret")
            return
        for reg, off in self.frame.saved_regs:
            self.line(f"lw {REG_NAMES[reg]}, {off}(fp)")
        size = self.frame.size
        if self.frame.sp_fixed:
            # sp = fp - size: read the saved pair through sp, which covers
            # it until the last instruction (an interrupt may push at sp).
            self.line(f"lw lr, {size + 4}(sp)")
            self.line(f"lw fp, {size}(sp)")
            self.line(f"addi sp, sp, {size + 8}")
            self.line("ret")
            return
        self.line("lw lr, 4(fp)")
        # Read the saved fp before sp moves above it: an interrupt taken in
        # ring 0 pushes its trap frame at sp and would overwrite that word.
        self.line("mov t1, fp")
        self.line("lw fp, 0(t1)")
        self.line("addi sp, t1, 8")
        self.line("ret")

    # --- instructions ----------------------------------------------------------
    def op_loc(self, insn, i):
        if not self.debug:
            return
        if insn.file != self.state["file"]:
            self.state["file"] = insn.file
            self.line(f'.file "{insn.file}"')
        self.line(f".loc {insn.line} {insn.col or 0}" if insn.col else f".loc {insn.line}")

    def op_label(self, insn, i):
        if insn.label == self.ret_label:
            self.ret_label_done = True
        self.out.append(f"{insn.label}:")

    def op_jmp(self, insn, i):
        self.line(f"jmp {insn.label}")

    def op_li(self, insn, i):
        rd, after = self.dst(insn.d)
        self.line(f"li {rd}, {insn.imm}")
        self.finish(after)

    def op_mov(self, insn, i):
        self.parallel_move([(self.loc(insn.d), self.loc(insn.a))])

    def op_bin(self, insn, i):
        ra = self.src(insn.a, T1)
        rd, after = self.dst(insn.d)
        if isinstance(insn.b, Temp):
            self.line(f"{insn.alu} {rd}, {ra}, {self.src(insn.b, self.s2)}")
        else:
            self.line(f"{insn.alu}i {rd}, {ra}, {insn.b}")
        self.finish(after)

    def op_addr(self, insn, i):
        rd, after = self.dst(insn.d)
        off = insn.off or 0
        if isinstance(insn.base, Slot):
            self.line(f"addi {rd}, fp, {insn.base.offset + off}")
        elif insn.base == "sp":
            self.line(f"addi {rd}, sp, {off}")
        else:
            self.line(f"li {rd}, {sym_expr(insn.base, off)}")
        self.finish(after)

    def op_load(self, insn, i):
        addr = self.mem(insn.base, insn.off or 0, T1)
        rd, after = self.dst(insn.d)
        self.line(f"{LOAD_NAMES[insn.size, bool(insn.signed)]} {rd}, {addr}")
        self.finish(after)

    def op_store(self, insn, i):
        val = self.src(insn.a, T1)
        addr = self.mem(insn.base, insn.off or 0, self.s2)
        self.line(f"{STORE_NAMES[insn.size]} {val}, {addr}")

    def op_br(self, insn, i):
        ra = self.src(insn.a, T1)
        rb = self.src(insn.b, self.s2)
        self.line(f"{insn.cond} {ra}, {rb}, {insn.label}")

    def op_jr(self, insn, i):
        self.line(f"jr {self.src(insn.a, T1)}")

    def op_call(self, insn, i):
        target = insn.fn
        if isinstance(target, Temp):
            kind, v = self.loc(target)
            self.line(f"mov t1, {REG_NAMES[v]}" if kind == "r" else f"lw t1, {v.offset}(fp)")
        moves = [(("r", k + 1), self.loc(a)) for k, a in enumerate(insn.args[:6])]
        self.parallel_move(moves)
        self.line("callr t1" if isinstance(target, Temp) else f"call {target}")
        if insn.d is not None:
            self.parallel_move([(self.loc(insn.d), ("r", 1))])

    def op_ret(self, insn, i):
        if insn.a is not None:
            self.parallel_move([(("r", 1), self.loc(insn.a))])
        # No jump when only labels and a bare return follow (the epilogue is next).
        for x in self.fn.insns[i + 1:]:
            if x.op not in ("label", "loc") and not (x.op == "ret" and x.a is None):
                self.line("ret" if self.frame.frameless else f"jmp {self.ret_label}")
                break

    def op_entry(self, insn, i):
        self.parallel_move([(self.loc(t), ("r", r)) for t, r in insn.pairs])

    def op_fixed(self, insn, i):
        self.parallel_move([(("r", r), self.loc(t)) for t, r in insn.ins])
        for text in insn.text.split("\n"):
            self.line(text)
        self.parallel_move([(self.loc(t), ("r", r)) for t, r in insn.outs])
