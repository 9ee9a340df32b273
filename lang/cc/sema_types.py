"""Semantic analysis, part 1: turning written declarations into C types.

`int *const names[3]` is written as declaration specifiers (`int`) plus a
declarator (`*const names[3]`); this mixin combines them into a ctypes type,
defines structs/unions/enums (with their layouts) and checks the rules on
the way: no `long long`, positive array sizes, no arrays of functions, ...
"""

from ..obj import MAX_ALIGN
from . import ast as A
from . import ctypes as T
from . import constexpr

# The largest object (array or struct) in bytes, as gcc's PTRDIFF_MAX on a
# 32-bit machine: a size past it would wrap in the 32-bit `sizeof`.
MAX_OBJECT_SIZE = 0x7FFFFFFF

# Accepted combinations of type keywords (sorted) -> the type.
_KEYWORD_TYPES = {
    ("void",): T.VOID,
    ("char",): T.CHAR,
    ("char", "signed"): T.SCHAR,
    ("char", "unsigned"): T.UCHAR,
    ("short",): T.SHORT, ("int", "short"): T.SHORT,
    ("short", "signed"): T.SHORT, ("int", "short", "signed"): T.SHORT,
    ("short", "unsigned"): T.USHORT, ("int", "short", "unsigned"): T.USHORT,
    ("int",): T.INT, ("signed",): T.INT, ("int", "signed"): T.INT,
    ("unsigned",): T.UINT, ("int", "unsigned"): T.UINT,
    ("long",): T.LONG, ("int", "long"): T.LONG,
    ("long", "signed"): T.LONG, ("int", "long", "signed"): T.LONG,
    ("long", "unsigned"): T.ULONG, ("int", "long", "unsigned"): T.ULONG,
    ("_Bool",): T.BOOL,
    ("__builtin_va_list",): T.PointerType(T.CHAR),
}


# GCC attributes that only help optimisers or checkers: accepted silently.
_HARMLESS_ATTRIBUTES = {
    "format", "nonnull", "pure", "const", "always_inline", "noinline", "cold", "hot",
    "malloc", "warn_unused_result", "deprecated", "nothrow", "leaf", "returns_nonnull",
    "gnu_inline", "artificial", "may_alias", "no_instrument_function", "externally_visible",
}


class Typedef:
    """An ordinary-namespace entry for `typedef TYPE name;`."""

    def __init__(self, name, type, loc):
        self.name = name
        self.type = type
        self.loc = loc


