"""The parse tree: what the parser builds and sema.py reads.

`N` nodes (a kind, a location and the fields NODE_FIELDS lists for that
kind), declaration specifiers as written (`DeclSpecs`) and declarators
(`Declarator`: a name plus the pointer/array/function derivations applied
to it). Internal to the front end: sema.py turns it into the typed AST of
ast.py.
"""


class N:
    """A parse-tree node: `kind`, `loc` and the fields of that kind."""

    def __init__(self, kind, loc, **fields):
        fields["kind"] = kind
        fields["loc"] = loc
        self.__dict__ = fields          # (cheaper than setting them one by one)

    def __repr__(self):
        items = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if k not in ("kind", "loc"))
        return f"N.{self.kind}({items})"


NODE_FIELDS = {
    # expressions
    "ident": "name", "int": "value tname", "char": "value", "string": "data",
    "binary": "op left right", "assign": "op target value", "cond": "cond then else_",
    "comma": "left right", "cast": "tname expr", "unary": "op expr",
    "preinc": "op expr", "postinc": "op expr", "sizeof_expr": "expr", "sizeof_type": "tname",
    "alignof": "tname", "index": "expr index", "call": "func args",
    "member": "expr name arrow", "va_arg": "expr tname", "offsetof": "tname path",
    "compound_literal": "tname init",
    # declarations
    "decl": "specs inits (list of InitDeclarator)", "funcdef": "specs declarator body",
    "top_asm": "text", "static_assert": "expr message",
    "init_list": "items (list of (designators, initializer))",
    "struct": "su tag members attrs", "enum": "tag items",
    "type_name": "specs declarator",
    # statements
    "compound": "items end_loc", "expr_stmt": "expr", "if": "cond then else_",
    "while": "cond body", "do": "body cond", "for": "init cond step body",
    "switch": "expr body", "break": "", "continue": "", "return": "expr",
    "goto": "name", "label": "name body", "case": "expr body", "default": "body",
    "asm": "template outputs inputs clobbers basic",
}


class DeclSpecs:
    """Declaration specifiers as written: `static const unsigned int`."""

    def __init__(self, loc):
        self.loc = loc
        self.storage = []        # list of (word, loc): typedef extern static auto register
        self.keywords = []       # type keywords: int unsigned char ... (with locs)
        self.typename = None     # (name, loc) of a typedef name
        self.tag = None          # N.struct / N.enum
        self.const = False
        self.volatile = False
        self.inline = False
        self.noreturn = False
        self.attrs = []          # list of (name, args, loc)

    @property
    def is_typedef(self):
        return any(w == "typedef" for w, _ in self.storage)

    def add(self, item):
        kind, value, loc = item
        if kind == "storage":
            self.storage.append((value, loc))
        elif kind == "qual":
            if value in ("const", "__const"):
                self.const = True
            elif value in ("volatile", "__volatile__"):
                self.volatile = True
        elif kind == "inline":
            self.inline = True
        elif kind == "noreturn":
            self.noreturn = True
        elif kind == "attr":
            self.attrs.extend(value)
        elif kind == "keyword":
            self.keywords.append((value, loc))
        elif kind == "typename":
            self.typename = (value, loc)
        elif kind == "tag":
            self.tag = value
        return self


class Declarator:
    """A (possibly abstract) declarator: a name plus derivations.

    `derivs` lists what is applied to the name, innermost first:
        ("ptr", const, volatile)
        ("array", size_expr_or_None, loc)
        ("func", params, variadic, loc)   params: list of (DeclSpecs, Declarator)
    so `int *a[3]` has derivs [array 3, ptr]: a is an array of pointers.
    """

    def __init__(self, name, loc, derivs=None):
        self.name = name
        self.loc = loc
        self.derivs = derivs if derivs is not None else []
        self.attrs = []

    def __repr__(self):
        return f"Declarator({self.name!r}, {self.derivs!r})"


class InitDeclarator:
    def __init__(self, declarator, attrs, init):
        self.declarator = declarator
        self.attrs = attrs
        self.init = init


class AttrList(list):
    """A list of (name, args, loc) from __attribute__((...))."""
