"""Semantic analysis, part 3: initializers.

`struct point pts[] = { {1, 2}, [3].y = 5, 7 }` is flattened into the list
of scalar stores the back end needs: (byte offset, type, value). The C rules
handled here: nested braces, brace elision (`int m[2][2] = {1, 2, 3, 4}`),
designators (`.field =`, `[index] =`, chains of them), string literals
initializing char arrays, arrays whose size comes from the initializer,
and "the rest is zero". For static objects every value must be constant
(constexpr.static_value).
"""

from . import ast as A
from . import ctypes as T
from . import constexpr


class InitMixin:
    def initializer(self, t, node, static, name, loc):
        """Build the Initializer for an object of type t; returns (type, Initializer).

        The returned type differs from t only when t was an array of unknown
        size, completed by the initializer."""
        # An initializer may contain a compound literal with its own
        # initializer: keep the outer one's state aside meanwhile.
        saved = (getattr(self, "_init_items", None), getattr(self, "_init_static", None),
                 getattr(self, "_init_cache", None), getattr(self, "_init_max", None))
        try:
            return self._initializer(t, node, static, name, loc)
        finally:
            self._init_items, self._init_static, self._init_cache, self._init_max = saved

    def _initializer(self, t, node, static, name, loc):
        self._init_items = {}
        self._init_static = static
        self._init_cache = {}
        self._init_max = 0
        if node.kind == "init_list":
            if t.is_scalar():
                self.scalar_braces(t, node)
            elif t.is_array() or t.is_record():
                self.fill(t, 0, node.items, 0, True, top=True)
            else:
                self.error(f"variable '{name}' has initializer but incomplete type", loc)
        else:
            self.init_single(t, 0, node, top=True)
        if t.is_array() and t.length is None:
            n = self._init_max
            if n == 0:
                self.error("zero or negative size array '%s'" % name, loc)
            t = T.ArrayType(t.elem, n, t.const, t.volatile)
        items = [self._init_items[k] for k in sorted(self._init_items)]
        zero_fill = node.kind == "init_list" or t.is_array()
        return t, A.Initializer(t.size, items, zero_fill, node.loc)

    # -- pieces --
    def scalar_braces(self, t, node, offset=0):
        if not node.items:
            self.error("empty scalar initializer", node.loc)
        desig, first = node.items[0]
        if desig:
            self.error("designator in initializer for scalar type", node.loc)
        if len(node.items) > 1:
            self.warning("excess elements in scalar initializer", node.items[1][1].loc)
        if first.kind == "init_list":
            self.scalar_braces(t, first, offset)
        else:
            self.add_scalar(t, offset, first)

    def init_value(self, node):
        """Analyse an initializer expression once (brace elision may look twice)."""
        key = id(node)
        if key not in self._init_cache:
            self._init_cache[key] = self.value(node)
        return self._init_cache[key]

    def add_scalar(self, t, offset, node):
        e = self.init_value(node)
        tu = t.unqualified()
        e = self.assign_convert(e, tu, lambda: (
            f"incompatible types when initializing type '{tu}' using type '{e.type}'"))
        self.add_item(offset, tu, e)

    def add_item(self, offset, t, e):
        if self._init_static:
            c = constexpr.static_value(e)
            if c is None:
                self.error("initializer element is not constant", e.loc)
            e = c
        self._init_items[offset] = A.InitItem(offset, t, e)

    def init_single(self, t, offset, node, top=False):
        """t initialized by one expression (no braces)."""
        if t.is_array():
            if node.kind == "string" and t.elem.unqualified() in (T.CHAR, T.SCHAR, T.UCHAR):
                self.string_into(t, offset, node, top)
                return
            self.error("array must be initialized with a brace-enclosed initializer", node.loc)
        if t.is_record():
            e = self.init_value(node)
            if e.type.unqualified() != t.unqualified():
                self.error(f"incompatible types when initializing type '{t.unqualified()}' "
                           f"using type '{e.type}'", node.loc)
            if self._init_static:
                self.error("initializer element is not constant", node.loc)
            self._init_items[offset] = A.InitItem(offset, t.unqualified(), e)
            return
        if not t.is_scalar():
            self.error(f"invalid initializer for type '{t}'", node.loc)
        self.add_scalar(t, offset, node)

    def string_into(self, t, offset, node, top):
        data = node.data
        if t.length is None:
            if not top:
                self.error("initialization of flexible array member", node.loc)
            n = len(data) + 1
            self._init_max = max(self._init_max, n)
        else:
            n = t.length
            if len(data) > n:
                self.warning(f"initializer-string for array of '{t.elem}' is too long", node.loc)
            n = min(n, len(data) + 1)
        elem = t.elem.unqualified()
        for i in range(n):
            b = data[i] if i < len(data) else 0
            v = elem.wrap(b)
            self._init_items[offset + i] = A.InitItem(offset + i, elem, A.IntConst(v, elem, node.loc))

    def fill(self, t, offset, items, pos, braced, top=False):
        """Initialize aggregate t at `offset` from items[pos:]; returns the next pos.

        braced: items is t's own brace list (designators allowed). Otherwise t's
        braces were elided and it takes only what it needs, stopping at a
        designator (which belongs to an enclosing brace list)."""
        index = 0
        is_array = t.is_array()
        if not is_array and not t.is_complete():
            self.error(f"initializer for incomplete type '{t}'", items[pos][1].loc if items else None)
        while pos < len(items):
            desigs, init = items[pos]
            if desigs:
                if not braced:
                    return pos
                sub_t, sub_off, index = self.designate(t, offset, desigs)
            else:
                sub = self.member_at(t, offset, index)
                if sub is None:
                    if braced:
                        self.error(f"too many initializers for '{t}'", init.loc)
                    return pos
                sub_t, sub_off = sub
            pos = self.init_sub(sub_t, sub_off, items, pos, init)
            index += 1
            if top and is_array:
                self._init_max = max(self._init_max, index)
            if not is_array and t.kind == "union" and not braced:
                return pos
        return pos

    def member_at(self, t, offset, index):
        """(type, offset) of the index-th element/member of t, or None past the end."""
        if t.is_array():
            if t.length is not None and index >= t.length:
                return None
            return t.elem, offset + index * t.elem.size
        fields = t.fields
        if index >= len(fields) or (t.kind == "union" and index >= 1):
            return None
        f = fields[index]
        return f.type, offset + f.offset

    def designate(self, t, offset, desigs):
        """Follow a designator chain; returns (type, offset, index at top level)."""
        top_index = None
        for kind, what, loc in desigs:
            if kind == "index":
                if not t.is_array():
                    self.error("array index in non-array initializer", loc)
                e = self.value(what)
                i = constexpr.eval_int(e)
                if i is None:
                    self.error("array index in initializer is not an integer constant", loc)
                if i < 0 or (t.length is not None and i >= t.length):
                    self.error("array index in initializer exceeds array bounds", loc)
                sub_t, sub_off, idx = t.elem, offset + i * t.elem.size, i
            else:
                if not t.is_record():
                    self.error("field name not in record or union initializer", loc)
                idx = next((k for k, f in enumerate(t.fields) if f.name == what), None)
                if idx is None:
                    f = t.field(what)             # inside an anonymous member
                    if f is None:
                        self.error(f"'{t.unqualified()}' has no member named '{what}'", loc)
                    idx = next(k for k, g in enumerate(t.fields)
                               if g.name is None and g.type.field(what) is not None)
                else:
                    f = t.fields[idx]
                sub_t, sub_off = f.type, offset + f.offset
            if top_index is None:
                top_index = idx
            t, offset = sub_t, sub_off
        return t, offset, top_index

    def init_sub(self, sub_t, sub_off, items, pos, init):
        if init.kind == "init_list":
            if sub_t.is_scalar():
                self.scalar_braces(sub_t, init, sub_off)
            elif sub_t.is_array() or sub_t.is_record():
                self.fill(sub_t, sub_off, init.items, 0, True)
            else:
                self.error(f"invalid initializer for type '{sub_t}'", init.loc)
            return pos + 1
        if sub_t.is_scalar():
            self.add_scalar(sub_t, sub_off, init)
            return pos + 1
        if sub_t.is_array() and init.kind == "string" \
                and sub_t.elem.unqualified() in (T.CHAR, T.SCHAR, T.UCHAR):
            self.string_into(sub_t, sub_off, init, False)
            return pos + 1
        if sub_t.is_record() and init.kind != "string":
            e = self.init_value(init)
            if e.type.unqualified() == sub_t.unqualified():
                self.init_single(sub_t, sub_off, init)
                return pos + 1
        if sub_t.is_array() or sub_t.is_record():
            return self.fill(sub_t, sub_off, items, pos, False)   # brace elision
        self.error(f"invalid initializer for type '{sub_t}'", init.loc)


