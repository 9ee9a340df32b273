"""Lowering expressions of the typed AST to IR (a mixin of FunctionLowerer).

expr(e) returns an *operand*: a Temp, or a Python int when the value is a
known constant (that is how constant folding happens: operations on two
ints are computed here, and an int operand becomes an instruction's
immediate). A record (struct/union) value is represented by its address.

Lvalues are Places (lower_place.py); conditions are branches
(lower_cond.py); calls are in lower_call.py.
"""

from . import ast as A
from . import ctypes as ct
from .fold import fold_binary, wrap
from .ir import Temp
from .lower_place import Place, is_record


ALU = {"+": "add", "-": "sub", "*": "mul", "&": "and", "|": "or", "^": "xor", "<<": "shl"}


def log2(n):
    return n.bit_length() - 1 if n > 0 and n & (n - 1) == 0 else None


class ExprLowering:
    # --- small helpers ----------------------------------------------------------
    def reg(self, v):
        """v as a Temp (materialising a constant)."""
        if isinstance(v, Temp):
            return v
        t = self.fn.temp()
        self.fn.emit("li", d=t, imm=v)
        return t

    def binop(self, alu, a, b, name=""):
        d = self.fn.temp(name)
        if not isinstance(a, Temp) and isinstance(b, Temp) and alu in ("add", "mul", "and", "or", "xor", "seq", "sne"):
            a, b = b, a              # commutative: put the constant on the right
        self.fn.emit("bin", d=d, a=self.reg(a) if not isinstance(a, Temp) and a != 0 else a,
                     b=b, alu=alu)
        return d

    def arith(self, alu, a, b, type):
        """a ALU b in type, folding constants and using cheaper forms at -O1."""
        if isinstance(a, int) and isinstance(b, int):
            folded = fold_binary(alu, a, b, type)
            if folded is not None:
                return folded
        if self.opt and isinstance(b, int):
            if b == 0 and alu in ("add", "sub", "or", "xor", "shl", "shr", "sar"):
                return a
            if alu == "mul":
                if b == 1:
                    return a
                if b == 0:
                    return 0
                k = log2(b)
                if k is not None:
                    alu, b = "shl", k
            elif alu in ("divu", "remu") and log2(b) is not None:
                alu, b = ("shr", log2(b)) if alu == "divu" else ("and", b - 1)
        return self.binop(alu, a, b)

    def extend(self, v, type):
        """Truncate a 32-bit value to an integer type and re-extend it."""
        if isinstance(v, int):
            return wrap(v, type)
        if not type.is_integer() or type.size >= 4:
            return v
        bits = 32 - 8 * type.size
        if isinstance(type, ct.BoolType):
            return v
        if not type.signed:
            return self.binop("and", v, (1 << (8 * type.size)) - 1)
        return self.binop("sar", self.binop("shl", v, bits), bits)

    # --- places (lvalues) -----------------------------------------------------------

    def expr(self, e):
        return getattr(self, "x_" + type(e).__name__)(e)

    def x_IntConst(self, e):
        return wrap(e.value, e.type) if e.type.is_integer() else e.value & 0xFFFFFFFF

    def x_StringLit(self, e):
        return self.addr_value((e.label, 0))

    def x_AddressConst(self, e):
        return self.addr_value((e.label, e.offset))

    def x_Ident(self, e):
        if e.symbol.kind == A.FUNCTION:
            return self.addr_value((e.symbol.label, 0))
        return self.load(self.var_place(e.symbol, e.type))

    def x_Deref(self, e):
        if e.type.is_function():
            return self.expr(e.pointer)
        return self.load(self.place(e))

    def x_Member(self, e):
        return self.load(self.place(e))

    def x_AddrOf(self, e):
        return self.addr_value(self.address_of(e.operand))

    def x_Cast(self, e):
        k = e.kind
        if k == "decay":
            return self.addr_value(self.address_of(e.expr))
        src = e.expr.type
        if (k == "int" and e.type.is_integer() and not isinstance(e.type, ct.BoolType)
                and src.is_integer() and src.size == e.type.size < 4 and e.expr.is_lvalue):
            # `(unsigned char)*p`: load with the wanted extension directly.
            p = self.place(e.expr)
            if p.temp is None:
                return self.load(Place(e.type.qualified(volatile=src.volatile),
                                       base=p.base, off=p.off))
            v = p.temp
        else:
            v = self.expr(e.expr)
        if k == "void":
            return 0
        if k == "int" and e.type.is_integer():
            if isinstance(v, int):
                return wrap(v, e.type)
            if e.type.size >= 4 or isinstance(e.type, ct.BoolType):
                return v
            if src.is_integer() and (src.size < e.type.size and (not src.is_signed() or e.type.signed)
                                     or src.size == e.type.size and src.is_signed() == e.type.signed):
                return v
            return self.extend(v, e.type)
        return v

    def x_Unary(self, e):
        v = self.expr(e.operand)
        if e.op == "-":
            return self.arith("sub", 0, v, e.type) if not isinstance(v, int) else wrap(-v, e.type)
        if e.op == "~":
            return wrap(~v, e.type) if isinstance(v, int) else self.binop("xor", v, -1)
        if e.op == "!":
            return int(v == 0) if isinstance(v, int) else self.binop("seq", v, 0)
        if e.op == "+":
            return v
        raise AssertionError(f"unary {e.op}")

    def x_Binary(self, e):
        a, b = self.expr(e.left), self.expr(e.right)
        op = e.op
        if op in ALU:
            alu = ALU[op]
        elif op == "/":
            alu = "div" if e.signed else "divu"
        elif op == "%":
            alu = "rem" if e.signed else "remu"
        elif op == ">>":
            alu = "sar" if e.signed else "shr"
        else:
            raise AssertionError(f"binary {op}")
        return self.arith(alu, a, b, e.type)

    def x_PtrAdd(self, e):
        return self.ptr_offset("add", e)

    def x_PtrSub(self, e):
        return self.ptr_offset("sub", e)

    def ptr_offset(self, alu, e):
        p = self.expr(e.pointer)
        i = self.expr(e.index)
        off = self.arith("mul", i, e.scale, ct.UINT)
        return self.arith(alu, p, off, ct.UINT)

    def x_PtrDiff(self, e):
        d = self.arith("sub", self.expr(e.left), self.expr(e.right), ct.INT)
        if e.scale == 1:
            return d
        k = log2(e.scale)
        if k is not None:                 # exact division: a shift is enough
            return self.arith("sar", d, k, ct.INT)
        return self.arith("div", d, e.scale, ct.INT)

    def x_Assign(self, e):
        p = self.place(e.target)
        if isinstance(e.value, A.Call) and is_record(e.type):
            # `s = f()`: f writes its result straight into s. Safe because a
            # callee stores into the result buffer only when it returns.
            addr = self.addr_value(self.place_address(p))
            self.x_Call(e.value, result=addr)
            return addr
        v = self.expr(e.value)
        self.store(p, v)
        if is_record(e.type):
            return self.addr_value(self.place_address(p))
        return p.temp if p.temp is not None else v

    def x_CompoundAssign(self, e):
        p = self.place(e.target)
        old = self.load(p)
        v = self.expr(e.value)
        if e.scale is not None:
            new = self.arith("add" if e.op == "+" else "sub", old,
                             self.arith("mul", v, e.scale, ct.UINT), ct.UINT)
        else:
            op = e.op
            if op in ALU:
                alu = ALU[op]
            else:
                alu = {"/": ("div", "divu"), "%": ("rem", "remu"),
                       ">>": ("sar", "shr")}[op][0 if e.signed else 1]
            new = self.arith(alu, old, v, e.op_type)
            if isinstance(e.type, ct.BoolType):
                new = self.binop("sne", self.reg(new), 0)
            else:
                new = self.extend(new, e.type)
        self.store(p, new)
        return p.temp if p.temp is not None else new

    def x_IncDec(self, e):
        p = self.place(e.target)
        old = self.load(p)
        if p.temp is not None and not e.prefix:
            # The variable's register is about to change: keep the old value
            # (dead-code removal drops this copy when nobody reads it).
            saved = self.fn.temp()
            self.fn.emit("mov", d=saved, a=old)
            result = saved
        else:
            result = old
        if isinstance(e.type, ct.BoolType):
            new = 1 if e.op == "++" else self.binop("xor", old, 1)
        else:
            new = self.arith("add" if e.op == "++" else "sub", old, e.scale, ct.UINT)
            if e.type.is_integer():
                new = self.extend(new, e.type)
        self.store(p, new)
        if e.prefix:
            return p.temp if p.temp is not None else new
        return result

    def x_Comma(self, e):
        self.expr(e.left)
        return self.expr(e.right)

    # --- varargs (docs/abi.md) -------------------------------------------------------
    def x_VaStart(self, e):
        p = self.place(e.ap)
        d = self.fn.temp("va")
        self.fn.emit("addr", d=d, base=self.varargs_slot, off=0)
        self.store(p, d)
        return 0

    def x_VaArg(self, e):
        p = self.place(e.ap)
        ptr = self.reg(self.load(p))
        size = (e.type.size + 3) // 4 * 4
        nxt = self.arith("add", ptr, size, ct.UINT)
        if is_record(e.type):
            copy = self.fn.slot(e.type.size, e.type.align, "va_arg")
            d = self.fn.temp()
            self.fn.emit("addr", d=d, base=copy, off=0)
            self.block_copy(d, ptr, e.type.size, e.type.align)
            self.store(p, nxt)
            return d
        v = self.load(Place(e.type, base=ptr, off=0))
        self.store(p, nxt)
        return v

    def x_VaEnd(self, e):
        self.expr(e.ap)
        return 0

    def x_VaCopy(self, e):
        self.store(self.place(e.dest), self.expr(e.src))
        return 0
