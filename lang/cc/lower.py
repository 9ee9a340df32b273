"""Lowering one function of the typed AST to IR: variables, parameters, statements.

Where a variable lives is decided here, once:
  - at -O1 a scalar local or parameter whose address is never taken (and
    that is not volatile) is a Temp: the register allocator gives it a
    register;
  - every other automatic variable (all of them at -O0) gets a frame Slot;
  - globals and static locals are at their assembly label.
"""

from vm.errors import MinosError

from . import ast as A
from .ir import A_REGS, Function, Temp
from .lower_call import CallLowering
from .lower_cond import CondLowering
from .lower_expr import ExprLowering
from .lower_place import Place, PlaceLowering, is_record
from .switch import SwitchLowering


class CodegenError(MinosError):
    """Something valid C that this back end cannot compile (named precisely)."""


class FunctionLowerer(ExprLowering, PlaceLowering, CondLowering, CallLowering, SwitchLowering):
    def __init__(self, unit, fdef, opt):
        self.unit = unit                 # the UnitContext (labels, rodata)
        self.fdef = fdef
        self.opt = opt
        self.fn = Function(fdef.name)
        self.fn.outgoing = 0
        self.vars = {}                   # Symbol uid -> Temp or Slot
        self.loops = []                  # (break label, continue label or None)
        self.user_labels = {}
        self.varargs_slot = None
        self.hidden_ret = None

    def new_label(self):
        return self.unit.new_label()

    def error(self, node, message):
        loc = getattr(node, "loc", None)
        where = f"{loc.file}:{loc.line}:{loc.col}: " if loc else ""
        raise CodegenError(f"{where}error: {message}")

    # --- variables --------------------------------------------------------------------
    def in_register(self, sym):
        t = sym.type
        return (self.opt >= 1 and sym.kind in (A.LOCAL, A.PARAM) and not sym.address_taken
                and t.is_scalar() and not t.volatile)

    def var_place(self, sym, type):
        if sym.kind in (A.GLOBAL, A.STATIC_LOCAL):
            return Place(type, base=sym.label)
        loc = self.vars.get(sym.uid)
        if loc is None:                       # declared in a block we have not reached
            loc = self.declare(sym)
        if isinstance(loc, Temp):
            return Place(type, temp=loc)
        return Place(type, base=loc)

    def declare(self, sym):
        if self.in_register(sym):
            loc = self.fn.temp(sym.name)
        else:
            # fp is 8-byte aligned, so stricter alignment cannot be honoured here.
            align = max(sym.type.align, min(sym.attrs.aligned or 1, 8))
            loc = self.fn.slot(sym.type.size, align, sym.name)
        self.vars[sym.uid] = loc
        return loc

    # --- the function -------------------------------------------------------------------
    def lower(self):
        fdef, fn = self.fdef, self.fn
        fn.is_static = not fdef.symbol.is_public
        fn.section = fdef.attrs.section
        fn.line, fn.file = fdef.loc.line, fdef.loc.file
        fn.ctype = fdef.symbol.type
        self.loc(fdef.loc)
        self.bind_params()
        self.stmt(fdef.body)
        if not fn.insns or fn.insns[-1].op != "ret":
            end = getattr(fdef.body, "end_loc", None) or fdef.end_loc
            self.loc(end)
            if fdef.name == "main":
                # Falling off main's end returns 0 (C99); elsewhere the value is undefined.
                self.fn.emit("ret", a=self.reg(0))
        # `return;` jumps here, so the optimiser can branch straight to the epilogue.
        fn.emit("label", label=ret_label(fn.name))
        fn.emit("ret", a=None)
        return fn

    def bind_params(self):
        """Receive the arguments: registers a0-a5, then the stack (docs/abi.md)."""
        fdef, fn = self.fdef, self.fn
        entry, after = [], []
        slot_no = 0
        if is_record(fdef.return_type):
            self.hidden_ret = fn.temp("retptr")
            entry.append((self.hidden_ret, A_REGS[0]))
            slot_no = 1
        for sym in fdef.params:
            t = sym.type
            incoming = None if slot_no < 6 else fn.slot(4, 4, sym.name + ".in", 8 + 4 * (slot_no - 6))
            if is_record(t):
                ptr = fn.temp(sym.name + ".ptr")
                if incoming is None:
                    entry.append((ptr, A_REGS[slot_no]))
                else:
                    after.append(("load", ptr, incoming))
                copy = fn.slot(t.size, t.align, sym.name)
                self.vars[sym.uid] = copy
                after.append(("copy", copy, ptr, t.size, t.align))
            elif self.in_register(sym):
                v = fn.temp(sym.name)
                self.vars[sym.uid] = v
                if incoming is None:
                    entry.append((v, A_REGS[slot_no]))
                else:
                    after.append(("load", v, incoming))
            elif incoming is not None:
                incoming.size, incoming.align, incoming.name = t.size, t.align, sym.name
                self.vars[sym.uid] = incoming
            else:
                v = fn.temp(sym.name + ".in")
                entry.append((v, A_REGS[slot_no]))
                s = fn.slot(t.size, t.align, sym.name)
                self.vars[sym.uid] = s
                after.append(("store", v, s, t.size))
            slot_no += 1
        if fdef.is_variadic:
            self.varargs_slot = fn.slot(4, 4, "...", 8 + 4 * max(0, slot_no - 6))
        fn.emit("entry", pairs=entry)
        for item in after:
            if item[0] == "load":
                fn.emit("load", d=item[1], base=item[2], off=0, size=4, signed=False)
            elif item[0] == "store":
                fn.emit("store", a=item[1], base=item[2], off=0, size=item[3])
            else:
                d = fn.temp()
                fn.emit("addr", d=d, base=item[1], off=0)
                self.block_copy(d, item[2], item[3], item[4])
        # Where a debugger stops for `break FUNC`: every parameter is now
        # where the debug info says it lives.
        fn.emit("label", label=body_label(fn.name))

    # --- statements -------------------------------------------------------------------
    def loc(self, loc):
        if loc is not None and loc.line:
            self.fn.emit("loc", line=loc.line, col=loc.col, file=loc.file)

    def stmt(self, s):
        if not isinstance(s, (A.Compound, A.Label, A.Case, A.Default)):
            self.loc(s.loc)
        getattr(self, "s_" + type(s).__name__)(s)

    def s_Compound(self, s):
        start = None
        if s.symbols:
            start = self.new_label()
            self.fn.emit("label", label=start)
        for item in s.items:
            self.stmt(item)
        if s.symbols:
            end = self.new_label()
            self.fn.emit("label", label=end)
            for sym in s.symbols:
                self.fn.vars.append((sym, start, end))

    def s_LocalDecl(self, s):
        sym = s.symbol
        place = self.var_place(sym, sym.type)
        init = s.init
        if init is None:
            return
        if place.temp is not None:
            value = init.items[0].expr if init.items else None
            self.store(place, self.expr(value) if value is not None else 0)
            return
        items = init.items
        if init.zero_fill and sum(item.type.size for item in items) < init.size:
            # Zero the whole object once, then store only the non-zero items.
            self.block_zero(self.addr_value(self.place_address(place)), init.size)
            items = [i for i in items if not (isinstance(i.expr, A.IntConst) and i.expr.value == 0)]
        for item in items:
            v = self.expr(item.expr)
            self.store(Place(item.type, base=place.base, off=place.off + item.offset), v)

    def s_ExprStmt(self, s):
        self.expr(s.expr)

    def s_If(self, s):
        other = self.new_label()
        self.branch(s.cond, other, False)
        self.stmt(s.then)
        if s.else_ is not None:
            end = self.new_label()
            self.fn.emit("jmp", label=end)
            self.fn.emit("label", label=other)
            self.stmt(s.else_)
            self.fn.emit("label", label=end)
        else:
            self.fn.emit("label", label=other)

    def loop(self, body, cond, cond_loc, step=None, test_first=True):
        """Rotated loop: the test sits at the bottom, so each iteration takes one
        branch. It is entered by a jump to the test (-O0), or at -O1 through a
        copy of the test that skips the loop (which saves that jump, and which
        opt.py removes when it can see the outcome: `for (i = 0; i < 10; ...`)."""
        top, cont, test, brk = (self.new_label() for _ in range(4))
        if test_first and cond is not None:
            if self.opt >= 1:
                self.loc(cond_loc)
                self.branch(cond, brk, False)
            else:
                self.fn.emit("jmp", label=test)
        self.fn.emit("label", label=top)
        self.loops.append((brk, cont))
        self.stmt(body)
        self.loops.pop()
        self.fn.emit("label", label=cont)
        if step is not None:
            self.loc(step.loc)
            self.expr(step)
        self.fn.emit("label", label=test)
        if cond is None:
            self.fn.emit("jmp", label=top)
        else:
            self.loc(cond_loc)
            self.branch(cond, top, True)
        self.fn.emit("label", label=brk)

    def s_While(self, s):
        self.loop(s.body, s.cond, s.cond.loc)

    def s_DoWhile(self, s):
        self.loop(s.body, s.cond, s.cond.loc, test_first=False)

    def s_For(self, s):
        start = None
        syms = []
        if s.init is not None:
            if isinstance(s.init, A.Compound):
                syms = s.init.symbols
                if syms:
                    start = self.new_label()
                    self.fn.emit("label", label=start)
                for item in s.init.items:
                    self.stmt(item)
            else:
                self.stmt(s.init)
        self.loop(s.body, s.cond, s.cond.loc if s.cond is not None else s.loc, s.step)
        if syms:
            end = self.new_label()
            self.fn.emit("label", label=end)
            for sym in syms:
                self.fn.vars.append((sym, start, end))

    def s_Break(self, s):
        self.fn.emit("jmp", label=self.loops[-1][0])

    def s_Continue(self, s):
        for brk, cont in reversed(self.loops):
            if cont is not None:
                self.fn.emit("jmp", label=cont)
                return

    def s_Return(self, s):
        if s.value is None:
            self.fn.emit("jmp", label=ret_label(self.fn.name))
            return
        v = self.expr(s.value)
        if self.hidden_ret is not None:
            self.block_copy(self.hidden_ret, v, s.value.type.size, s.value.type.align)
            self.fn.emit("ret", a=self.hidden_ret)
        else:
            self.fn.emit("ret", a=self.reg(v))

    def user_label(self, name):
        if name not in self.user_labels:
            self.user_labels[name] = self.new_label()
        return self.user_labels[name]

    def s_Goto(self, s):
        self.fn.emit("jmp", label=self.user_label(s.name))

    def s_Label(self, s):
        self.fn.emit("label", label=self.user_label(s.name))
        self.stmt(s.body)



def body_label(name):
    return f".Lbody.{name}"


def ret_label(name):
    return f".Lret.{name}"
