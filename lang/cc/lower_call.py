"""Lowering calls, block copies and inline assembly (a mixin of FunctionLowerer).

The calling convention is docs/abi.md: slots 0-5 in a0-a5, the rest at
sp+0, sp+4, ... in the caller's outgoing-argument area; a struct-returning
call passes the address of a result buffer in slot 0; a struct argument is
passed as the address of the struct (the callee copies it); every variadic
argument goes on the stack.
"""

import re

from vm.isa import REG_ALIASES, REG_NAMES

from . import ast as A
from .ir import A_REGS, CALLER_SAVED, Slot
from .lower_place import is_record

BCOPY_REGS = (A_REGS[0], A_REGS[1], A_REGS[2])
WORD_COPY_MAX = 16          # bytes: larger blocks use bcopy


class CallLowering:
    def x_Call(self, e, result=None):
        """A call; for a record result, `result` may give the buffer's address."""
        ftype = e.ftype
        direct = e.direct
        target = direct.label if direct is not None else self.reg(self.expr(e.func))
        slots = []                  # register/stack slot operands, in order
        if is_record(e.type):
            if result is None:
                buf = self.fn.slot(e.type.size, e.type.align, "ret")
                result = self.fn.temp("retbuf")
                self.fn.emit("addr", d=result, base=buf, off=0)
            slots.append(result)
        nnamed = len(ftype.params) if ftype.prototyped else len(e.args)
        named, extra = e.args[:nnamed], e.args[nnamed:]
        # Arguments are evaluated right to left, as gcc does: C leaves the
        # order unspecified, and matching gcc keeps programs that depend on it
        # (wrongly, but commonly) behaving the same on both.
        extra_vals = [(arg, self.expr(arg)) for arg in reversed(extra)][::-1]
        named_vals = [self.reg(self.expr(arg)) for arg in reversed(named)][::-1]
        slots.extend(named_vals)
        # Stack slots are written only now: evaluating an argument may call
        # another function, which reuses the outgoing area.
        for k, v in enumerate(slots[6:]):
            self.fn.emit("store", a=v, base="sp", off=4 * k, size=4)
        off = 4 * max(0, len(slots) - 6)
        for arg, v in extra_vals:
            if is_record(arg.type):
                d = self.fn.temp()
                self.fn.emit("addr", d=d, base="sp", off=off)
                self.block_copy(d, v, arg.type.size, arg.type.align)
                off += (arg.type.size + 3) // 4 * 4
            else:
                self.fn.emit("store", a=self.reg(v) if v != 0 else 0, base="sp", off=off, size=4)
                off += 4
        self.fn.outgoing = max(self.fn.outgoing, off)
        d = None if e.type.is_void() or result is not None else self.fn.temp("rv")
        self.fn.emit("call", d=d, fn=target, args=slots[:6])
        if result is not None:
            return result
        return d if d is not None else 0

    def block_copy(self, dst, src, size, align=1):
        """Copy size bytes from address operand src to dst: with `bcopy`, or
        at -O1 a small word-aligned block word by word (no argument set-up,
        and what is stored into a frame slot can be forwarded to its loads)."""
        if self.opt >= 1 and size <= WORD_COPY_MAX and size % 4 == 0 and align >= 4:
            (db, doff), (sb, soff) = self.word_base(dst), self.word_base(src)
            for k in range(0, size, 4):
                t = self.fn.temp()
                self.fn.emit("load", d=t, base=sb, off=soff + k, size=4, signed=False)
                self.fn.emit("store", a=t, base=db, off=doff + k, size=4)
            return
        self.fn.emit("fixed", ins=[(self.reg(dst), BCOPY_REGS[0]), (self.reg(src), BCOPY_REGS[1]),
                                   (size, BCOPY_REGS[2])],
                     outs=[], clobbers=frozenset(BCOPY_REGS),
                     text="bcopy a0, a1, a2")

    def word_base(self, addr):
        """(base, offset) for an address operand: the frame Slot itself when
        the address was just taken of one (its temp is defined only there)."""
        a = self.reg(addr)
        for x in self.fn.insns[-1:-9:-1]:
            if x.op == "addr" and x.d is a and isinstance(x.base, Slot):
                return x.base, x.off or 0
            if a in x.defs():
                break
        return a, 0

    def block_zero(self, dst, size):
        self.fn.emit("fixed", ins=[(self.reg(dst), BCOPY_REGS[0]), (0, BCOPY_REGS[1]),
                                   (size, BCOPY_REGS[2])],
                     outs=[], clobbers=frozenset(BCOPY_REGS),
                     text="bfill a0, a1, a2")

    # --- inline assembly --------------------------------------------------------------
    def s_AsmStmt(self, s):
        clobbers = set(CALLER_SAVED)
        for name in s.clobbers:
            r = REG_ALIASES.get(name.strip().lower().lstrip("%"))
            if r is None and name.strip().lower().startswith("r") and name.strip()[1:].isdigit():
                r = int(name.strip()[1:])
            if r is not None:
                clobbers.add(r)
                if r in (9, 10, 11, 12):
                    self.fn.saved_extra.add(r)
        if s.basic:
            self.fn.emit("fixed", ins=[], outs=[], clobbers=frozenset(clobbers), text=s.template)
            return
        names, ins, outs, places = [], [], [], []
        regs = iter(A_REGS)
        for op in s.outputs:
            p = self.place(op.expr)
            r = next(regs, None)
            if r is None:
                self.error(s, "too many operands in asm statement (at most 6 register operands)")
            names.append(REG_NAMES[r])
            if op.constraint.startswith("+"):
                ins.append((self.reg(self.load(p)), r))
            places.append((p, r))
        for op in s.inputs:
            if op.constraint == "i" or (isinstance(op.expr, A.IntConst) and "r" not in op.constraint):
                names.append(str(self.expr(op.expr)))
                continue
            r = next(regs, None)
            if r is None:
                self.error(s, "too many operands in asm statement (at most 6 register operands)")
            names.append(REG_NAMES[r])
            ins.append((self.reg(self.expr(op.expr)), r))
        temps = []
        for p, r in places:
            t = self.fn.temp("asm")
            outs.append((t, r))
            temps.append((p, t))
        text = re.sub(r"%(%|\d+)", lambda m: "%" if m.group(1) == "%" else
                      self._asm_operand(s, names, int(m.group(1))), s.template)
        self.fn.emit("fixed", ins=ins, outs=outs, clobbers=frozenset(clobbers), text=text)
        for p, t in temps:
            self.store(p, t)

    def _asm_operand(self, s, names, n):
        if n >= len(names):
            self.error(s, f"asm operand %{n} does not exist ({len(names)} operands)")
        return names[n]

