"""Lowering `switch` (a mixin of FunctionLowerer).

Dense case values use a jump table in .rodata (one bounds check, one load,
one indirect jump); sparse ones a chain of compare-and-branch.
"""

from . import ctypes as ct


def is_dense(values):
    """Worth a table: at least 4 cases filling at least a third of the range."""
    if len(values) < 4:
        return False
    span = max(values) - min(values) + 1
    return span <= 3 * len(values) and span <= 4096


class SwitchLowering:
    def s_Switch(self, s):
        v = self.reg(self.expr(s.expr))
        brk = self.new_label()
        labels = {}
        for case in s.cases:
            labels[id(case)] = self.new_label()
        default = self.new_label() if s.default is not None else brk
        if s.default is not None:
            labels[id(s.default)] = default
        self.case_labels = getattr(self, "case_labels", {})
        self.case_labels.update(labels)
        values = [c.value for c in s.cases]
        if is_dense(values):
            self.jump_table(v, s.cases, labels, default)
        else:
            for case in s.cases:
                self.fn.emit("br", a=v, b=case.value, cond="beq", label=labels[id(case)])
            self.fn.emit("jmp", label=default)
        self.loops.append((brk, None))
        self.stmt(s.body)
        self.loops.pop()
        self.fn.emit("label", label=brk)

    def jump_table(self, v, cases, labels, default):
        lo = min(c.value for c in cases)
        span = max(c.value for c in cases) - lo + 1
        index = self.arith("sub", v, lo, ct.UINT) if lo else v
        # One unsigned compare rejects both index < 0 and index >= span.
        self.fn.emit("br", a=self.reg(index), b=span, cond="bgeu", label=default)
        table = self.new_label()
        targets = [default] * span
        for c in cases:
            targets[c.value - lo] = labels[id(c)]
        offset = self.arith("shl", index, 2, ct.UINT)
        target = self.fn.temp()
        self.fn.emit("load", d=target, base=self.reg(offset), off=table, size=4, signed=False)
        self.fn.emit("jr", a=target, targets=sorted(set(targets)))
        self.unit.rodata.append((table, targets))

    def s_Case(self, s):
        self.fn.emit("label", label=self.case_labels[id(s)])
        self.stmt(s.body)

    def s_Default(self, s):
        self.fn.emit("label", label=self.case_labels[id(s)])
        self.stmt(s.body)
