"""Grammar callbacks: lark reductions -> parse-tree nodes (ptree.py).

`Builder` is lark's embedded transformer: each method is named for a rule
of grammar.lark and runs when the parser reduces that rule, returning the
N node (or DeclSpecs, Declarator...) for it. Binary operators arrive as a
flat chain and are grouped by precedence here (_PREC). The builder also
keeps the running Parser's scope tracker informed (a completed declarator
declares its name at once: see parser.py's typedef-name problem).
"""

from lark import Transformer

from .lexer import Tok, parse_int
from .ptree import N, DeclSpecs, Declarator, InitDeclarator, AttrList


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
