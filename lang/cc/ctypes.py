"""C types of the minos C subset: sizes, alignments, struct layouts, spelling.

This module is part of the contract between the compiler's front end and its
back end. Every expression in the typed AST (lang/cc/ast.py) has a `.type`
that is one of the classes below.

Target facts (docs/abi.md): char 1 byte (signed), short 2, int 4, long 4,
pointers 4, natural alignment; structs laid out as on i386 SysV (each field
at its natural alignment, the struct aligned to its largest field, size
rounded up to that alignment).

What the back end can rely on
-----------------------------
Every type object has:
    size      bytes (0 for void, functions and incomplete types)
    align     bytes (1 for void/functions)
    const, volatile   qualifier flags (bool)
    typedef_name      the typedef name this type was written as, or None
                      (debug info only; it never affects the meaning)
    str(t)    the C spelling used in diagnostics: 'int', 'unsigned int',
              'char *', 'const char *', 'struct point', 'int[4]',
              'int (*)(int, char *)', 'void'
    kind predicates: is_void(), is_integer(), is_arithmetic(), is_scalar(),
              is_pointer(), is_array(), is_function(), is_record() (struct or
              union), is_complete(), is_object()
Equality (==) compares types structurally *including* qualifiers and
ignoring typedef_name; struct/union types compare by identity of their
definition (two different `struct s` definitions in different scopes are
different types). Use `t.unqualified()` to drop qualifiers.

Classes:
    VoidType()
    IntType(name, size, signed)  name is the canonical C spelling ('char',
              'signed char', 'unsigned char', 'short', 'unsigned short', 'int',
              'unsigned int', 'long', 'unsigned long', '_Bool'). `rank` orders
              them for conversions. EnumType is a subclass (an enum is an int).
    BoolType  _Bool: size 1, unsigned. The front end turns every conversion
              *to* _Bool into a comparison `x != 0` (an int 0/1) followed by a
              Cast to _Bool, so the back end treats that Cast as a plain
              truncation.
    EnumType(tag, constants)  size 4, signed like int; constants is a dict
              name -> value (in declaration order).
    PointerType(target)
    ArrayType(elem, length)  length is an int, or None for an incomplete
              array (`extern int a[];`). size = elem.size * length.
    FunctionType(ret, params, variadic, prototyped)  params is a list of
              parameter types (already adjusted: arrays/functions became
              pointers). prototyped=False for the old-style empty list `f()`
              (unspecified arguments); `f(void)` is prototyped with no params.
    StructType    a struct or union. Fields shared by every qualified copy:
              .kind ('struct' or 'union'), .tag (str or None for anonymous),
              .fields (list of Field, in declaration order; for a union all
              offsets are 0), .size, .align, .complete (False while only
              forward-declared), .packed. Lookup: t.field(name) -> Field or
              None (searches members of anonymous struct/union members too,
              returning a Field whose offset is relative to the outer struct).
    Field(name, type, offset)  one member. name is None for an anonymous
              struct/union member.

Ready-made instances: VOID, CHAR, SCHAR, UCHAR, SHORT, USHORT, INT, UINT,
LONG, ULONG, BOOL, and helpers pointer_to(t), array_of(t, n).
"""

# A type is immutable once built, except StructType's shared definition,
# which is filled in when the struct body is seen (so a pointer to a
# forward-declared struct sees the layout later).


class CType:
    """Base class of all C types."""

    size = 0
    align = 1

    def __init__(self, const=False, volatile=False):
        self.const = const
        self.volatile = volatile
        self.typedef_name = None

    # -- predicates -------------------------------------------------------
    def is_void(self):
        return False

    def is_integer(self):
        return False

    def is_arithmetic(self):
        return self.is_integer()

    def is_pointer(self):
        return False

    def is_scalar(self):
        return self.is_arithmetic() or self.is_pointer()

    def is_array(self):
        return False

    def is_function(self):
        return False

    def is_record(self):
        return False

    def is_complete(self):
        return True

    def is_object(self):
        return not self.is_function()

    def is_signed(self):
        return False

    # -- qualifiers -------------------------------------------------------
    def _copy(self):
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        return new

    def qualified(self, const=False, volatile=False):
        """This type with the given qualifiers added."""
        if (const and not self.const) or (volatile and not self.volatile):
            new = self._copy()
            new.const = self.const or const
            new.volatile = self.volatile or volatile
            return new
        return self

    def unqualified(self):
        if not self.const and not self.volatile:
            return self
        new = self._copy()
        new.const = new.volatile = False
        return new

    def named(self, name):
        """A copy that remembers it was spelled with typedef `name`."""
        new = self._copy()
        new.typedef_name = name
        return new

    # -- equality ----------------------------------------------------------
    def _key(self):
        raise NotImplementedError

    def __eq__(self, other):
        return self is other or (isinstance(other, CType) and self._key() == other._key())

    def __hash__(self):
        return hash(self._key())

    def _quals(self):
        words = []
        if self.const:
            words.append("const")
        if self.volatile:
            words.append("volatile")
        return words

    # -- spelling ----------------------------------------------------------
    def __str__(self):
        return spell(self)

    def __repr__(self):
        return f"<ctype {spell(self)}>"


