"""Lexer and parser: preprocessed C text -> an untyped parse tree.

The grammar is grammar.lark (LALR(1), lark). Three things happen here:

1. Lexing (lex()). One compiled regex turns the preprocessor's output into
   tokens. Linemarker lines `# 12 "file.c"` reset the current file and line,
   so every token's `loc` names the ORIGINAL file:line:col. Adjacent string
   literals are joined here.

2. The typedef-name problem. `T * x;` is a declaration if T is a typedef
   name and a multiplication otherwise, so the parser must be told which
   one T is. We feed tokens to lark's LALR parser one at a time and, right
   before feeding an identifier, decide whether it is a TYPE_NAME:
     - a typedef of that name must be visible in the current scope, and
     - the parser must be in a state where a type name is allowed at all
       (after `int` or `.` or `struct`, only a plain identifier is).
   Scopes are tracked as the tokens go by: `{` opens a scope (holding the
   parameters if it starts a function body), `}` closes it, `for (` opens
   one that the for statement closes. A declared name enters its scope the
   moment its declarator is complete (when the parser reduces
   `declarator_r`, which happens when it sees the `=`, `,` or `;` after
   it), exactly as C says, so `typedef int T; T x;` and `int T = 3; T = 4;`
   both work. This is where the one-token lookahead matters: the token after
   a declaration's `;` is only classified after that `;` was fed, and by
   then the declarator was reduced and the name registered.

3. Building the tree. Grammar callbacks run during parsing (lark's embedded
   transformer) and build `N` nodes directly. Binary operators arrive as a
   flat chain and are grouped by precedence here.

The parse tree (`N` nodes, `DeclSpecs`, `Declarator`) is internal to the
front end; sema.py turns it into the typed AST of ast.py. N kinds and their
fields are listed in NODE_FIELDS below.
"""

import re
from pathlib import Path

from lark import Lark, Transformer

from .ast import Loc
from . import syntaxmsg
from .diag import CompileError, Diagnostic

GRAMMAR = Path(__file__).with_name("grammar.lark")


# --- parse tree ------------------------------------------------------------------
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


# --- lexer -------------------------------------------------------------------------
class Tok:
    """A token: lark terminal name, value, source text and location."""

    __slots__ = ("type", "value", "text", "loc")

    def __init__(self, type, value, text, loc):
        self.type = type
        self.value = value
        self.text = text
        self.loc = loc

    def __repr__(self):
        return f"Tok({self.type}, {self.text!r}, {self.loc})"


_TOKEN_RE = re.compile(r"""
   (?P<nl>\n)
 | (?P<ws>[ \t\r\f\v]+)
 | (?P<dir>(?<![^\n])[ \t]*\#[^\n]*)
 | (?P<comment>//[^\n]*|/\*.*?\*/)
 | (?P<id>[A-Za-z_$][A-Za-z0-9_$]*)
 | (?P<num>\.?[0-9][0-9A-Za-z_.]*)
 | (?P<char>L?'(?:[^'\\\n]|\\.)*')
 | (?P<str>L?"(?:[^"\\\n]|\\.)*")
 | (?P<punct>\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[][(){};:,.?~!<>=+*/%&|^-])
 | (?P<bad>.)
""", re.X | re.S)

_LINEMARKER = re.compile(r'[ \t]*#[ \t]*(?:line[ \t]+)?([0-9]+)(?:[ \t]+"((?:[^"\\]|\\.)*)")?')
_INT_RE = re.compile(r"(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)\Z")

_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "\\": 92, "'": 39, '"': 34, "?": 63,
            "a": 7, "b": 8, "f": 12, "v": 11, "e": 27}


