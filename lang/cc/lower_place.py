"""Lvalues: where a C object lives, and loading/storing it (a mixin of FunctionLowerer).

A Place is a register variable (a Temp) or a memory location (base, off):
base is a Temp holding an address, a frame Slot, or a symbol string, and
off is a byte offset (or, with a Temp base, a symbol expression: the
address is then symbol + the temp, one `lw rd, table+8(t0)`).
"""

from . import ast as A
from . import ctypes as ct
from .emit import sym_expr
from .ir import Temp


class Place:
    """An lvalue: a register variable or a memory location."""
    __slots__ = ("temp", "base", "off", "type")

    def __init__(self, type, temp=None, base=None, off=0):
        self.type, self.temp, self.base, self.off = type, temp, base, off


def add_offset(off, k):
    """A Place offset (an int, or a symbol expression text) plus k bytes."""
    if not k:
        return off
    if isinstance(off, str):
        return f"{off}+{k}" if k > 0 else f"{off}-{-k}"
    return off + k


def is_record(t):
    return t.is_record()


class PlaceLowering:
    def place(self, e):
        """The Place an lvalue expression designates."""
        if isinstance(e, A.Ident):
            return self.var_place(e.symbol, e.type)
        if self.opt and isinstance(e, (A.Deref, A.Member)):
            s = self.symbolic_lvalue(e)
            if s is not None:
                sym, off, index = s
                if index is None:
                    return Place(e.type, base=sym, off=off)
                # `lw rd, table+8(index)`: the symbol rides in the immediate.
                return Place(e.type, base=self.reg(index), off=sym_expr(sym, off))
        if isinstance(e, A.Deref):
            return self.addr_place(self.expr(e.pointer), e.type)
        if isinstance(e, A.Member):
            # A field is its record's place moved by the field offset: a local
            # struct's field is then simply `lw rd, OFFSET(fp)`.
            bp = self.place(e.base)
            return Place(e.type, base=bp.base, off=add_offset(bp.off, e.offset))
        if isinstance(e, A.StringLit):
            return Place(e.type, base=e.label)
        if isinstance(e, (A.Call, A.Cond, A.Comma, A.Assign, A.VaArg)) and is_record(e.type):
            return Place(e.type, base=self.expr(e))
        raise AssertionError(f"not an lvalue: {e!r}")

    def symbolic_address(self, e):
        """For an address into a static object: (label, offset, index operand
        or None); None when e is not such an address. Evaluates nothing then."""
        if isinstance(e, A.Cast) and e.kind == "decay":
            return self.symbolic_lvalue(e.expr)
        if isinstance(e, A.AddrOf):
            return self.symbolic_lvalue(e.operand)
        return None

    def symbolic_lvalue(self, e):
        if isinstance(e, A.Ident) and e.symbol.kind in (A.GLOBAL, A.STATIC_LOCAL):
            return (e.symbol.label, 0, None)
        if isinstance(e, A.StringLit):
            return (e.label, 0, None)
        if isinstance(e, A.Member):
            inner = self.symbolic_lvalue(e.base)
            return None if inner is None else (inner[0], inner[1] + e.offset, inner[2])
        if isinstance(e, A.Deref) and isinstance(e.pointer, A.PtrAdd):
            inner = self.symbolic_address(e.pointer.pointer)
            if inner is None:
                return None
            sym, off, index = inner
            k = self.arith("mul", self.expr(e.pointer.index), e.pointer.scale, ct.INT)
            if isinstance(k, int):
                return (sym, off + k, index)
            return (sym, off, k if index is None else self.arith("add", index, k, ct.UINT))
        return None

    def addr_place(self, addr, type, off=0):
        """A Place for memory at address operand addr (+ off)."""
        if isinstance(addr, int):
            # A constant address (a device register): `lw rd, ADDR(zero)`.
            return Place(type, base=str((addr + off) & 0xFFFFFFFF))
        if isinstance(addr, tuple):              # (symbol, offset) from address_of
            return Place(type, base=addr[0], off=addr[1] + off)
        return Place(type, base=addr, off=off)

    def address_of(self, e):
        """The address of an lvalue (or function): a Temp, or (symbol, offset)."""
        if isinstance(e, A.Ident) and e.symbol.kind == A.FUNCTION:
            return (e.symbol.label, 0)
        if isinstance(e, A.Deref) and e.type.is_function():
            return self.expr(e.pointer)
        p = self.place(e)
        return self.place_address(p)

    def place_address(self, p):
        if p.temp is not None:
            raise AssertionError("address of a register variable")
        if isinstance(p.base, str):
            return (p.base, p.off)
        if isinstance(p.base, Temp):
            return self.arith("add", p.base, p.off, ct.UINT) if p.off else p.base
        d = self.fn.temp()
        self.fn.emit("addr", d=d, base=p.base, off=p.off)
        return d

    def addr_value(self, a):
        """An address_of result as an operand (materialising a symbol address)."""
        if isinstance(a, tuple):
            d = self.fn.temp()
            self.fn.emit("addr", d=d, base=a[0], off=a[1])
            return d
        return a

    def load(self, p):
        if p.temp is not None:
            return p.temp
        t = p.type
        if is_record(t) or t.is_array():
            return self.addr_value(self.place_address(p))
        d = self.fn.temp()
        self.fn.emit("load", d=d, base=p.base, off=p.off, size=t.size, signed=t.is_signed(),
                     volatile=bool(t.volatile))
        return d

    def store(self, p, v):
        """Store operand v into place p; records are copied from address v."""
        t = p.type
        if p.temp is not None:
            self.fn.emit("mov", d=p.temp, a=self.reg(v)) if isinstance(v, Temp) else \
                self.fn.emit("li", d=p.temp, imm=v)
            return
        if is_record(t):
            self.block_copy(self.addr_value(self.place_address(p)), v, t.size, t.align)
            return
        self.fn.emit("store", a=self.reg(v) if v != 0 else 0, base=p.base, off=p.off,
                     size=t.size, volatile=bool(t.volatile))

    # --- expressions ----------------------------------------------------------------