class VoidType(CType):
    def is_void(self):
        return True

    def is_complete(self):
        return False

    def is_object(self):
        return False

    def _key(self):
        return ("void", self.const, self.volatile)


class IntType(CType):
    """An integer type. `rank`: 1 char, 2 short, 3 int, 4 long; 0 _Bool."""

    RANKS = {"_Bool": 0, "char": 1, "short": 2, "int": 3, "long": 4}

    def __init__(self, name, size, signed, const=False, volatile=False):
        super().__init__(const, volatile)
        self.name = name
        self.size = size
        self.align = size
        self.signed = signed
        self.rank = self.RANKS[name.split()[-1]]

    def is_integer(self):
        return True

    def is_signed(self):
        return self.signed

    def min_value(self):
        return -(1 << (8 * self.size - 1)) if self.signed else 0

    def max_value(self):
        bits = 8 * self.size - (1 if self.signed else 0)
        return (1 << bits) - 1

    def wrap(self, value):
        """`value` converted to this type (two's complement truncation)."""
        bits = 8 * self.size
        value &= (1 << bits) - 1
        if self.signed and value >> (bits - 1):
            value -= 1 << bits
        return value

    def _key(self):
        return ("int", self.name, self.const, self.volatile)


class BoolType(IntType):
    def __init__(self, const=False, volatile=False):
        super().__init__("_Bool", 1, False, const, volatile)

    def wrap(self, value):
        return 1 if value else 0


class EnumType(IntType):
    """An enum: behaves exactly as int. `constants` maps name -> value."""

    def __init__(self, tag, constants=None, const=False, volatile=False):
        super().__init__("int", 4, True, const, volatile)
        self.tag = tag
        self.constants = constants if constants is not None else {}
        self.ident = object()   # identity of this enum definition

    def _key(self):
        # An enum is compatible with int for every purpose of this compiler.
        return ("int", "int", self.const, self.volatile)


class PointerType(CType):
    size = 4
    align = 4

    def __init__(self, target, const=False, volatile=False):
        super().__init__(const, volatile)
        self.target = target

    def is_pointer(self):
        return True

    def _key(self):
        return ("ptr", self.target._key(), self.const, self.volatile)


class ArrayType(CType):
    def __init__(self, elem, length, const=False, volatile=False):
        super().__init__(const, volatile)
        self.elem = elem
        self.length = length
        self.align = elem.align

    @property
    def size(self):
        if self.length is None:
            return 0
        return self.elem.size * self.length

    def is_array(self):
        return True

    def qualified(self, const=False, volatile=False):
        # C: qualifying an array type qualifies its elements.
        if not const and not volatile:
            return self
        new = ArrayType(self.elem.qualified(const, volatile), self.length)
        new.typedef_name = self.typedef_name
        return new

    def is_complete(self):
        return self.length is not None and self.elem.is_complete()

    def _key(self):
        return ("array", self.elem._key(), self.length, self.const, self.volatile)


class FunctionType(CType):
    def __init__(self, ret, params, variadic=False, prototyped=True):
        super().__init__()
        self.ret = ret
        self.params = list(params)
        self.variadic = variadic
        self.prototyped = prototyped

    def is_function(self):
        return True

    def is_complete(self):
        return False

    def _key(self):
        return ("func", self.ret._key(), tuple(p.unqualified()._key() for p in self.params),
                self.variadic, self.prototyped)


class Field:
    """One struct/union member: name (None if anonymous), type, byte offset."""

    def __init__(self, name, type, offset):
        self.name = name
        self.type = type
        self.offset = offset

    def __repr__(self):
        return f"Field({self.name!r}, {self.type}, {self.offset})"


class StructDef:
    """The shared definition behind every (qualified) copy of a struct type."""

    def __init__(self, kind, tag):
        self.kind = kind
        self.tag = tag
        self.fields = []
        self.size = 0
        self.align = 1
        self.complete = False
        self.packed = False

    def lay_out(self, members, packed=False, min_align=1):
        """Fill in fields from [(name, type, explicit_align or None)]."""
        offset = 0
        align = max(1, min_align)
        fields = []
        for name, ftype, falign in members:
            a = 1 if packed else ftype.align
            if falign:
                a = max(a, falign)
            if self.kind == "struct":
                offset = (offset + a - 1) // a * a
                fields.append(Field(name, ftype, offset))
                offset += ftype.size
            else:
                fields.append(Field(name, ftype, 0))
                offset = max(offset, ftype.size)
            align = max(align, a)
        self.fields = fields
        self.align = align
        self.size = (offset + align - 1) // align * align
        self.complete = True
        self.packed = packed