def _unescape(body, loc, warnings):
    """The bytes of a char/string literal body (between the quotes). An
    escape past 0xFF keeps its low byte, with a warning (as gcc)."""
    out = bytearray()
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        i += 1
        c = body[i]
        if c in "01234567":
            j = i
            while j < n and j < i + 3 and body[j] in "01234567":
                j += 1
            value = int(body[i:j], 8)
            if value > 0xFF:
                warnings.append(Diagnostic("warning", "octal escape sequence out of range", loc))
            out.append(value & 0xFF)
            i = j
        elif c == "x":
            j = i + 1
            while j < n and body[j] in "0123456789abcdefABCDEF":
                j += 1
            if j == i + 1:
                raise CompileError(Diagnostic("error", "\\x used with no following hex digits", loc))
            value = int(body[i + 1:j], 16)
            if value > 0xFF:
                warnings.append(Diagnostic("warning", "hex escape sequence out of range", loc))
            out.append(value & 0xFF)
            i = j
        elif c in _ESCAPES:
            out.append(_ESCAPES[c])
            i += 1
        else:
            raise CompileError(Diagnostic("error", f"unknown escape sequence '\\{c}'", loc))
    return bytes(out)


def lex(text, filename, punct_types, warnings):
    """All tokens of `text`, with locations mapped through linemarkers;
    warnings (a list) gets the lexer's warnings."""
    toks = []
    new_loc = tuple.__new__           # Loc(...) without the Python-level __new__
    file = filename
    line = 1
    line_start = 0
    kw = punct_types
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "nl":
            line += 1
            line_start = m.end()
            continue
        if kind == "ws":
            continue
        s = m.group()
        if kind == "comment":
            nls = s.count("\n")
            if nls:
                line += nls
                line_start = m.start() + s.rindex("\n") + 1
            continue
        loc = new_loc(Loc, (file, line, m.start() - line_start + 1))
        if kind == "dir":
            lm = _LINEMARKER.match(s)
            if lm:
                # The line after this one is line N of the named file.
                line = int(lm.group(1)) - 1
                if lm.group(2) is not None:
                    file = lm.group(2)
                continue
            if re.match(r"[ \t]*#[ \t]*(pragma\b|$)", s):
                continue
            raise CompileError(Diagnostic("error", "unexpected preprocessor directive "
                                          "(run the preprocessor first)", loc))
        if kind == "id":
            toks.append(Tok(kw.get(s, "IDENTIFIER"), s, s, loc))
        elif kind == "punct":
            toks.append(Tok(kw[s], s, s, loc))
        elif kind == "num":
            toks.append(Tok("INT_CONST", s, s, loc))
        elif kind == "str":
            if s[0] == "L":
                raise CompileError(Diagnostic("error", "wide string literals are not supported", loc))
            data = _unescape(s[1:-1], loc, warnings)
            prev = toks[-1] if toks else None
            if prev is not None and prev.type == "STRING":
                prev.value += data         # "abc" "def" -> "abcdef"
                prev.text += " " + s
            else:
                toks.append(Tok("STRING", data, s, loc))
        elif kind == "char":
            if s[0] == "L":
                raise CompileError(Diagnostic("error", "wide character constants are not supported", loc))
            data = _unescape(s[1:-1], loc, warnings)
            if len(data) != 1:
                msg = "empty character constant" if not data else "multi-character character constant"
                raise CompileError(Diagnostic("error", msg, loc))
            v = data[0] - 256 if data[0] >= 128 else data[0]     # char is signed
            toks.append(Tok("CHAR_CONST", v, s, loc))
        else:
            raise CompileError(Diagnostic("error", f"stray '{s}' in program", loc))
    return toks, Loc(file, line, 1)


def parse_int(text, loc):
    """Value and type name of an integer constant (C90 rules, 32-bit long)."""
    m = _INT_RE.match(text)
    if not m:
        if re.match(r"[0-9]*\.|[0-9]+[eE]|\.", text):
            raise CompileError(Diagnostic("error", "floating-point constants are not supported", loc))
        raise CompileError(Diagnostic("error", f"invalid integer constant '{text}'", loc))
    digits, suffix = m.groups()
    s = suffix.lower()
    if "ll" in s:
        raise CompileError(Diagnostic("error", "'long long' is not supported", loc))
    if s not in ("", "u", "l", "ul", "lu"):
        raise CompileError(Diagnostic("error", f"invalid suffix '{suffix}' on integer constant", loc))
    try:
        value = int(digits, 0) if not (len(digits) > 1 and digits[0] == "0" and digits[1] in "01234567") \
            else int(digits, 8)
    except ValueError:          # more digits than Python converts (4300): too large anyway
        value = 1 << 32
    if value > 0xFFFFFFFF:
        raise CompileError(Diagnostic("error", "integer constant is too large for its type", loc))
    unsigned = "u" in s
    long = "l" in s
    decimal = not digits.startswith("0") or digits == "0"
    if value <= 0x7FFFFFFF and not unsigned:
        tname = "long" if long else "int"
    elif unsigned:
        tname = "unsigned long" if long else "unsigned int"
    elif decimal:
        tname = "unsigned long"          # C90: too big for long -> unsigned long
    else:
        tname = "unsigned long" if long else "unsigned int"
    return value, tname