class CompoundLiteralMixin:
    """`(struct point){1, 2}`: an unnamed object with an initializer.

    At file scope it is a static object (a GlobalVar). In a function it is a
    hidden local variable, initialized where the expression is evaluated:
    the expression becomes *(store each item (and zeros elsewhere), &tmp),
    built from ordinary nodes, so it is an lvalue like C says."""

    def e_compound_literal(self, n):
        t = self.type_name(n.tname)
        if t.is_function() or t.is_void() or (not t.is_complete() and not t.is_array()):
            self.error(f"compound literal has invalid type '{t}'", n.loc)
        self.literal_count = getattr(self, "literal_count", 0) + 1
        name = f"__literal{self.literal_count}"
        if self.function is None:
            sym = A.Symbol(name, A.GLOBAL, t, n.loc, "static")
            sym.label = f"__literal.{self.literal_count}"
            sym.defined = True
            sym.type, init = self.initializer(t, n.init, True, name, n.loc)
            gv = A.GlobalVar(sym, init, n.loc)
            self.tu.globals.append(gv)
            self.tu.items.append(gv)
            return A.Ident(sym, n.loc)
        sym = A.Symbol(name, A.LOCAL, t, n.loc)
        sym.type, init = self.initializer(t, n.init, False, name, n.loc)
        sym.address_taken = True
        self.function.locals.append(sym)
        self.block_symbols.append(sym)
        return self.literal_expr(sym, init, n.loc)

    def literal_expr(self, sym, init, loc):
        t = sym.type
        covered = bytearray(t.size)
        stores = []
        for item in init.items:
            stores.append((item.offset, item.type, item.expr))
            covered[item.offset:item.offset + item.type.size] = b"\1" * item.type.size
        for off, lt in _leaves(t, 0):
            if not covered[off]:
                stores.append((off, lt, self.convert(A.IntConst(0, T.INT, loc), lt)))
        addr = A.AddrOf(A.Ident(sym, loc), T.PointerType(t), loc)
        result = addr
        for off, st, value in reversed(sorted(stores, key=lambda s: s[0])):
            target = self.lvalue_at(sym, off, st, loc)
            result = A.Comma(A.Assign(target, value, loc), result, loc)
        return A.Deref(result, loc)

    def lvalue_at(self, sym, offset, t, loc):
        """*(T *)((char *)&sym + offset) as a typed lvalue."""
        p = A.Cast(A.AddrOf(A.Ident(sym, loc), T.PointerType(sym.type), loc),
                   T.PointerType(T.CHAR), "ptr", False, loc)
        if offset:
            p = A.PtrAdd(p, A.IntConst(offset, T.INT, loc), 1, loc)
        return A.Deref(A.Cast(p, T.PointerType(t.unqualified()), "ptr", False, loc), loc)


def _leaves(t, offset):
    """(offset, scalar type) of every scalar inside an object of type t."""
    if t.is_array():
        for i in range(t.length or 0):
            yield from _leaves(t.elem, offset + i * t.elem.size)
    elif t.is_record():
        fields = t.fields[:1] if t.kind == "union" else t.fields
        for f in fields:
            yield from _leaves(f.type, offset + f.offset)
    else:
        yield offset, t.unqualified()