class TypesMixin:
    # -- declaration specifiers --
    def base_type(self, specs, what=None):
        """The type named by `specs`; `what` names the declared thing for errors.

        Returns None when no type specifier was written at all (callers
        decide which error that is: implicit int is not accepted)."""
        if specs.typename is not None:
            name, loc = specs.typename
            entry = self.lookup(name)
            if not isinstance(entry, Typedef):
                self.error(f"unknown type name '{name}'", loc)
            t = entry.type
        elif specs.tag is not None:
            t = self.tag_type(specs.tag, specs.attrs)
        elif specs.keywords:
            t = self.keyword_type(specs.keywords)
        else:
            return None
        if specs.const or specs.volatile:
            t = t.qualified(specs.const, specs.volatile)
        return t

    def keyword_type(self, keywords):
        words = [w if w != "__signed__" else "signed" for w, _ in keywords]
        loc = keywords[0][1]
        if words.count("long") > 1:
            self.error("'long long' is not supported", loc)
        if "float" in words or "double" in words:
            self.error("floating-point types are not supported", loc)
        key = tuple(sorted(words))
        if key not in _KEYWORD_TYPES:
            self.error("two or more data types in declaration specifiers", keywords[-1][1])
        return _KEYWORD_TYPES[key]

    def storage_class(self, specs, allowed=("typedef", "extern", "static", "auto", "register")):
        words = [w for w, _ in specs.storage]
        if len(words) > 1:
            self.error("multiple storage classes in declaration specifiers", specs.storage[1][1])
        if words and words[0] not in allowed:
            return words[0], specs.storage[0][1]
        return (words[0] if words else None), (specs.storage[0][1] if words else None)

    # -- declarators --
    def declarator_type(self, base, d, params_out=None):
        """Apply declarator d's derivations to `base` (outermost first).

        If params_out is a list, the parameters of the function derivation
        closest to the name are appended to it as (name, type, loc)."""
        t = base
        n = len(d.derivs)
        for i in range(n - 1, -1, -1):
            deriv = d.derivs[i]
            kind = deriv[0]
            if kind == "ptr":
                t = T.PointerType(t, deriv[1], deriv[2])
            elif kind == "array":
                t = self.array_type(t, deriv[1], deriv[2], d.name)
            else:
                _, params, variadic, loc = deriv
                out = params_out if (i == 0 and params_out is not None) else None
                t = self.function_type(t, params, variadic, loc, out)
        return t

    def array_type(self, elem, size_expr, loc, name):
        if elem.is_function():
            self.error(f"declaration of '{name or 'type name'}' as array of functions", loc)
        if elem.is_void() or not elem.is_complete():
            self.error(f"array type has incomplete element type '{elem}'", loc)
        if size_expr is None:
            return T.ArrayType(elem, None)
        e = self.value(size_expr)
        n = constexpr.eval_int(e) if e.type.is_integer() else None
        if n is None or n <= 0:
            self.error("array size must be a positive integer constant", size_expr.loc)
        if n * elem.size > MAX_OBJECT_SIZE:
            self.error(f"size of {f'array {name!r}' if name else 'unnamed array'} is too large "
                       f"({n:,} elements of {elem.size} bytes; at most {MAX_OBJECT_SIZE:,} bytes)",
                       size_expr.loc)
        return T.ArrayType(elem, n)

    def function_type(self, ret, params, variadic, loc, params_out=None):
        if ret.is_array():
            self.error("function cannot return array type", loc)
        if ret.is_function():
            self.error("function cannot return function type", loc)
        if variadic is None:                      # `f()`: unspecified parameters
            return T.FunctionType(ret, [], False, prototyped=False)
        types = []
        for i, (specs, pd) in enumerate(params):
            st, st_loc = self.storage_class(specs, allowed=("register",))
            if st is not None and st != "register":
                self.error("invalid storage class for function parameter", st_loc)
            base = self.base_type(specs)
            if base is None:
                self.error("type specifier missing for parameter", specs.loc)
            pt = self.declarator_type(base, pd)
            if pt.is_void() and not pd.derivs and pd.name is None:
                if len(params) != 1 or variadic:
                    self.error("'void' must be the only parameter", specs.loc)
                break                              # f(void)
            if pt.is_void():
                self.error(f"parameter {i + 1} ('{pd.name}') has incomplete type 'void'"
                           if pd.name else "parameter has incomplete type 'void'", pd.loc or specs.loc)
            pt = T.decay(pt)                       # int a[] -> int *a; int f(int) -> int (*f)(int)
            types.append(pt)
            if params_out is not None:
                params_out.append((pd.name, pt, pd.loc or specs.loc))
        return T.FunctionType(ret, types, bool(variadic), prototyped=True)

    def type_name(self, tn):
        """The type of an N.type_name (casts, sizeof, va_arg)."""
        if tn.specs.storage:
            self.error("storage class specified in type name", tn.specs.storage[0][1])
        base = self.base_type(tn.specs)
        if base is None:
            self.error("type specifier missing in type name", tn.loc)
        return self.declarator_type(base, tn.declarator)

    # -- struct / union / enum --
    def tag_type(self, node, spec_attrs=()):
        if node.kind == "enum":
            return self.enum_type(node)
        return self.record_type(node, spec_attrs)

    def record_type(self, node, spec_attrs=()):
        su, tag = node.su, node.tag
        if node.members is None:
            found = self.lookup_tag(tag)
            if found is None:
                return self.declare_tag(su, tag, node.loc)
            self.check_tag_kind(found, su, tag, node.loc)
            return found
        t = self.lookup_tag(tag, current_only=True) if tag else None
        if t is not None:
            self.check_tag_kind(t, su, tag, node.loc)
            if t.complete:
                self.error(f"redefinition of '{su} {tag}'", node.loc)
        else:
            t = self.declare_tag(su, tag, node.loc)
        # `struct s {...} __attribute__((packed)) x;` packs the struct too.
        layout_attrs = [a for a in spec_attrs if a[0] in ("packed", "aligned")]
        self.lay_out(t, node, layout_attrs)
        return t

    def declare_tag(self, su, tag, loc):
        t = T.StructType(T.StructDef(su, tag))
        if tag:
            self.scope.tags[tag] = t
        return t

    def check_tag_kind(self, t, su, tag, loc):
        kind = "enum" if isinstance(t, T.EnumType) else t.kind
        if kind != su:
            self.error(f"'{tag}' defined as wrong kind of tag", loc)

    def lay_out(self, t, node, extra_attrs=()):
        attrs = self.attributes(list(node.attrs) + list(extra_attrs))
        members = []
        seen = set()
        for specs, declarators in node.members:
            if specs.storage:
                self.error("storage class specified for a member", specs.storage[0][1])
            base = self.base_type(specs)
            if base is None:
                self.error("type specifier missing in member declaration", specs.loc)
            mattrs = self.attributes(specs.attrs)
            if not declarators:
                if base.is_record() and (specs.tag is not None and specs.tag.tag is None):
                    members.append((None, base, mattrs.aligned))   # anonymous struct/union member
                    for f in base.fields:
                        seen.add(f.name)
                continue
            for d, width in declarators:
                if width is not None:
                    self.error("bit-fields are not supported", width.loc)
                ft = self.declarator_type(base, d)
                self.check_member(t, ft, d, seen, members)
                members.append((d.name, ft, mattrs.aligned))
        for i, (name, ft, _) in enumerate(members):
            if ft.is_array() and ft.length is None and (i != len(members) - 1 or t.kind != "struct"):
                self.error(f"flexible array member '{name}' not at end of struct", node.loc)
        t.sdef.lay_out(members, packed=attrs.packed, min_align=attrs.aligned or 1)
        if t.sdef.size > MAX_OBJECT_SIZE:
            self.error(f"type '{t}' is too large ({t.sdef.size:,} bytes; at most "
                       f"{MAX_OBJECT_SIZE:,} bytes)", node.loc)

    def check_member(self, t, ft, d, seen, members):
        if ft.is_function():
            self.error(f"field '{d.name}' declared as a function", d.loc)
        if not ft.is_complete() and not (ft.is_array() and ft.length is None):
            self.error(f"field '{d.name}' has incomplete type", d.loc)
        if d.name in seen:
            self.error(f"duplicate member '{d.name}'", d.loc)
        seen.add(d.name)

    def enum_type(self, node):
        if node.items is None:
            found = self.lookup_tag(node.tag)
            if found is None:
                found = T.EnumType(node.tag)
                self.scope.tags[node.tag] = found
            else:
                self.check_tag_kind(found, "enum", node.tag, node.loc)
            return found
        if node.tag:
            old = self.lookup_tag(node.tag, current_only=True)
            if old is not None:
                self.check_tag_kind(old, "enum", node.tag, node.loc)
                if old.constants:
                    self.error(f"redefinition of 'enum {node.tag}'", node.loc)
        t = T.EnumType(node.tag)
        if node.tag:
            self.scope.tags[node.tag] = t
        value = 0
        for name, loc, expr in node.items:
            if expr is not None:
                e = self.value(expr)
                v = constexpr.eval_int(e) if e.type.is_integer() else None
                if v is None:
                    self.error(f"enumerator value for '{name}' is not an integer constant", expr.loc)
                value = v
            if not (-2**31 <= value < 2**32):
                self.error(f"enumerator value for '{name}' is out of range", loc)
            value = T.INT.wrap(value)
            t.constants[name] = value
            sym = A.Symbol(name, A.ENUM_CONST, T.INT, loc)
            sym.value = value
            self.declare_ordinary(name, sym, loc)
            value += 1
        return t

    # -- attributes --
    def attributes(self, attrs):
        out = A.Attributes()
        for name, args, loc in attrs or ():
            if name == "section":
                if len(args) != 1 or args[0].kind != "string":
                    self.error("section attribute needs one string argument", loc)
                out.section = args[0].data.decode("utf-8", "replace")
            elif name == "aligned":
                if not args:
                    out.aligned = 8
                else:
                    e = self.value(args[0])
                    n = constexpr.eval_int(e)
                    if n is None or n <= 0 or n & (n - 1):
                        self.error("requested alignment is not a positive power of 2", loc)
                    if n > MAX_ALIGN:
                        self.error(f"requested alignment {n} is larger than the maximum "
                                   f"{MAX_ALIGN}", loc)
                    out.aligned = n
            elif name == "noreturn":
                out.noreturn = True
            elif name == "packed":
                out.packed = True
            elif name == "used":
                out.used = True
            elif name in ("unused", "maybe_unused"):
                out.unused = True
            elif name not in _HARMLESS_ATTRIBUTES:
                self.warning(f"'{name}' attribute ignored", loc)
        return out