# --- tree builder (lark embedded transformer) --------------------------------------
_PREC = {"||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6,
         "<": 7, ">": 7, "<=": 7, ">=": 7, "<<": 8, ">>": 8,
         "+": 9, "-": 9, "*": 10, "/": 10, "%": 10}


def _is_tok(x):
    return isinstance(x, Tok)


class Builder(Transformer):
    """Grammar callbacks: build N nodes and keep the scope tracker informed."""

    def __init__(self):
        super().__init__()
        self.ctx = None          # the Parser running now

    # -- top level --
    def start(self, c):
        return [x for x in c if x is not None]

    def empty_decl(self, c):
        return None

    def function_def(self, c):
        (specs, d, loc), body = c
        return N("funcdef", loc, specs=specs, declarator=d, body=body)

    def func_head(self, c):
        specs, d = c
        self.ctx.function_head(d)
        return (specs, d, specs.loc)

    def func_head_nospec(self, c):
        d = c[0]
        self.ctx.function_head(d)
        return (None, d, d.loc)

    def top_asm(self, c):
        kw, s = c
        return N("top_asm", kw.loc, text=_asm_text(s))

    def static_assert(self, c):
        kw = c[0]
        return N("static_assert", kw.loc, expr=c[2], message=_asm_text(c[4]))

    def static_assert_kw(self, c):
        return c[0]

    # -- declarations --
    def declaration(self, c):
        specs, inits = c
        return N("decl", specs.loc, specs=specs, inits=inits)

    def decl_no_declarators(self, c):
        return N("decl", c[0].loc, specs=c[0], inits=[])

    def init_declarator_list(self, c):
        return c

    def init_declarator(self, c):
        d = c[0]
        attrs = AttrList()
        init = None
        for x in c[1:]:
            if isinstance(x, AttrList):
                attrs = x
            else:
                init = x
        return InitDeclarator(d, attrs, init)

    def declarator_r(self, c):
        d = c[0]
        self.ctx.declare_from_declarator(d)
        return d

    def decl_specs(self, c):
        return c[0]

    def ds_quals(self, c):
        return self._specs(c)

    ds_typename = ds_keyword = ds_tagged = ds_quals

    def _specs(self, c):
        if isinstance(c[0], DeclSpecs):
            specs = c[0]
            items = c[1:]
        else:
            specs = DeclSpecs(self._loc_of(c[0]))
            items = c
        for item in items:
            if _is_tok(item):           # a TYPE_NAME token
                specs.add(("typename", item.value, item.loc))
            elif isinstance(item, N):   # struct/union/enum
                specs.add(("tag", item, item.loc))
            else:
                specs.add(item)
        return specs

    @staticmethod
    def _loc_of(x):
        if _is_tok(x) or isinstance(x, N):
            return x.loc
        return x[2]

    def nontype_spec(self, c):
        x = c[0]
        if isinstance(x, tuple):            # a type_qual
            return x
        if isinstance(x, AttrList):
            return ("attr", x, x[0][2] if x else None)
        w = x.value
        if w in ("inline", "__inline", "__inline__"):
            return ("inline", w, x.loc)
        if w == "_Noreturn":
            return ("noreturn", w, x.loc)
        return ("storage", w, x.loc)

    def type_qual(self, c):
        return ("qual", c[0].value, c[0].loc)

    def type_keyword(self, c):
        return ("keyword", c[0].value, c[0].loc)

    def struct_spec(self, c):
        su, loc, attrs = c[0]
        tag = None
        members = None
        i = 1
        if i < len(c) and _is_tok(c[i]) and c[i].type in ("IDENTIFIER", "TYPE_NAME"):
            tag = c[i].value
            i += 1
        if i < len(c) and _is_tok(c[i]) and c[i].value == "{":
            members = [m for m in c[i + 1:-1]]
        return N("struct", loc, su=su, tag=tag, members=members, attrs=attrs)

    def struct_kw(self, c):
        attrs = c[1] if len(c) > 1 else AttrList()
        return (c[0].value, c[0].loc, attrs)

    def struct_decl(self, c):
        return (c[0], c[1:])

    def struct_decl_anon(self, c):
        return (c[0], [])

    def struct_declarator(self, c):
        return (c[0], None)

    def bitfield(self, c):
        return (c[0], c[1])

    def bitfield_anon(self, c):
        return (None, c[0])

    def enum_spec(self, c):
        loc = c[0].loc
        tag = None
        items = None
        i = 1
        if _is_tok(c[i]) and c[i].type in ("IDENTIFIER", "TYPE_NAME"):
            tag = c[i].value
            i += 1
        if i < len(c) and _is_tok(c[i]) and c[i].value == "{":
            items = c[i + 1]
        return N("enum", loc, tag=tag, items=items)

    def enumerator_list(self, c):
        if len(c) == 1:
            return [c[0]]
        c[0].append(c[1])
        return c[0]

    def enumerator(self, c):
        name = c[0]
        self.ctx.declare(name.value, False)
        return (name.value, name.loc, c[1] if len(c) > 1 else None)

    def attributes(self, c):
        out = AttrList()
        for a in c:
            out.extend(a)
        return out

    def attribute(self, c):
        return AttrList(x for x in c if isinstance(x, tuple))

    def attr_kw(self, c):
        return c[0]

    def attr_keyword(self, c):
        return c[0]

    def attr(self, c):
        name = c[0]
        args = [x for x in c[1:] if x is not None and not _is_tok(x)]
        # string arguments arrive as N.string nodes, numbers as N.int
        return (name.value.strip("_") if name.value.startswith("__") else name.value, args, name.loc)

    # -- declarators --
    def declarator(self, c):
        return c[0]

    def ptr_declarator(self, c):
        ptrs, d = c
        d.derivs.extend(reversed(ptrs))
        return d

    def direct_declarator(self, c):
        first = c[0]
        if len(c) == 1:
            return Declarator(first.value, first.loc)
        if _is_tok(first):                     # "(" declarator ")"
            return c[1]
        return self._suffix(first, c[1:])

    def _suffix(self, d, rest):
        """Apply an array or function suffix to declarator d."""
        open_tok = rest[0]
        if open_tok.value == "[":
            size = rest[1] if len(rest) == 3 else None
            d.derivs.append(("array", size, open_tok.loc))
        else:
            params, variadic = rest[1] if len(rest) == 3 else ([], None)
            d.derivs.append(("func", params, variadic, open_tok.loc))
        return d

    def pointer(self, c):
        const = volatile = False
        inner = []
        for x in c[1:]:
            if isinstance(x, list) and x and x[0] == "quals":
                const = const or "const" in x[1] or "__const" in x[1]
                volatile = volatile or "volatile" in x[1] or "__volatile__" in x[1]
            elif isinstance(x, list):
                inner = x
        return [("ptr", const, volatile)] + inner

    def ptr_quals(self, c):
        return ["quals", [q[1] for q in c if isinstance(q, tuple)]]

    def param_list(self, c):
        return (c, False)

    def param_list_variadic(self, c):
        return (c, True)

    def param_decl(self, c):
        return (c[0], c[1])

    def param_decl_abstract(self, c):
        d = c[1] if len(c) > 1 else Declarator(None, c[0].loc)
        return (c[0], d)

    def type_name(self, c):
        d = c[1] if len(c) > 1 else Declarator(None, c[0].loc)
        return N("type_name", c[0].loc, specs=c[0], declarator=d)

    def abstract_declarator(self, c):
        x = c[0]
        if isinstance(x, list):             # just a pointer
            return Declarator(None, None, list(reversed(x)))
        return x

    def ptr_abstract_declarator(self, c):
        ptrs, d = c
        d.derivs.extend(reversed(ptrs))
        return d

    def direct_abstract_declarator(self, c):
        first = c[0]
        if _is_tok(first):
            if first.value == "(" and len(c) == 3 and isinstance(c[1], Declarator):
                return c[1]
            return self._suffix(Declarator(None, first.loc), c)
        return self._suffix(first, c[1:])

    # -- initializers --
    def initializer(self, c):
        if len(c) == 1:
            return c[0]
        items = c[1] if len(c) > 2 else []
        return N("init_list", c[0].loc, items=items)

    def init_list(self, c):
        if len(c) == 1:
            return [c[0]]
        c[0].append(c[1])
        return c[0]

    def init_item(self, c):
        return (c[:-1], c[-1])

    def designator(self, c):
        if c[0].value == "[":
            return ("index", c[1], c[0].loc)
        return ("field", c[1].value, c[1].loc)

    # -- statements --
    def compound_stmt(self, c):
        return N("compound", c[0].loc, items=c[1:-1], end_loc=c[-1].loc)

    def expr_stmt(self, c):
        if len(c) == 1:
            return N("expr_stmt", c[0].loc, expr=None)
        return N("expr_stmt", c[0].loc, expr=c[0])

    def if_stmt(self, c):
        return N("if", c[0].loc, cond=c[2], then=c[4], else_=c[6] if len(c) > 5 else None)

    def while_stmt(self, c):
        return N("while", c[0].loc, cond=c[2], body=c[4])

    def do_stmt(self, c):
        return N("do", c[0].loc, body=c[1], cond=c[4])

    def for_stmt(self, c):
        self.ctx.end_for_scope()
        return N("for", c[0].loc, init=c[2], cond=c[3], step=c[5], body=c[7])

    def for_init(self, c):
        return c[0]

    def for_init_empty(self, c):
        return None

    def for_init_expr(self, c):
        return N("expr_stmt", c[0].loc, expr=c[0])

    def opt_expr(self, c):
        return c[0] if c else None

    def switch_stmt(self, c):
        return N("switch", c[0].loc, expr=c[2], body=c[4])

    def jump_stmt(self, c):
        w = c[0].value
        loc = c[0].loc
        if w == "return":
            return N("return", loc, expr=c[1] if len(c) == 3 else None)
        if w == "goto":
            return N("goto", loc, name=c[1].value)
        return N(w, loc)

    def labeled_stmt(self, c):
        first = c[0]
        if first.type == "IDENTIFIER" or first.type == "TYPE_NAME":
            return N("label", first.loc, name=first.value, body=c[2])
        if first.value == "case":
            return N("case", first.loc, expr=c[1], body=c[3])
        return N("default", first.loc, body=c[2])

    def asm_kw(self, c):
        return c[0]

    def asm_stmt(self, c):
        kw = c[0]
        template = _asm_text(c[3])
        groups = [[]]
        for x in c[4:]:
            if _is_tok(x) and x.value == ":":
                groups.append([])
            elif isinstance(x, list):
                groups[-1] = x
        basic = len(groups) == 1
        outs = groups[1] if len(groups) > 1 else []
        ins = groups[2] if len(groups) > 2 else []
        clob = groups[3] if len(groups) > 3 else []
        return N("asm", kw.loc, template=template, outputs=outs, inputs=ins,
                 clobbers=clob, basic=basic)

    def asm_quals(self, c):
        return None

    def asm_operands(self, c):
        return [x for x in c if x is not None]

    def asm_operand(self, c):
        return (_asm_text(c[0]), c[1], c[0].loc)

    def asm_clobbers(self, c):
        return [_asm_text(x) for x in c if x is not None]

    # -- expressions --
    def comma(self, c):
        return N("comma", c[0].loc, left=c[0], right=c[1])

    def assign(self, c):
        target, op, value = c
        return N("assign", op.loc, op=op.value, target=target, value=value)

    def assign_op(self, c):
        return c[0]

    def cond(self, c):
        return N("cond", c[0].loc, cond=c[0], then=c[1], else_=c[2])

    def binop(self, c):
        return c[0]

    def binary_chain(self, c):
        # Precedence climbing over [operand, op, operand, op, operand, ...].
        pos = [1]

        def climb(lhs, min_prec):
            while pos[0] < len(c):
                op = c[pos[0]]
                prec = _PREC[op.value]
                if prec < min_prec:
                    break
                rhs = c[pos[0] + 1]
                pos[0] += 2
                while pos[0] < len(c) and _PREC[c[pos[0]].value] > prec:
                    rhs = climb(rhs, prec + 1)
                lhs = N("binary", op.loc, op=op.value, left=lhs, right=rhs)
            return lhs

        return climb(c[0], 0)

    def cast(self, c):
        return N("cast", c[0].loc, tname=c[0], expr=c[1])

    def compound_literal(self, c):
        tname, items = c[0], c[1]
        return N("compound_literal", tname.loc, tname=tname,
                 init=N("init_list", tname.loc, items=items))

    def pre_inc(self, c):
        return N("preinc", c[0].loc, op=c[0].value, expr=c[1])

    def incdec_op(self, c):
        return c[0]

    def post_inc(self, c):
        return N("postinc", c[0].loc, op="++", expr=c[0])

    def post_dec(self, c):
        return N("postinc", c[0].loc, op="--", expr=c[0])

    def unary(self, c):
        return N("unary", c[0].loc, op=c[0].value, expr=c[1])

    def unary_op(self, c):
        return c[0]

    def sizeof_expr(self, c):
        return N("sizeof_expr", c[0].loc, expr=c[0])

    def sizeof_type(self, c):
        return N("sizeof_type", c[0].loc, tname=c[0])

    def alignof_type(self, c):
        return N("alignof", c[0].loc, tname=c[1])

    def alignof_kw(self, c):
        return c[0]

    def index(self, c):
        return N("index", c[0].loc, expr=c[0], index=c[1])

    def call(self, c):
        return N("call", c[0].loc, func=c[0], args=c[1] if len(c) > 1 else [])

    def arg_list(self, c):
        return c

    def member(self, c):
        return N("member", c[1].loc, expr=c[0], name=c[1].value, arrow=False)

    def arrow(self, c):
        return N("member", c[1].loc, expr=c[0], name=c[1].value, arrow=True)

    def ident(self, c):
        return N("ident", c[0].loc, name=c[0].value)

    def int_const(self, c):
        t = c[0]
        value, tname = parse_int(t.value, t.loc)
        return N("int", t.loc, value=value, tname=tname)

    def char_const(self, c):
        return N("char", c[0].loc, value=c[0].value)

    def string(self, c):
        return N("string", c[0].loc, data=c[0].value)

    def paren(self, c):
        return c[0]

    def va_arg(self, c):
        return N("va_arg", c[0].loc, expr=c[0], tname=c[1])

    def offsetof(self, c):
        return N("offsetof", c[0].loc, tname=c[0], path=c[1])

    def offsetof_path(self, c):
        return [("field", c[0].value, c[0].loc)] + c[1:]

    def offsetof_step(self, c):
        if c[0].value == ".":
            return ("field", c[1].value, c[1].loc)
        return ("index", c[1], c[0].loc)


