"""Semantic analysis, part 2: expressions.

Each parse-tree expression becomes a typed ast node. This is where C's
conversion rules live, and every one of them becomes an explicit node:
integer promotions and the usual arithmetic conversions (Cast), array and
function decay (Cast kind 'decay'), pointer arithmetic (PtrAdd / PtrSub /
PtrDiff with the element size), and the conversions "as if by assignment"
for =, arguments and return values.

    expr(n)   the typed expression, NOT decayed (sizeof and & need that)
    value(n)  the expression used as a value: arrays and functions decayed
"""

from . import ast as A
from . import ctypes as T
from . import constexpr
from .sema_types import Typedef

_ARITH_OPS = {"*", "/", "%", "+", "-", "<<", ">>", "&", "^", "|"}
_COMPARE_OPS = {"==", "!=", "<", ">", "<=", ">="}
_VA_BUILTINS = {"__builtin_va_start", "__builtin_va_end", "__builtin_va_copy"}


def is_modifiable(e):
    t = e.type
    return e.is_lvalue and not t.is_array() and not t.const and not _has_const_member(t)


def _has_const_member(t):
    if not t.is_record():
        return False
    return any(f.type.const or _has_const_member(f.type) for f in t.fields)


def _root_ident(e):
    """The variable an lvalue like a.b.c or a[2] (a an array) lives in."""
    while True:
        if isinstance(e, A.Ident):
            return e
        if isinstance(e, A.Member):
            e = e.base
        elif isinstance(e, A.Deref) and isinstance(e.pointer, (A.PtrAdd, A.PtrSub)) \
                and isinstance(e.pointer.pointer, A.Cast) and e.pointer.pointer.kind == "decay":
            e = e.pointer.pointer.expr
        else:
            return None