class StructType(CType):
    """A struct or union type; layout lives in the shared StructDef."""

    def __init__(self, sdef, const=False, volatile=False):
        super().__init__(const, volatile)
        self.sdef = sdef

    kind = property(lambda self: self.sdef.kind)
    tag = property(lambda self: self.sdef.tag)
    fields = property(lambda self: self.sdef.fields)
    size = property(lambda self: self.sdef.size)
    align = property(lambda self: self.sdef.align)
    complete = property(lambda self: self.sdef.complete)
    packed = property(lambda self: self.sdef.packed)

    def is_record(self):
        return True

    def is_complete(self):
        return self.sdef.complete

    def field(self, name):
        """The member called `name` (looking into anonymous members), or None."""
        for f in self.sdef.fields:
            if f.name == name:
                return f
            if f.name is None and f.type.is_record():
                inner = f.type.field(name)
                if inner is not None:
                    return Field(inner.name, inner.type, f.offset + inner.offset)
        return None

    def _key(self):
        return ("record", id(self.sdef), self.const, self.volatile)


VOID = VoidType()
CHAR = IntType("char", 1, True)
SCHAR = IntType("signed char", 1, True)
UCHAR = IntType("unsigned char", 1, False)
SHORT = IntType("short", 2, True)
USHORT = IntType("unsigned short", 2, False)
INT = IntType("int", 4, True)
UINT = IntType("unsigned int", 4, False)
LONG = IntType("long", 4, True)
ULONG = IntType("unsigned long", 4, False)
BOOL = BoolType()


def pointer_to(t):
    return PointerType(t)


def array_of(t, n):
    return ArrayType(t, n)


# --- spelling ----------------------------------------------------------------
def spell(t, inner=""):
    """C spelling of type t wrapped around the declarator text `inner`."""
    quals = t._quals()
    if isinstance(t, PointerType):
        text = "*" + "".join(" " + q for q in quals)
        if inner:
            text += (" " if quals else "") + inner
        if t.target.is_array() or t.target.is_function():
            text = "(" + text + ")"
        return spell(t.target, text)
    if isinstance(t, ArrayType):
        n = "" if t.length is None else str(t.length)
        return spell(t.elem, inner + "[" + n + "]")
    if isinstance(t, FunctionType):
        if t.prototyped:
            ps = [spell(p) for p in t.params]
            if t.variadic:
                ps.append("...")
            plist = ", ".join(ps) if ps else "void"
        else:
            plist = ""
        return spell(t.ret, inner + "(" + plist + ")")
    text = " ".join(quals + [_base_name(t)])
    if inner:
        glued = inner.startswith("[") or (inner.startswith("(") and not inner.startswith("(*"))
        text += ("" if glued else " ") + inner
    return text


def _base_name(t):
    if isinstance(t, VoidType):
        return "void"
    if isinstance(t, EnumType):
        return "enum " + t.tag if t.tag else (t.typedef_name or "enum <anonymous>")
    if isinstance(t, IntType):
        return t.name
    if isinstance(t, StructType):
        if t.tag is None and t.typedef_name:
            return t.typedef_name          # `typedef struct {...} point;` is 'point'
        return t.kind + " " + (t.tag if t.tag else "<anonymous>")
    return "?"


# --- conversions (C99 6.3) -----------------------------------------------------
def promote(t):
    """Integer promotion: types narrower than int become int."""
    t = t.unqualified()
    if isinstance(t, IntType) and t.rank < INT.rank:
        return INT
    if isinstance(t, EnumType):
        return INT
    return t


def usual_arithmetic(a, b):
    """The common type of two arithmetic operands (after promotion)."""
    a, b = promote(a), promote(b)
    if a == b:
        return a
    if a.signed == b.signed:
        return a if a.rank >= b.rank else b
    u, s = (a, b) if not a.signed else (b, a)
    if u.rank >= s.rank:
        return u
    if s.size > u.size:
        return s
    # long vs unsigned int: same size, so the unsigned version of the signed type
    return ULONG if s.rank == LONG.rank else UINT


def decay(t):
    """Array-to-pointer and function-to-pointer adjustment of a type."""
    if t.is_array():
        return PointerType(t.elem)
    if t.is_function():
        return PointerType(t)
    return t


def compatible(a, b):
    """C compatibility of two types, ignoring top-level qualifiers."""
    a, b = a.unqualified(), b.unqualified()
    if isinstance(a, PointerType) and isinstance(b, PointerType):
        return (a.target.const == b.target.const and a.target.volatile == b.target.volatile
                and compatible(a.target, b.target))
    if isinstance(a, ArrayType) and isinstance(b, ArrayType):
        if a.length is not None and b.length is not None and a.length != b.length:
            return False
        return compatible(a.elem, b.elem) and a.elem.const == b.elem.const
    if isinstance(a, FunctionType) and isinstance(b, FunctionType):
        if not compatible(a.ret, b.ret):
            return False
        if not a.prototyped or not b.prototyped:
            return True
        if a.variadic != b.variadic or len(a.params) != len(b.params):
            return False
        return all(compatible(x, y) for x, y in zip(a.params, b.params))
    return a == b