def _asm_text(tok):
    return tok.value.decode("utf-8", errors="replace")


# --- the parser ---------------------------------------------------------------------
_BUILDER = Builder()
_TABLES = None


class SyntaxErrorAt(Exception):
    """Raised by the LALR loop: no action for this token in this state."""


class Tables:
    """lark's LALR(1) tables, rearranged for a lean driver loop.

    lark builds the grammar analysis and the action table (and the embedded
    callbacks from Builder); feed() below is the standard LALR loop over
    that table. It does what lark's own ParserState.feed_token does, minus
    per-token overhead that mattered for speed (hashing grammar Rule objects)."""

    def __init__(self):
        from lark.parsers.lalr_analysis import Shift
        lk = _build_lark()
        self.terminal_of = {t.pattern.value: t.name for t in lk.terminals}
        self.text_of = {t.name: t.pattern.value for t in lk.terminals}
        conf = lk.parse_interactive("").parser_state.parse_conf
        self.start_state = conf.start_state
        self.end_state = conf.end_state
        self.actions = {}
        for state, acts in conf.states.items():
            row = {}
            for term, (action, arg) in acts.items():
                if action is Shift:
                    row[term] = (True, arg)
                else:
                    callback = None if _passes_through(arg) else conf.callbacks[arg]
                    row[term] = (False, (len(arg.expansion), callback, arg.origin.name))
            self.actions[state] = row