class ExprMixin:
    # -- entry points --
    def expr(self, n):
        return getattr(self, "e_" + n.kind)(n)

    def value(self, n):
        return self.decay(self.expr(n))

    def decay(self, e):
        t = e.type
        if t.is_array():
            return A.Cast(e, T.PointerType(t.elem), "decay")
        if t.is_function():
            return A.Cast(e, T.PointerType(t), "decay")
        return e

    def scalar(self, n, what="scalar"):
        """A condition: any scalar value (tested against zero later)."""
        e = self.value(n)
        if not e.type.is_scalar():
            self.error(f"used '{e.type}' where a scalar is required", n.loc)
        return e

    # -- conversions --
    def convert(self, e, t, explicit=False, loc=None):
        """e (a value) converted to type t (scalar, void or the same record)."""
        src = e.type
        tu = t.unqualified()
        if tu.is_void():
            return A.Cast(e, tu, "void", explicit, loc)
        if src.unqualified() == tu:
            return e
        if isinstance(tu, T.BoolType):
            if isinstance(e, A.IntConst):
                return A.IntConst(int(e.value != 0), tu, e.loc)
            zero = self.null_for(src, e.loc)
            test = A.Compare("!=", e, zero, T.INT, e.loc)
            return A.Cast(test, tu, "int", explicit, loc)
        if tu.is_integer():
            if isinstance(e, A.IntConst):
                return A.IntConst(tu.wrap(e.value), tu, e.loc)
            return A.Cast(e, tu, "int", explicit, loc)
        if tu.is_pointer():
            return A.Cast(e, tu, "ptr", explicit, loc)
        return A.Cast(e, tu, "noop", explicit, loc)

    def null_for(self, t, loc):
        """A zero of type t (for `x != 0` tests)."""
        if t.is_pointer():
            return A.Cast(A.IntConst(0, T.INT, loc), t.unqualified(), "ptr", False, loc)
        return A.IntConst(0, T.promote(t), loc)

    def promote(self, e):
        return self.convert(e, T.promote(e.type))

    def is_null_const(self, e):
        t = e.type
        if t.is_integer():
            return constexpr.try_fold(e) == 0
        if t.is_pointer() and t.target.is_void() and isinstance(e, A.Cast) and e.kind == "ptr" \
                and e.expr.type.is_integer():
            return constexpr.try_fold(e.expr) == 0
        return False

    def assign_convert(self, e, t, complain, loc=None):
        """Convert value e for storing into type t (C's "as if by assignment").

        `complain()` returns the error message for incompatible types."""
        src, dst = e.type.unqualified(), t.unqualified()
        if dst.is_arithmetic() and src.is_arithmetic():
            return self.convert(e, dst)
        if isinstance(dst, T.BoolType) and src.is_pointer():
            return self.convert(e, dst)
        if dst.is_record() and src.is_record() and dst == src:
            return e
        if dst.is_pointer():
            if src.is_pointer():
                self.check_pointer_assign(dst, src, e.loc)
                return self.convert(e, dst)
            if self.is_null_const(e):
                return self.convert(e, dst)
        if src.is_void():
            self.error("void value not ignored as it ought to be", loc or e.loc)
        self.error(complain(), loc or e.loc)

    def check_pointer_assign(self, dst, src, loc):
        dt, st = dst.target, src.target
        if (st.const and not dt.const) or (st.volatile and not dt.volatile):
            q = "const" if st.const and not dt.const else "volatile"
            self.warning(f"conversion from '{src}' to '{dst}' discards '{q}' qualifier", loc)
        if dt.is_void() or st.is_void():
            return
        if dt.is_integer() and st.is_integer() and dt.size == st.size:
            return          # char * vs unsigned char *: only signedness differs (no warning, as gcc)
        if not T.compatible(dt.unqualified(), st.unqualified()):
            self.warning(f"incompatible pointer types: '{dst}' from '{src}'", loc)

    # -- primary expressions --
    def e_ident(self, n):
        entry = self.lookup(n.name)
        if entry is None:
            if n.name in ("__func__", "__FUNCTION__") and self.function is not None:
                return self.string_literal(self.function.name.encode(), n.loc)   # C99 6.4.2.2
            self.error(f"undeclared identifier '{n.name}'", n.loc)
        if isinstance(entry, Typedef):
            self.error(f"unexpected type name '{n.name}': expected expression", n.loc)
        entry.used = True
        if entry.kind == A.ENUM_CONST:
            return A.IntConst(entry.value, T.INT, n.loc)
        return A.Ident(entry, n.loc)

    def e_int(self, n):
        return A.IntConst(n.value, _INT_TYPES[n.tname], n.loc)

    def e_char(self, n):
        return A.IntConst(n.value, T.INT, n.loc)

    def e_string(self, n):
        return self.string_literal(n.data, n.loc)

    def string_literal(self, data, loc):
        data = data + b"\0"
        lit = self.strings.get(data)
        label = lit.label if lit is not None else f".Lstr{len(self.strings)}"
        node = A.StringLit(data, T.ArrayType(T.CHAR, len(data)), label, loc)
        if lit is None:
            self.strings[data] = node
            self.tu.strings.append(node)
        return node

    # -- operators --
    def e_binary(self, n):
        op = n.op
        left = self.value(n.left)
        right = self.value(n.right)
        return self.binary(op, left, right, n.loc)

    def binary(self, op, left, right, loc):
        lt, rt = left.type, right.type
        if op in ("&&", "||"):
            if not lt.is_scalar() or not rt.is_scalar():
                self.bad_operands(op, lt, rt, loc)
            folded = self.fold(A.Logical(op, left, right, T.INT, loc))
            return folded
        if op in _COMPARE_OPS:
            return self.comparison(op, left, right, loc)
        if op == "+":
            if lt.is_pointer() and rt.is_integer():
                return self.ptr_offset(A.PtrAdd, left, right, loc)
            if lt.is_integer() and rt.is_pointer():
                return self.ptr_offset(A.PtrAdd, right, left, loc)
        if op == "-":
            if lt.is_pointer() and rt.is_integer():
                return self.ptr_offset(A.PtrSub, left, right, loc)
            if lt.is_pointer() and rt.is_pointer():
                return self.ptr_diff(left, right, loc)
        if not lt.is_integer() or not rt.is_integer():
            self.bad_operands(op, lt, rt, loc)
        if op in ("<<", ">>"):
            left, right = self.promote(left), self.promote(right)
            self.check_shift_count(op, left.type, right, loc)
            return self.fold(A.Binary(op, left, right, left.type, loc))
        if op in ("/", "%"):
            self.check_divisor(right, loc)
        ct = T.usual_arithmetic(lt, rt)
        return self.fold(A.Binary(op, self.convert(left, ct), self.convert(right, ct), ct, loc))

    def check_shift_count(self, op, t, count, loc):
        """Warn, as gcc does, of a constant shift count outside 0..width-1
        (the machine uses only its low 5 bits)."""
        n = constexpr.try_fold(count)
        side = "left" if op.startswith("<<") else "right"
        if n is not None and n < 0:
            self.warning(f"{side} shift count is negative", loc)
        elif n is not None and n >= 8 * t.size:
            self.warning(f"{side} shift count >= width of type", loc)

    def check_divisor(self, divisor, loc):
        """Warn of a division by a constant 0 (an error where the value
        must be constant: constexpr.py)."""
        if constexpr.try_fold(divisor) == 0:
            self.warning("division by zero", loc)

    def bad_operands(self, op, lt, rt, loc):
        self.error(f"invalid operands to binary {op} ('{lt}' and '{rt}')", loc)

    def fold(self, e):
        """Replace an operator on constants by its value (not on division by zero)."""
        v = constexpr.try_fold(e)
        if v is None:
            return e
        return A.IntConst(v, e.type, e.loc)

    def element_size(self, ptype, loc, op):
        target = ptype.target
        if target.is_void():
            return 1                                  # GNU C: void * arithmetic counts bytes
        if target.is_function():
            self.error(f"invalid operands to binary {op}: pointer to a function", loc)
        if not target.is_complete():
            self.error(f"arithmetic on pointer to incomplete type '{target}'", loc)
        return target.size

    def ptr_offset(self, cls, ptr, index, loc):
        scale = self.element_size(ptr.type, loc, "+" if cls is A.PtrAdd else "-")
        return cls(ptr, self.promote(index), scale, loc)

    def ptr_diff(self, left, right, loc):
        lt, rt = left.type, right.type
        if not T.compatible(lt.target.unqualified(), rt.target.unqualified()):
            self.bad_operands("-", lt, rt, loc)
        scale = self.element_size(lt, loc, "-")
        return A.PtrDiff(left, right, scale, T.INT, loc)

    def comparison(self, op, left, right, loc):
        lt, rt = left.type, right.type
        if lt.is_arithmetic() and rt.is_arithmetic():
            ct = T.usual_arithmetic(lt, rt)
            return self.fold(A.Compare(op, self.convert(left, ct), self.convert(right, ct), T.INT, loc))
        if lt.is_pointer() and rt.is_pointer():
            lv, rv = lt.target, rt.target
            if not (lv.is_void() or rv.is_void()
                    or T.compatible(lv.unqualified(), rv.unqualified())):
                self.warning(f"comparison of distinct pointer types ('{lt}' and '{rt}')", loc)
            return A.Compare(op, left, self.convert(right, lt), T.INT, loc)
        if lt.is_pointer() and rt.is_integer():
            if not self.is_null_const(right):
                self.warning("comparison between pointer and integer", loc)
            return A.Compare(op, left, self.convert(right, lt), T.INT, loc)
        if lt.is_integer() and rt.is_pointer():
            if not self.is_null_const(left):
                self.warning("comparison between pointer and integer", loc)
            return A.Compare(op, self.convert(left, rt), right, T.INT, loc)
        self.bad_operands(op, lt, rt, loc)

    def e_unary(self, n):
        op = n.op
        if op == "&":
            return self.address_of(n)
        if op == "*":
            return self.deref(self.value(n.expr), n.loc)
        e = self.value(n.expr)
        t = e.type
        if op == "!":
            if not t.is_scalar():
                self.error(f"invalid operand to unary ! ('{t}')", n.loc)
            return self.fold(A.Unary("!", e, T.INT, n.loc))
        if not t.is_integer():
            self.error(f"invalid operand to unary {op} ('{t}')", n.loc)
        e = self.promote(e)
        if op == "+":
            return e
        return self.fold(A.Unary(op, e, e.type, n.loc))

    def deref(self, p, loc):
        t = p.type
        if not t.is_pointer():
            self.error(f"cannot dereference non-pointer type '{t}'", loc)
        target = t.target
        if target.is_record() and not target.is_complete():
            self.error(f"dereferencing pointer to incomplete type '{target}'", loc)
        return A.Deref(p, loc)

    def address_of(self, n):
        inner = n.expr
        if inner.kind == "unary" and inner.op == "*":
            p = self.value(inner.expr)                # &*p is p (no access happens)
            if not p.type.is_pointer():
                self.error(f"cannot dereference non-pointer type '{p.type}'", inner.loc)
            return p
        e = self.expr(inner)
        if not e.is_lvalue and not e.type.is_function():
            self.error("lvalue required as operand of '&'", n.loc)
        root = _root_ident(e)
        if root is not None:
            root.symbol.address_taken = True
        return A.AddrOf(e, T.PointerType(e.type), n.loc)

    def e_preinc(self, n):
        return self.incdec(n, True)

    def e_postinc(self, n):
        return self.incdec(n, False)

    def incdec(self, n, prefix):
        e = self.expr(n.expr)
        if not e.is_lvalue:
            self.error(f"lvalue required as operand of '{n.op}'", n.loc)
        t = e.type
        if t.is_pointer():
            scale = self.element_size(t, n.loc, n.op[0])
        elif t.is_integer():
            scale = 1
        else:
            self.error(f"invalid operand to unary {n.op} ('{t}')", n.loc)
        self.check_writable(e, n.loc)
        return A.IncDec(n.op, prefix, e, scale, n.loc)

    def check_writable(self, e, loc):
        if is_modifiable(e):
            return
        if e.type.is_array():
            self.error("assignment to expression with array type", loc)
        if isinstance(e, A.Ident):
            self.error(f"assignment of read-only variable '{e.symbol.name}'", loc)
        if isinstance(e, A.Member):
            self.error(f"assignment of read-only member '{e.field.name}'", loc)
        self.error("assignment of read-only location", loc)

    def e_assign(self, n):
        target = self.expr(n.target)
        if not target.is_lvalue:
            self.error("lvalue required as left operand of assignment", n.loc)
        self.check_writable(target, n.loc)
        value = self.value(n.value)
        tt = target.type
        if n.op == "=":
            v = self.assign_convert(value, tt, lambda: (
                f"incompatible types when assigning to '{tt.unqualified()}' from '{value.type}'"),
                n.loc)
            return A.Assign(target, v, n.loc)
        op = n.op[:-1]
        vt = value.type
        if tt.is_pointer() and op in ("+", "-") and vt.is_integer():
            scale = self.element_size(tt, n.loc, op)
            return A.CompoundAssign(op, target, self.promote(value), None, scale, n.loc)
        if not tt.is_integer() or not vt.is_integer():
            self.bad_operands(op, tt.unqualified(), vt, n.loc)
        if op in ("<<", ">>"):
            ct = T.promote(tt)
            value = self.promote(value)
            self.check_shift_count(op, ct, value, n.loc)
        else:
            if op in ("/", "%"):
                self.check_divisor(value, n.loc)
            ct = T.usual_arithmetic(tt, vt)
            value = self.convert(value, ct)
        return A.CompoundAssign(op, target, value, ct, None, n.loc)

    def e_cond(self, n):
        c = self.scalar(n.cond)
        a = self.value(n.then)
        b = self.value(n.else_)
        at, bt = a.type.unqualified(), b.type.unqualified()
        if at.is_arithmetic() and bt.is_arithmetic():
            t = T.usual_arithmetic(at, bt)
        elif at.is_void() and bt.is_void():
            t = T.VOID
        elif at.is_record() and at == bt:
            t = at
        elif at.is_pointer() and bt.is_pointer():
            t = self.common_pointer(at, bt, n.loc)
        elif at.is_pointer() and self.is_null_const(b):
            t = at
        elif bt.is_pointer() and self.is_null_const(a):
            t = bt
        else:
            self.error(f"type mismatch in conditional expression ('{at}' and '{bt}')", n.loc)
        if not t.is_record():
            a, b = self.convert(a, t), self.convert(b, t)
        return A.Cond(c, a, b, t, n.loc)

    def common_pointer(self, at, bt, loc):
        ta, tb = at.target, bt.target
        const = ta.const or tb.const
        volatile = ta.volatile or tb.volatile
        if ta.is_void() or tb.is_void():
            base = T.VOID
        else:
            if not T.compatible(ta.unqualified(), tb.unqualified()):
                self.warning("pointer type mismatch in conditional expression", loc)
            base = ta.unqualified()
        return T.PointerType(base.qualified(const, volatile))

    def e_comma(self, n):
        left = self.value(n.left)
        right = self.value(n.right)
        return A.Comma(left, right, n.loc)

    def e_cast(self, n):
        t = self.type_name(n.tname)
        e = self.value(n.expr)
        src = e.type
        tu = t.unqualified()
        if tu.is_void():
            return A.Cast(e, tu, "void", True, n.loc)
        if not tu.is_scalar():
            if tu.is_record() and tu == src.unqualified():
                return e
            self.error(f"conversion to non-scalar type '{tu}' requested", n.loc)
        if not src.is_scalar():
            self.error(f"cannot convert '{src}' to '{tu}'", n.loc)
        out = self.convert(e, tu, explicit=True, loc=n.loc)
        if out is e:                                  # same type: keep a marker cast
            return A.Cast(e, tu, "noop", True, n.loc)
        return out

    def e_sizeof_expr(self, n):
        e = self.expr(n.expr)
        return self.size_of(e.type, n.loc)

    def e_sizeof_type(self, n):
        return self.size_of(self.type_name(n.tname), n.loc)

    def size_of(self, t, loc):
        if t.is_function():
            self.error("invalid application of 'sizeof' to a function type", loc)
        if not t.is_complete():
            self.error(f"sizeof applied to incomplete type '{t}'", loc)
        return A.IntConst(t.size, T.UINT, loc)

    def e_alignof(self, n):
        t = self.type_name(n.tname)
        if not t.is_complete():
            self.error(f"alignof applied to incomplete type '{t}'", n.loc)
        return A.IntConst(t.align, T.UINT, n.loc)

    def e_index(self, n):
        a = self.value(n.expr)
        i = self.value(n.index)
        if a.type.is_integer() and i.type.is_pointer():
            a, i = i, a
        if not a.type.is_pointer():
            self.error("subscripted value is not an array or pointer", n.loc)
        if not i.type.is_integer():
            self.error("array subscript is not an integer", n.index.loc)
        p = self.ptr_offset(A.PtrAdd, a, i, n.loc)
        return self.deref(p, n.loc)

    def e_member(self, n):
        base = self.expr(n.expr)
        if n.arrow:
            base = self.decay(base)
            t = base.type
            if not (t.is_pointer() and t.target.is_record()):
                self.error(f"invalid type argument of '->' (have '{t}')", n.loc)
            base = self.deref(base, n.loc)
        t = base.type
        if not t.is_record():
            self.error(f"request for member '{n.name}' in something not a structure or union", n.loc)
        if not t.is_complete():
            self.error(f"dereferencing pointer to incomplete type '{t.unqualified()}'", n.loc)
        field = t.field(n.name)
        if field is None:
            self.error(f"'{t.unqualified()}' has no member named '{n.name}'", n.loc)
        return A.Member(base, field, n.loc)

    def e_offsetof(self, n):
        t = self.type_name(n.tname)
        offset = 0
        for step in n.path:
            if step[0] == "field":
                if not t.is_record() or not t.is_complete():
                    self.error(f"'{t}' is not a complete structure or union", step[2])
                f = t.field(step[1])
                if f is None:
                    self.error(f"'{t.unqualified()}' has no member named '{step[1]}'", step[2])
                offset += f.offset
                t = f.type
            else:
                if not t.is_array():
                    self.error("subscripted value is not an array or pointer", step[2])
                e = self.value(step[1])
                v = constexpr.eval_int(e)
                if v is None:
                    self.error("array index in offsetof is not a constant", step[2])
                offset += v * t.elem.size
                t = t.elem
        return A.IntConst(offset, T.UINT, n.loc)

    # -- calls --
    def e_call(self, n):
        f = n.func
        if f.kind == "ident" and self.lookup(f.name) is None:
            if f.name in _VA_BUILTINS:
                return self.va_builtin(n)
            if f.name == "__builtin_expect" and len(n.args) == 2:
                self.value(n.args[1])                  # a hint for optimisers: just the value
                e = self.value(n.args[0])
                return self.promote(e) if e.type.is_integer() else e
            self.error(f"implicit declaration of function '{f.name}'", f.loc)
        func = self.value(f)
        ft = func.type
        if not (ft.is_pointer() and ft.target.is_function()):
            self.error("called object is not a function", n.loc)
        ftype = ft.target
        name = _callee_name(func)
        args = [self.value(a) for a in n.args]
        params = ftype.params
        if ftype.prototyped:
            if len(args) < len(params):
                self.error(f"too few arguments to function '{name}' "
                           f"(expected {len(params)}, got {len(args)})", n.loc)
            if len(args) > len(params) and not ftype.variadic:
                self.error(f"too many arguments to function '{name}' "
                           f"(expected {len(params)}, got {len(args)})", n.loc)
        out = []
        for i, a in enumerate(args):
            if i < len(params):
                pt = params[i]
                out.append(self.assign_convert(a, pt, lambda: (
                    f"incompatible type for argument {i + 1} of '{name}': "
                    f"expected '{pt.unqualified()}', got '{a.type}'")))
            else:
                if a.type.is_void():
                    self.error("invalid use of void expression", a.loc)
                out.append(self.promote(a) if a.type.is_integer() else a)
        return A.Call(func, out, _direct_callee(func), n.loc)

    def va_builtin(self, n):
        name = n.func.name
        nargs = {"__builtin_va_start": 2, "__builtin_va_end": 1, "__builtin_va_copy": 2}[name]
        if len(n.args) != nargs:
            self.error(f"wrong number of arguments to function '{name}'", n.loc)
        ap = self.va_list_lvalue(n.args[0], name)
        if name == "__builtin_va_end":
            return A.VaEnd(ap, T.VOID, n.loc)
        if name == "__builtin_va_copy":
            src = self.value(n.args[1])
            if not src.type.is_pointer():
                self.error("second argument to 'va_copy' is not of type 'va_list'", n.args[1].loc)
            return A.VaCopy(ap, src, T.VOID, n.loc)
        fn = self.function
        if fn is None or not fn.symbol.type.variadic:
            self.error("'va_start' used in function with fixed arguments", n.loc)
        last = self.expr(n.args[1])
        if not (isinstance(last, A.Ident) and fn.params and last.symbol is fn.params[-1]):
            self.error("second argument of 'va_start' is not the last named parameter",
                       n.args[1].loc)
        return A.VaStart(ap, last.symbol, T.VOID, n.loc)

    def va_list_lvalue(self, n, name):
        ap = self.expr(n)
        if not ap.is_lvalue or not ap.type.is_pointer():
            self.error(f"first argument to '{name}' is not a 'va_list' variable", n.loc)
        return ap

    def e_va_arg(self, n):
        ap = self.va_list_lvalue(n.expr, "va_arg")
        t = self.type_name(n.tname)
        if not t.is_complete() or t.is_array():
            self.error(f"invalid type '{t}' for 'va_arg'", n.loc)
        return A.VaArg(ap, t.unqualified(), n.loc)


def _callee_name(func):
    e = func
    while isinstance(e, (A.Cast, A.Deref, A.AddrOf)):
        e = e.expr if isinstance(e, A.Cast) else (e.pointer if isinstance(e, A.Deref) else e.operand)
    if isinstance(e, A.Ident):
        return e.symbol.name
    return "function"


def _direct_callee(func):
    """The function Symbol when func names a function (f, &f, *f), else None."""
    e = func
    while True:
        if isinstance(e, A.Cast) and e.kind == "decay":
            e = e.expr
        elif isinstance(e, A.AddrOf):
            e = e.operand
        elif isinstance(e, A.Deref) and e.type.is_function():
            e = e.pointer
        else:
            break
    if isinstance(e, A.Ident) and e.symbol.kind == A.FUNCTION:
        return e.symbol
    return None


_INT_TYPES = {"int": T.INT, "unsigned int": T.UINT, "long": T.LONG, "unsigned long": T.ULONG}
