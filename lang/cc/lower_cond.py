"""Comparisons and conditions (a mixin of FunctionLowerer).

A condition is lowered to branches, not to a 0/1 value: `if (a < b)` is
one `bge a, b, else` and `a && b` is two branches. Only when a comparison's
value is used as a number does it become slt/seq/... (x_Compare).
"""

from . import ast as A
from .fold import fold_compare


BRANCH = {  # op -> (signed cond, unsigned cond, swap operands)
    "==": ("beq", "beq", False), "!=": ("bne", "bne", False),
    "<": ("blt", "bltu", False), ">=": ("bge", "bgeu", False),
    ">": ("blt", "bltu", True), "<=": ("bge", "bgeu", True),
}
SET = {  # op -> (signed alu, unsigned alu, invert result)
    "==": ("seq", "seq", False), "!=": ("sne", "sne", False),
    "<": ("slt", "sltu", False), ">": ("sgt", "sgtu", False),
    "<=": ("sgt", "sgtu", True), ">=": ("slt", "sltu", True),
}


class CondLowering:
    def x_Compare(self, e):
        a, b = self.expr(e.left), self.expr(e.right)
        if isinstance(a, int) and isinstance(b, int):
            return fold_compare(e.op, a, b, e.signed)
        alu_s, alu_u, invert = SET[e.op]
        alu = alu_s if e.signed else alu_u
        if isinstance(a, int):
            a = self.reg(a)
        r = self.binop(alu, a, b)
        return self.binop("xor", r, 1) if invert else r

    def x_Logical(self, e):
        return self.bool_value(e)

    def bool_value(self, e):
        """0/1 in a temp for a condition, built with branches."""
        res = self.fn.temp()
        false, end = self.new_label(), self.new_label()
        self.branch(e, false, False)
        self.fn.emit("li", d=res, imm=1)
        self.fn.emit("jmp", label=end)
        self.fn.emit("label", label=false)
        self.fn.emit("li", d=res, imm=0)
        self.fn.emit("label", label=end)
        return res

    def x_Cond(self, e):
        if isinstance(e.cond, A.IntConst):
            return self.expr(e.then if e.cond.value else e.else_)
        res = self.fn.temp()
        other, end = self.new_label(), self.new_label()
        self.branch(e.cond, other, False)
        v = self.expr(e.then)
        self.fn.emit("mov", d=res, a=self.reg(v)) if not e.type.is_void() else None
        self.fn.emit("jmp", label=end)
        self.fn.emit("label", label=other)
        v = self.expr(e.else_)
        self.fn.emit("mov", d=res, a=self.reg(v)) if not e.type.is_void() else None
        self.fn.emit("label", label=end)
        return res if not e.type.is_void() else 0

    # --- conditions -------------------------------------------------------------------
    def branch(self, e, label, when):
        """Jump to label if e's truth value equals `when`; fall through otherwise."""
        if isinstance(e, A.IntConst):
            if bool(e.value) == when:
                self.fn.emit("jmp", label=label)
            return
        if isinstance(e, A.Unary) and e.op == "!":
            return self.branch(e.operand, label, not when)
        if isinstance(e, A.Logical):
            if (e.op == "&&") == when:
                # (a && b) true / (a || b) false: both must agree
                skip = self.new_label()
                self.branch(e.left, skip, not when)
                self.branch(e.right, label, when)
                self.fn.emit("label", label=skip)
            else:
                self.branch(e.left, label, when)
                self.branch(e.right, label, when)
            return
        if isinstance(e, A.Compare):
            a, b = self.expr(e.left), self.expr(e.right)
            if isinstance(a, int) and isinstance(b, int):
                if bool(fold_compare(e.op, a, b, e.signed)) == when:
                    self.fn.emit("jmp", label=label)
                return
            cs, cu, swap = BRANCH[e.op]
            cond = cs if e.signed else cu
            if swap:
                a, b = b, a
            if not when:
                cond = {"beq": "bne", "bne": "beq", "blt": "bge", "bge": "blt",
                        "bltu": "bgeu", "bgeu": "bltu"}[cond]
            if isinstance(a, int):
                if cond in ("beq", "bne"):
                    a, b = b, a
                else:
                    a = self.reg(a) if a != 0 else 0
            self.fn.emit("br", a=a, b=b, cond=cond, label=label)
            return
        v = self.expr(e)
        if isinstance(v, int):
            if bool(v) == when:
                self.fn.emit("jmp", label=label)
            return
        self.fn.emit("br", a=v, b=0, cond="bne" if when else "beq", label=label)