def _build_lark():
    """lark's LALR parser for grammar.lark, with its tables cached on disk.

    Building the tables takes about half a second, loading them a few
    milliseconds. The cache file is named after the grammar's hash and
    written under a temporary name first, so compilers running in parallel
    never read a half-written file."""
    import hashlib
    import lark
    import os
    import tempfile
    text = GRAMMAR.read_text()
    digest = hashlib.sha256((text + lark.__version__).encode()).hexdigest()[:16]
    path = os.path.join(tempfile.gettempdir(), f".minos-cc-grammar-{digest}.cache")
    options = dict(parser="lalr", lexer="basic", transformer=_BUILDER, maybe_placeholders=True)
    if os.path.exists(path):
        return Lark(text, cache=path, **options)
    tmp = f"{path}.{os.getpid()}"
    lk = Lark(text, cache=tmp, **options)
    try:
        os.replace(tmp, path)
    except OSError:
        pass                                  # no cache this time; still correct
    return lk


def _passes_through(rule):
    """True for `?rule: other_rule` reductions, whose value is their only child.

    Expression rules chain like this (primary -> postfix -> ... -> expr) and
    most reductions are of this kind; skipping the call for them is the
    single biggest saving in the parser."""
    if len(rule.expansion) != 1 or not rule.options.expand1 or rule.alias is not None:
        return False
    sym = rule.expansion[0]
    if sym.name.startswith("_"):
        return False                     # lark inlines helper rules' children
    return not sym.is_term or not sym.filter_out


