"""Semantic analysis: parse tree -> typed AST (see ast.py for the result).

The work is split by topic into mixins that make up one `Sema` class:
    sema_types.py   declaration specifiers + declarators -> C types
    sema_expr.py    expressions and C's conversion rules
    sema_init.py    initializers -> flat (offset, type, value) lists
    sema.py (here)  scopes, declarations, functions, statements

Errors: `self.error(msg, loc)` raises CompileError. Analysis recovers at
the next statement or top-level declaration, so one run reports all the
errors it can find (up to MAX_ERRORS) in one CompileError.
"""

from . import ast as A
from . import ctypes as T
from . import constexpr
from ..obj import section_limit
from .diag import CompileError, Diagnostic
from .sema_expr import ExprMixin
from .sema_init import CompoundLiteralMixin, InitMixin
from .sema_types import TypesMixin, Typedef

MAX_ERRORS = 20


class Scope:
    """One block: ordinary identifiers (Symbols and Typedefs) and tags."""

    def __init__(self, parent):
        self.parent = parent
        self.names = {}
        self.tags = {}


class FunctionContext:
    """What statements need to know about the function they are in."""

    def __init__(self, fdef):
        self.fdef = fdef
        self.labels = {}        # name -> Label node
        self.gotos = []         # Goto nodes, resolved at the end
        self.breakable = []     # stack of 'loop' / Switch nodes
        self.static_names = {}  # for unique static-local labels


