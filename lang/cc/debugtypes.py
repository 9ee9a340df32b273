"""C types described for the debugger (the "types" entry of docs/debuginfo.md).

Each distinct type of a compilation unit gets a small integer id; a
description refers to other types by id, so recursive structs work. Two
types share an id when they are the same type with the same qualifiers and
the same typedef spelling.
"""

from . import ctypes as ct


class TypeTable:
    def __init__(self):
        self.descs = []
        self.ids = {}
        self.keys = {}          # a type's key (see _key) -> a small number standing for it
        self.memo = {}          # id(type object) -> (the type, its number)

    def _key(self, t):
        """A number for type t's identity: equal types get equal numbers. A
        key mentions the numbers of the types inside it, not their keys, so
        it stays small and each type is keyed once: `int ****...*x` with
        thousands of stars takes linear time, not quadratic."""
        hit = self.memo.get(id(t))
        if hit is not None and hit[0] is t:
            return hit[1]
        if isinstance(t, ct.EnumType):
            base = ("enum", id(t.ident), t.const, t.volatile)
        elif isinstance(t, ct.StructType):
            base = ("rec", id(t.sdef), t.const, t.volatile)
        elif isinstance(t, ct.PointerType):
            base = ("ptr", self._key(t.target), t.const, t.volatile)
        elif isinstance(t, ct.ArrayType):
            base = ("arr", self._key(t.elem), t.length)
        elif isinstance(t, ct.FunctionType):
            base = ("fn", self._key(t.ret), tuple(self._key(p) for p in t.params), t.variadic)
        else:
            base = t._key()
        number = self.keys.setdefault((base, t.typedef_name), len(self.keys))
        self.memo[id(t)] = (t, number)
        return number

    def ref(self, t):
        """The id of type t, describing it (and what it mentions) on first use."""
        if t is None:
            t = ct.VOID
        k = self._key(t)
        found = self.ids.get(k)
        if found is not None:
            return found
        n = len(self.descs)
        self.ids[k] = n
        desc = {}
        self.descs.append(desc)
        desc.update(self._describe(t))
        return n

    def _describe(self, t):
        if t.typedef_name:
            bare = t._copy()
            bare.typedef_name = None
            return {"t": "typedef", "name": t.typedef_name, "to": self.ref(bare)}
        quals = {}
        if t.const:
            quals["const"] = True
        if t.volatile:
            quals["volatile"] = True
        if isinstance(t, ct.VoidType):
            return {"t": "void", "size": 0, **quals}
        if isinstance(t, ct.EnumType):
            return {"t": "enum", "name": t.tag, "size": 4,
                    "constants": [[k, v] for k, v in t.constants.items()], **quals}
        if isinstance(t, ct.IntType):
            return {"t": "int", "name": t.name, "size": t.size, "signed": t.signed, **quals}
        if isinstance(t, ct.PointerType):
            return {"t": "pointer", "size": 4, "to": self.ref(t.target), **quals}
        if isinstance(t, ct.ArrayType):
            return {"t": "array", "size": t.size, "length": t.length,
                    "of": self.ref(t.elem), **quals}
        if isinstance(t, ct.StructType):
            out = {"t": t.kind, "name": t.tag, "size": t.size, "align": t.align,
                   "complete": bool(t.complete), **quals}
            out["fields"] = [{"name": f.name, "type": self.ref(f.type), "offset": f.offset}
                             for f in t.fields]
            return out
        if isinstance(t, ct.FunctionType):
            return {"t": "function", "ret": self.ref(t.ret),
                    "params": [self.ref(p) for p in t.params], "variadic": t.variadic}
        return {"t": "void", "size": 0}