def _tables():
    global _TABLES
    if _TABLES is None:
        _TABLES = Tables()
    return _TABLES


_DISPLAY = {"IDENTIFIER": "identifier", "TYPE_NAME": "type name", "INT_CONST": "integer constant",
            "CHAR_CONST": "character constant", "STRING": "string literal", "$END": "end of input"}


class Parser:
    """One parse of one translation unit (see the module docstring)."""

    def __init__(self):
        self.tables = _tables()
        self.terminal_of = self.tables.terminal_of
        self.scopes = [{}]           # name -> True if it is a typedef name
        self.typedef_names = set()   # every name that was ever a typedef (fast path)
        self.pending_params = None
        self.braces = []             # True for a brace that opened a scope
        self.for_depth = 0           # scopes opened by `for (` and still open
        self.early_pops = 0          # of those, popped before their for_stmt reduced
        self.state_stack = [self.tables.start_state]
        self.value_stack = []
        self.warnings = []           # the lexer's Diagnostics (escapes out of range)

    # -- scopes --
    def declare(self, name, is_typedef):
        self.scopes[-1][name] = is_typedef
        if is_typedef:
            self.typedef_names.add(name)

    def lookup(self, name):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def pop_scope(self):
        if len(self.scopes) > 1:
            self.scopes.pop()

    def end_for_scope(self):
        """The for statement was reduced: its scope ends (unless it already did)."""
        if self.early_pops:
            self.early_pops -= 1
        else:
            self.for_depth -= 1
            self.pop_scope()

    def close_finished_fors(self):
        """Pop the scopes of for statements that end before the next token.

        A for statement is only reduced when the token after its body arrives,
        but that token must already be looked up without the for's names:
        `for (int T = 0; ...) ; T x;` with T a typedef outside. So we ask the
        tables whether an identifier here would reduce any for_stmt first."""
        actions = self.tables.actions
        states = list(self.state_stack)
        while True:
            act = actions[states[-1]].get("IDENTIFIER")
            if act is None or act[0]:
                return
            size, _, origin = act[1]
            if size:
                del states[-size:]
            states.append(actions[states[-1]][origin][1])
            if origin == "for_stmt" and self.for_depth:
                self.for_depth -= 1
                self.early_pops += 1
                self.pop_scope()

    def declare_from_declarator(self, d):
        # The DeclSpecs of this declaration is the nearest one on the stack.
        specs = None
        for v in reversed(self.value_stack):
            if isinstance(v, DeclSpecs):
                specs = v
                break
        self.declare(d.name, specs is not None and specs.is_typedef)

    def function_head(self, d):
        if d.name is not None:
            self.declare(d.name, False)
        params = []
        for deriv in d.derivs:
            if deriv[0] == "func":
                params = [pd.name for _, pd in deriv[1] if pd.name]
                break
        self.pending_params = params

    # -- the LALR loop --
    def feed(self, tok):
        """Reduce as far as tok allows, then shift it (or accept at the end)."""
        actions = self.tables.actions
        states = self.state_stack
        values = self.value_stack
        ttype = tok.type
        while True:
            act = actions[states[-1]].get(ttype)
            if act is None:
                raise SyntaxErrorAt()
            shift, arg = act
            if shift:
                states.append(arg)
                values.append(tok)
                return None
            size, callback, origin = arg
            if callback is None:                  # `?a: b`: the value stays as it is
                del states[-1]
                states.append(actions[states[-1]][origin][1])
                if ttype == "$END" and states[-1] == self.tables.end_state:
                    return values[-1]
                continue
            if size:
                children = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                children = []
            value = callback(children)
            states.append(actions[states[-1]][origin][1])
            values.append(value)
            if ttype == "$END" and states[-1] == self.tables.end_state:
                return value

    # -- parsing --
    def parse(self, text, filename):
        tokens, end_loc = lex(text, filename, self.terminal_of, self.warnings)
        _BUILDER.ctx = self
        actions = self.tables.actions
        states = self.state_stack
        feed = self.feed
        typedef_names = self.typedef_names
        prev = None
        prev2 = None
        for tok in tokens:
            ttype = tok.type
            if ttype == "IDENTIFIER" and tok.value in typedef_names:
                if self.for_depth:
                    self.close_finished_fors()
                if self.lookup(tok.value) and "TYPE_NAME" in actions[states[-1]]:
                    tok.type = "TYPE_NAME"
            try:
                feed(tok)
            except SyntaxErrorAt:
                raise self.syntax_error(tok, prev) from None
            if ttype == "LBRACE":
                self.open_brace(prev, prev2)
            elif ttype == "RBRACE":
                if self.braces and self.braces.pop():
                    self.pop_scope()
            elif ttype == "LPAR" and prev is not None and prev.type == "FOR":
                self.scopes.append({})
                self.for_depth += 1
            prev2, prev = prev, tok
        end = Tok("$END", "", "end of input", end_loc)
        try:
            return feed(end)
        except SyntaxErrorAt:
            raise self.syntax_error(end, prev) from None

    def open_brace(self, prev, prev2):
        is_enum = prev is not None and (prev.type == "ENUM" or (
            prev2 is not None and prev2.type == "ENUM" and prev.type in ("IDENTIFIER", "TYPE_NAME")))
        if is_enum:
            self.braces.append(False)        # enumerators belong to the enclosing scope
            return
        scope = {}
        if self.pending_params is not None:
            for name in self.pending_params:
                scope[name] = False
            self.pending_params = None
        self.scopes.append(scope)
        self.braces.append(True)

    def syntax_error(self, tok, prev):
        return syntaxmsg.syntax_error(self, tok, prev)

    def display(self, name):
        if name in _DISPLAY:
            return _DISPLAY[name]
        return "'" + self.tables.text_of.get(name, name) + "'"


def parse(text, filename, warnings=None):
    """Preprocessed C text -> list of top-level parse-tree nodes. The
    lexer's warnings are added to the list `warnings` if one is given."""
    parser = Parser()
    items = parser.parse(text, filename)
    if warnings is not None:
        warnings.extend(parser.warnings)
    return items