class Sema(TypesMixin, ExprMixin, InitMixin, CompoundLiteralMixin):
    def __init__(self, filename):
        self.tu = A.TranslationUnit(filename)
        self.scope = Scope(None)
        self.file_scope = self.scope
        self.errors = []
        self.warnings = []
        self.strings = {}
        self.function = None       # FunctionDef being analysed
        self.fctx = None
        self.global_defs = {}      # Symbol -> GlobalVar
        self.static_labels = set()

    # -- diagnostics --
    def error(self, message, loc):
        raise CompileError([Diagnostic("error", message, loc or A.NOLOC)])

    def warning(self, message, loc):
        self.warnings.append(Diagnostic("warning", message, loc or A.NOLOC))

    def recover(self, e):
        """Record the errors of a failed declaration/statement; stop if too many."""
        self.errors.extend(e.diagnostics)
        if len(self.errors) >= MAX_ERRORS:
            raise CompileError(self.errors)

    # -- scopes --
    def push(self):
        self.scope = Scope(self.scope)

    def pop(self):
        self.scope = self.scope.parent

    def lookup(self, name):
        s = self.scope
        while s is not None:
            entry = s.names.get(name)
            if entry is not None:
                return entry
            s = s.parent
        return None

    def lookup_tag(self, tag, current_only=False):
        s = self.scope
        while s is not None:
            t = s.tags.get(tag)
            if t is not None or current_only:
                return t
            s = s.parent
        return None

    def declare_ordinary(self, name, entry, loc):
        old = self.scope.names.get(name)
        if old is not None:
            self.error(f"redefinition of '{name}'", loc)
        self.scope.names[name] = entry

    # -- translation unit --
    def run(self, items):
        A.Symbol._next_uid = 0
        for item in items:
            try:
                self.top_level(item)
            except CompileError as e:
                self.recover(e)
            except RecursionError:
                self.recover(CompileError([Diagnostic(
                    "error", "expression or statement nested too deeply", item.loc)]))
        self.finish()
        if self.errors:
            raise CompileError(self.errors)
        return self.tu, self.warnings

    def top_level(self, n):
        if n.kind == "funcdef":
            self.function_definition(n)
        elif n.kind == "static_assert":
            self.static_assert(n)
        elif n.kind == "top_asm":
            node = A.TopAsm(n.text, n.loc)
            self.tu.asm.append(node)
            self.tu.items.append(node)
        else:
            self.declaration(n, file_scope=True)

    def finish(self):
        for sym in self.tu.symbols.values():
            if sym.kind == A.GLOBAL and sym.defined and not sym.type.is_complete():
                t = sym.type
                if t.is_array() and t.length is None and t.elem.is_complete():
                    sym.type = T.ArrayType(t.elem, 1, t.const, t.volatile)
                    self.warning(f"array '{sym.name}' assumed to have one element", sym.loc)
                else:
                    self.errors.append(Diagnostic(
                        "error", f"storage size of '{sym.name}' isn't known", sym.loc))
            if sym.used and not sym.defined and sym.kind in (A.GLOBAL, A.FUNCTION):
                if sym.storage == "static" and sym.kind == A.FUNCTION:
                    self.warning(f"'{sym.name}' used but never defined", sym.loc)
                self.tu.externs.append(sym)
        for gv in self.tu.globals:
            self.check_static_size(gv)

    def check_static_size(self, gv):
        """A static object fits the section the back end gives it (lang/cc/
        data.py): all zero -> .bss, else bytes in .data or .rodata."""
        sym = gv.symbol
        if not sym.type.is_complete():
            return
        size = max(sym.type.size, gv.init.size if gv.init is not None else 0)
        nobits = constexpr.is_zero_init(gv.init)
        limit, what = section_limit(nobits)
        if size > limit:
            hint = "" if nobits or size > section_limit(True)[0] else \
                " (uninitialized, it would go to .bss and need no bytes)"
            self.errors.append(Diagnostic(
                "error", f"'{sym.name}' is too large: {size:,} bytes, more than {what}{hint}",
                sym.loc))

    # -- declarations --
    def declaration(self, n, file_scope=False, out=None):
        """A declaration; block-scope LocalDecls are appended to `out`."""
        specs = n.specs
        storage, st_loc = self.storage_class(specs)
        if file_scope and storage in ("auto", "register"):
            self.error(f"file-scope declaration specifies '{storage}'", st_loc)
        base = self.base_type(specs)
        if not n.inits:
            if base is None:
                self.error("declaration does not declare anything", n.loc)
            if specs.tag is not None and specs.tag.kind == "struct" and specs.tag.members is None \
                    and self.lookup_tag(specs.tag.tag, current_only=True) is None:
                self.declare_tag(specs.tag.su, specs.tag.tag, n.loc)   # `struct s;`
            return
        attrs = self.attributes(specs.attrs)
        if specs.noreturn:
            attrs.noreturn = True
        for idecl in n.inits:
            try:
                self.declarator(idecl, base, storage, attrs, file_scope, out)
            except CompileError as e:
                self.recover(e)         # `int a = bad, b;` still declares b

    def declarator(self, idecl, base, storage, attrs, file_scope, out):
        d = idecl.declarator
        if base is None:
            self.error(f"type specifier missing in declaration of '{d.name}'", d.loc)
        dattrs = A.Attributes().merge(attrs).merge(self.attributes(idecl.attrs))
        t = self.declarator_type(base, d)
        if storage == "typedef":
            self.typedef(d, t, idecl)
        elif t.is_function():
            self.function_declaration(d, t, storage, dattrs, idecl)
        elif file_scope:
            self.global_variable(d, t, storage, dattrs, idecl)
        else:
            self.local_variable(d, t, storage, dattrs, idecl, out)

    def typedef(self, d, t, idecl):
        if idecl.init is not None:
            self.error(f"typedef '{d.name}' is initialized", d.loc)
        old = self.scope.names.get(d.name)
        if old is not None:
            if isinstance(old, Typedef) and old.type == t:
                return
            self.error(f"conflicting types for '{d.name}'" if isinstance(old, Typedef)
                       else f"'{d.name}' redeclared as different kind of symbol", d.loc)
        self.scope.names[d.name] = Typedef(d.name, t.named(d.name), d.loc)

    def function_declaration(self, d, t, storage, attrs, idecl):
        if idecl.init is not None:
            self.error(f"function '{d.name}' is initialized like a variable", d.loc)
        if storage not in (None, "extern", "static"):
            self.error(f"invalid storage class for function '{d.name}'", d.loc)
        if storage == "static" and self.scope is not self.file_scope:
            self.error(f"invalid storage class for function '{d.name}'", d.loc)
        sym = self.file_symbol(d.name, A.FUNCTION, t, storage, d.loc)
        sym.attrs.merge(attrs)
        if self.scope is not self.file_scope:
            self.scope.names[d.name] = sym

    def file_symbol(self, name, kind, t, storage, loc):
        """Declare (or redeclare) a file-scope object or function."""
        old = self.tu.symbols.get(name)
        here = self.file_scope.names.get(name)
        if old is None or (here is not None and here is not old):
            if here is not None:
                self.error(f"'{name}' redeclared as different kind of symbol", loc)
            sym = A.Symbol(name, kind, t, loc, storage)
            self.tu.symbols[name] = sym
            if self.scope is self.file_scope or kind == A.FUNCTION or storage == "extern":
                self.file_scope.names.setdefault(name, sym)
            return sym
        if old.kind != kind or not T.compatible(old.type, t):
            self.error(f"conflicting types for '{name}'", loc)
        if kind == A.FUNCTION and t.prototyped and not old.type.prototyped:
            old.type = t
        if kind == A.GLOBAL and t.is_complete() and not old.type.is_complete():
            old.type = t
        if storage == "static" and old.storage != "static":
            if old.storage is None or old.defined or kind == A.GLOBAL:
                self.error(f"static declaration of '{name}' follows non-static declaration", loc)
        if old.storage == "static":
            pass                                    # linkage stays internal
        elif storage == "static":
            old.storage = "static"
            old.is_public = False
        return old

    def global_variable(self, d, t, storage, attrs, idecl):
        if t.is_void():
            self.error(f"variable '{d.name}' declared void", d.loc)
        sym = self.file_symbol(d.name, A.GLOBAL, t, storage, d.loc)
        sym.attrs.merge(attrs)
        if storage == "extern" and idecl.init is None:
            return
        gv = self.global_defs.get(sym)
        if gv is None:
            gv = A.GlobalVar(sym, None, d.loc)
            self.global_defs[sym] = gv
            self.tu.globals.append(gv)
            self.tu.items.append(gv)
        sym.defined = True
        if idecl.init is not None:
            if gv.init is not None:
                self.error(f"redefinition of '{d.name}'", d.loc)
            sym.type, gv.init = self.initializer(sym.type, idecl.init, True, d.name, d.loc)

    def local_variable(self, d, t, storage, attrs, idecl, out):
        if t.is_void():
            self.error(f"variable '{d.name}' declared void", d.loc)
        if storage == "extern":
            if idecl.init is not None:
                self.error(f"'{d.name}' has both 'extern' and initializer", d.loc)
            sym = self.file_symbol(d.name, A.GLOBAL, t, storage, d.loc)
            self.declare_ordinary(d.name, sym, d.loc)
            return
        if storage == "static":
            sym = A.Symbol(d.name, A.STATIC_LOCAL, t, d.loc, "static")
            sym.label = self.static_label(d.name)
            sym.attrs = attrs
            sym.defined = True
            self.declare_ordinary(d.name, sym, d.loc)
            gv = A.GlobalVar(sym, None, d.loc)
            if idecl.init is not None:
                sym.type, gv.init = self.initializer(t, idecl.init, True, d.name, d.loc)
            if not sym.type.is_complete():
                self.error(f"storage size of '{d.name}' isn't known", d.loc)
            self.tu.globals.append(gv)
            self.tu.items.append(gv)
            self.function.static_locals.append(sym)
            self.block_symbols.append(sym)
            return
        sym = A.Symbol(d.name, A.LOCAL, t, d.loc, storage)
        sym.attrs = attrs
        self.declare_ordinary(d.name, sym, d.loc)
        init = None
        if idecl.init is not None:
            sym.type, init = self.initializer(t, idecl.init, False, d.name, d.loc)
            sym.address_taken = sym.address_taken or sym.type.is_array()
        if not sym.type.is_complete():
            self.error(f"storage size of '{d.name}' isn't known", d.loc)
        self.function.locals.append(sym)
        self.block_symbols.append(sym)
        out.append(A.LocalDecl(sym, init, d.loc))

    def static_label(self, name):
        base = f"{self.function.name}.{name}"
        label = base
        k = 1
        while label in self.static_labels:
            k += 1
            label = f"{base}.{k}"
        self.static_labels.add(label)
        return label

    def static_assert(self, n):
        """_Static_assert(expr, "message"): a compile-time check (e.g. of a layout)."""
        e = self.value(n.expr)
        v = constexpr.eval_int(e) if e.type.is_integer() else None
        if v is None:
            self.error("expression in static assertion is not an integer constant", n.expr.loc)
        if v == 0:
            self.error(f'static assertion failed: "{n.message}"', n.loc)

    # -- functions --
    def function_definition(self, n):
        d = n.declarator
        specs = n.specs
        name = d.name
        base = self.base_type(specs) if specs is not None else None
        if base is None:
            self.error(f"function '{name}' declared without a return type", d.loc)
        storage, st_loc = self.storage_class(specs)
        if storage not in (None, "extern", "static"):
            self.error(f"invalid storage class for function '{name}'", st_loc)
        if not d.derivs or d.derivs[0][0] != "func":
            self.error(f"'{name}' is not a function but is followed by a body", d.loc)
        params = []
        t = self.declarator_type(base, d, params)
        ret = t.ret
        if not ret.is_void() and not ret.is_complete():
            self.error(f"return type is an incomplete type '{ret}'", d.loc)
        sym = self.file_symbol(name, A.FUNCTION, t, storage, d.loc)
        if sym.defined:
            self.error(f"redefinition of '{name}'", d.loc)
        sym.type = t
        sym.defined = True
        sym.attrs.merge(self.attributes(specs.attrs))
        if specs.noreturn:
            sym.attrs.noreturn = True
        fdef = A.FunctionDef(sym, [], None, d.loc)
        self.tu.functions.append(fdef)
        self.tu.items.append(fdef)
        self.function = fdef
        self.fctx = FunctionContext(fdef)
        self.push()
        try:
            for pname, ptype, ploc in params:
                if pname is None:
                    self.error("parameter name omitted", ploc)
                psym = A.Symbol(pname, A.PARAM, ptype, ploc)
                self.declare_ordinary(pname, psym, ploc)
                fdef.params.append(psym)
            fdef.body = self.compound(n.body, new_scope=False)
            self.finish_function(fdef, n)
        finally:
            self.pop()
            self.function = None
            self.fctx = None

    def finish_function(self, fdef, n):
        ctx = self.fctx
        for g in ctx.gotos:
            label = ctx.labels.get(g.name)
            if label is None:
                self.errors.append(Diagnostic("error", f"label '{g.name}' used but not defined", g.loc))
            g.target = label
        fdef.labels = list(ctx.labels)
        fdef.end_loc = n.body.end_loc
        for sym in fdef.locals + fdef.static_locals:
            if not sym.used and not sym.attrs.unused and not sym.name.startswith("__literal"):
                self.warning(f"unused variable '{sym.name}'", sym.loc)
        if fdef.name == "main" and fdef.return_type.unqualified() == T.INT:
            items = fdef.body.items
            if not items or not isinstance(items[-1], A.Return):
                # C99: reaching the end of main returns 0.
                items.append(A.Return(A.IntConst(0, T.INT, fdef.end_loc), fdef.end_loc))

    # -- statements --
    def compound(self, n, new_scope=True):
        if new_scope:
            self.push()
        saved = getattr(self, "block_symbols", None)
        self.block_symbols = []
        items = []
        try:
            for item in n.items:
                try:
                    if item.kind == "decl":
                        self.declaration(item, out=items)
                    elif item.kind == "static_assert":
                        self.static_assert(item)
                    else:
                        items.append(self.statement(item))
                except CompileError as e:
                    self.recover(e)
            return A.Compound(items, self.block_symbols, n.loc, n.end_loc)
        finally:
            self.block_symbols = saved
            if new_scope:
                self.pop()

    def statement(self, n):
        return getattr(self, "s_" + n.kind)(n)

    def s_compound(self, n):
        return self.compound(n)

    def s_expr_stmt(self, n):
        if n.expr is None:
            return A.Compound([], [], n.loc, n.loc)
        e = self.expr(n.expr)
        return A.ExprStmt(self.decay(e), n.loc)

    def s_if(self, n):
        cond = self.scalar(n.cond)
        then = self.statement(n.then)
        else_ = self.statement(n.else_) if n.else_ is not None else None
        return A.If(cond, then, else_, n.loc)

    def loop_body(self, n):
        self.fctx.breakable.append("loop")
        try:
            return self.statement(n)
        finally:
            self.fctx.breakable.pop()

    def s_while(self, n):
        cond = self.scalar(n.cond)
        return A.While(cond, self.loop_body(n.body), n.loc)

    def s_do(self, n):
        body = self.loop_body(n.body)
        return A.DoWhile(body, self.scalar(n.cond), n.loc)

    def s_for(self, n):
        self.push()
        saved = self.block_symbols
        self.block_symbols = []
        try:
            init = None
            if n.init is not None:
                if n.init.kind == "decl":
                    decls = []
                    self.declaration(n.init, out=decls)
                    init = A.Compound(decls, self.block_symbols, n.init.loc, n.init.loc)
                else:
                    init = self.s_expr_stmt(n.init)
            cond = self.scalar(n.cond) if n.cond is not None else None
            step = self.decay(self.expr(n.step)) if n.step is not None else None
            body = self.loop_body(n.body)
            return A.For(init, cond, step, body, n.loc)
        finally:
            self.block_symbols = saved
            self.pop()

    def s_switch(self, n):
        e = self.value(n.expr)
        if not e.type.is_integer():
            self.error("switch quantity not an integer", n.expr.loc)
        e = self.promote(e)
        sw = A.Switch(e, None, [], None, n.loc)
        self.fctx.breakable.append(sw)
        try:
            sw.body = self.statement(n.body)
        finally:
            self.fctx.breakable.pop()
        return sw

    def current_switch(self):
        for b in reversed(self.fctx.breakable):
            if isinstance(b, A.Switch):
                return b
        return None

    def s_case(self, n):
        sw = self.current_switch()
        if sw is None:
            self.error("case label not within a switch statement", n.loc)
        e = self.value(n.expr)
        v = constexpr.eval_int(e) if e.type.is_integer() else None
        if v is None:
            self.error("case label does not reduce to an integer constant", n.expr.loc)
        v = sw.expr.type.wrap(v)
        if any(c.value == v for c in sw.cases):
            self.error(f"duplicate case value {v}", n.loc)
        node = A.Case(v, None, n.loc)
        sw.cases.append(node)
        node.body = self.statement(n.body)
        return node

    def s_default(self, n):
        sw = self.current_switch()
        if sw is None:
            self.error("'default' label not within a switch statement", n.loc)
        if sw.default is not None:
            self.error("multiple default labels in one switch", n.loc)
        node = A.Default(None, n.loc)
        sw.default = node
        node.body = self.statement(n.body)
        return node

    def s_break(self, n):
        if not self.fctx.breakable:
            self.error("break statement not within loop or switch", n.loc)
        return A.Break(n.loc)

    def s_continue(self, n):
        if "loop" not in self.fctx.breakable:
            self.error("continue statement not within a loop", n.loc)
        return A.Continue(n.loc)

    def s_return(self, n):
        fdef = self.function
        ret = fdef.return_type.unqualified()
        if n.expr is None:
            if not ret.is_void():
                self.error(f"non-void function '{fdef.name}' should return a value", n.loc)
            return A.Return(None, n.loc)
        e = self.value(n.expr)
        if ret.is_void():
            if not e.type.is_void():
                self.error(f"void function '{fdef.name}' should not return a value", n.loc)
            return A.Return(A.Cast(e, T.VOID, "void", False, e.loc), n.loc)
        v = self.assign_convert(e, ret, lambda: (
            f"incompatible types when returning '{e.type}' from a function "
            f"with return type '{ret}'"), n.loc)
        return A.Return(v, n.loc)

    def s_goto(self, n):
        g = A.Goto(n.name, n.loc)
        self.fctx.gotos.append(g)
        return g

    def s_label(self, n):
        if n.name in self.fctx.labels:
            self.error(f"duplicate label '{n.name}'", n.loc)
        node = A.Label(n.name, None, n.loc)
        self.fctx.labels[n.name] = node
        node.body = self.statement(n.body)
        return node

    def s_asm(self, n):
        if n.basic:
            return A.AsmStmt(n.template, [], [], [], True, True, n.loc)
        outputs = []
        for constraint, expr, loc in n.outputs:
            if constraint not in ("=r", "+r"):
                self.error(f"unsupported asm output constraint '{constraint}'", loc)
            e = self.expr(expr)
            if not e.is_lvalue or not e.type.is_scalar():
                self.error("asm output operand is not a scalar lvalue", expr.loc)
            self.check_writable(e, expr.loc)
            outputs.append(A.AsmOperand(constraint, e, loc))
        inputs = []
        for constraint, expr, loc in n.inputs:
            e = self.value(expr)
            if constraint == "i":
                v = constexpr.eval_int(e) if e.type.is_integer() else None
                if v is None:
                    self.error("asm operand with 'i' constraint is not an integer constant", expr.loc)
                e = A.IntConst(v, e.type, e.loc)
            elif constraint == "r":
                if not e.type.is_scalar():
                    self.error("asm input operand is not a scalar", expr.loc)
                if e.type.is_integer():
                    e = self.promote(e)
            else:
                self.error(f"unsupported asm input constraint '{constraint}'", loc)
            inputs.append(A.AsmOperand(constraint, e, loc))
        self.check_asm_operands(n.template, len(outputs) + len(inputs), n.loc)
        return A.AsmStmt(n.template, outputs, inputs, list(n.clobbers), True, False, n.loc)

    def check_asm_operands(self, template, count, loc):
        i = 0
        while True:
            i = template.find("%", i)
            if i < 0 or i + 1 >= len(template):
                return
            c = template[i + 1]
            if c == "%":
                i += 2
                continue
            j = i + 1
            while j < len(template) and template[j].isdigit():
                j += 1
            if j == i + 1:
                self.error("invalid 'asm': operand number missing after %-letter", loc)
            if int(template[i + 1:j]) >= count:
                self.error("invalid 'asm': operand number out of range", loc)
            i = j


def analyze_items(items, filename):
    """Run semantic analysis on parsed items -> (TranslationUnit, warnings)."""
    return Sema(filename).run(items)
