"""The C front end: parsing, typing, conversions, initializers, typedef names."""

import pytest

from lang.cc import ast as A
from lang.cc import ctypes as T
from lang.cc.frontend import analyze


# --- helpers -----------------------------------------------------------------
def unit(src, filename="t.c"):
    tu, _ = analyze(src, filename)
    return tu


def func(tu, name):
    return next(f for f in tu.functions if f.name == name)


def glob(tu, name):
    return next(g for g in tu.globals if g.symbol.name == name)


def stmts(tu, fname):
    return func(tu, fname).body.items


def ret(tu, fname, index=-1):
    """The value of function fname's index-th top-level return statement."""
    return [s for s in stmts(tu, fname) if isinstance(s, A.Return)][index].value


def expr_of(decls, expr, rtype="int"):
    """Type-check `expr` inside a function after `decls`; returns the typed value."""
    tu = unit(f"{decls}\n{rtype} probe(void) {{ return {expr}; }}\n")
    return ret(tu, "probe")


def bare(e):
    while isinstance(e, A.Cast) and not e.explicit:
        e = e.expr
    return e


def init_values(gv):
    out = []
    for item in gv.init.items:
        e = item.expr
        if isinstance(e, A.IntConst):
            out.append((item.offset, e.value))
        else:
            out.append((item.offset, f"{e.label}+{e.offset}"))
    return out


# --- types ---------------------------------------------------------------------
@pytest.mark.parametrize("t, text", [
    (T.INT, "int"), (T.UINT, "unsigned int"), (T.PointerType(T.CHAR), "char *"),
    (T.PointerType(T.CHAR.qualified(const=True)), "const char *"),
    (T.ArrayType(T.INT, 4), "int[4]"),
    (T.PointerType(T.FunctionType(T.INT, [T.INT, T.PointerType(T.CHAR)])), "int (*)(int, char *)"),
    (T.VOID, "void"), (T.ArrayType(T.PointerType(T.INT), 3), "int *[3]"),
    (T.PointerType(T.ArrayType(T.INT, 3)), "int (*)[3]"),
    (T.FunctionType(T.INT, [T.PointerType(T.CHAR)], variadic=True), "int(char *, ...)"),
])
def test_type_spelling(t, text):
    assert str(t) == text


def test_usual_arithmetic_conversions():
    assert T.usual_arithmetic(T.CHAR, T.UCHAR) == T.INT
    assert T.usual_arithmetic(T.INT, T.UINT) == T.UINT
    assert T.usual_arithmetic(T.LONG, T.UINT) == T.ULONG
    assert T.usual_arithmetic(T.SHORT, T.LONG) == T.LONG


def test_struct_layout_i386():
    tu = unit("struct s { char c; int i; short h; char d; } x; union u { char c; int i; short h[3]; } y;")
    s = glob(tu, "x").symbol.type
    assert [(f.name, f.offset) for f in s.fields] == [("c", 0), ("i", 4), ("h", 8), ("d", 10)]
    assert (s.size, s.align) == (12, 4)
    u = glob(tu, "y").symbol.type
    assert (u.size, u.align) == (8, 4)
    assert all(f.offset == 0 for f in u.fields)


def test_packed_and_aligned_attributes():
    tu = unit("struct __attribute__((packed)) p { char c; int i; } a;\n"
              "struct q { char c; } __attribute__((aligned(8))) b;\n")
    assert glob(tu, "a").symbol.type.size == 5
    assert glob(tu, "b").symbol.type.size == 8 and glob(tu, "b").symbol.type.align == 8


def test_anonymous_members_and_designated_init():
    tu = unit("struct S { int a; struct { int b, c; }; union { int d; char e; }; } "
              "sv = { 1, { 2, 3 }, { 4 } }, w = { .c = 9, .d = 7 };\n"
              "int f(void) { return sv.c + sv.e; }")
    t = glob(tu, "sv").symbol.type
    assert t.field("c").offset == 8 and t.field("e").offset == 12
    assert init_values(glob(tu, "sv")) == [(0, 1), (4, 2), (8, 3), (12, 4)]
    assert init_values(glob(tu, "w")) == [(8, 9), (12, 7)]


def test_enum_constants():
    tu = unit("enum color { RED, GREEN = 5, BLUE, NEG = -2, NEXT };\n"
              "int f(void) { return BLUE + NEXT; }")
    e = ret(tu, "f")
    assert isinstance(e, A.IntConst) and e.value == 5


# --- typedef names -------------------------------------------------------------------
def test_typedef_then_use():
    tu = unit("typedef int T; T x; T *p; int f(T a) { T b = a; return b; }")
    assert glob(tu, "x").symbol.type == T.INT
    assert glob(tu, "p").symbol.type == T.PointerType(T.INT)


def test_typedef_shadowed_by_variable_in_inner_scope():
    tu = unit("typedef int T;\nint f(void) { int T = 3; T = T + 1; return T; }\n"
              "T g(void) { T y = 2; return y; }")
    body = stmts(tu, "f")
    assert isinstance(body[0], A.LocalDecl) and body[0].symbol.name == "T"
    assign = body[1].expr
    assert isinstance(assign, A.Assign) and assign.target.symbol is body[0].symbol
    assert func(tu, "g").return_type == T.INT


def test_typedef_name_as_declarator_of_same_type():
    tu = unit("typedef int T; int f(void) { T T = 4; return T; }")
    assert stmts(tu, "f")[0].symbol.type == T.INT


def test_block_scope_typedef_ends_with_block():
    tu = unit("int T;\nint f(void) { { typedef char T; T c = 1; } return T; }")
    inner = stmts(tu, "f")[0]
    assert inner.items[0].symbol.type == T.CHAR
    assert isinstance(ret(tu, "f"), A.Ident)        # T is the global int again


def test_typedef_multiplication_vs_declaration():
    tu = unit("typedef int T; int a, b;\nint f(void) { T * p; a * b; return 0; }")
    body = stmts(tu, "f")
    assert isinstance(body[0], A.LocalDecl) and body[0].symbol.type == T.PointerType(T.INT)
    assert isinstance(body[1], A.ExprStmt) and isinstance(body[1].expr, A.Binary)


def test_typedef_of_function_pointer():
    tu = unit("typedef int (*op_t)(int, int);\nint add(int a, int b) { return a + b; }\n"
              "op_t ops[2] = { add, 0 };\nint f(op_t g) { return g(1, 2) + ops[0](3, 4); }")
    t = glob(tu, "ops").symbol.type
    assert str(t) == "int (*[2])(int, int)"
    assert init_values(glob(tu, "ops")) == [(0, "add+0"), (4, 0)]
    call = bare(ret(tu, "f")).left
    assert isinstance(call, A.Call) and call.direct is None


def test_typedef_of_struct_and_self_reference():
    tu = unit("typedef struct node { struct node *next; int v; } node_t;\n"
              "int f(node_t *n) { return n->next->v; }")
    m = ret(tu, "f")
    assert isinstance(m, A.Member) and m.offset == 4


def test_typedef_in_parameter_scope_and_for_scope():
    tu = unit("typedef int T;\nint f(int T) { return T; }\n"
              "int g(void) { for (int T = 0; T < 2; T++) ; T x = 1; return x; }")
    assert isinstance(ret(tu, "f"), A.Ident)
    assert stmts(tu, "g")[1].symbol.type == T.INT


def test_enumerator_shadows_typedef():
    tu = unit("typedef int T;\nint f(void) { enum { T = 7 }; return T; }")
    assert ret(tu, "f").value == 7


def test_member_named_like_typedef():
    tu = unit("typedef int T; struct s { int T; } v;\nint f(void) { return v.T; }")
    assert isinstance(ret(tu, "f"), A.Member)


# --- declarators -------------------------------------------------------------------
@pytest.mark.parametrize("decl, text", [
    ("int *a[3];", "int *[3]"),
    ("int (*a)[3];", "int (*)[3]"),
    ("int (*a)(int, char *);", "int (*)(int, char *)"),
    ("int (*a[2])(void);", "int (*[2])(void)"),
    ("char **a;", "char **"),
    ("const char *const a;", "const char * const"),
    ("int a[2][3];", "int[2][3]"),
    ("void (*(*a)(int))(int);", "void (*(*)(int))(int)"),
])
def test_declarator_types(decl, text):
    tu = unit(decl.replace(";", " = 0;") if "const a" in decl else decl)
    assert str(glob(tu, "a").symbol.type) == text


def test_function_returning_function_pointer():
    tu = unit("int add(int a, int b) { return a + b; }\n"
              "int (*pick(int w))(int, int) { return w ? add : 0; }")
    f = func(tu, "pick")
    assert str(f.symbol.type) == "int (*(int))(int, int)"
    assert [p.name for p in f.params] == ["w"]


def test_abstract_declarators_in_casts_and_sizeof():
    tu = unit("int f(void *p) { return sizeof(int (*)[4]) + sizeof(char *[3]) + ((int (*)(int))p)(1); }")
    e = bare(ret(tu, "f"))
    assert isinstance(e, A.Binary) and e.left.value == 16
    call = bare(e.right)
    assert isinstance(call, A.Call) and call.direct is None and str(call.func.type) == "int (*)(int)"


def test_old_style_empty_params_and_void():
    tu = unit("int f(); int g(void); int h() { return f(1, 2) + g(); }")
    assert not tu.symbols["f"].type.prototyped
    assert tu.symbols["g"].type.prototyped and tu.symbols["g"].type.params == []


def test_prototype_then_definition_and_extern():
    tu = unit("int f(int);\nextern int counter;\nint f(int x) { return x + counter; }\nint counter = 3;")
    assert tu.symbols["f"].defined and tu.symbols["counter"].defined
    assert [g.symbol.name for g in tu.globals] == ["counter"]


def test_extern_only_is_not_defined():
    tu = unit("extern int ext; int f(void) { return ext; }")
    assert tu.globals == [] and tu.externs == [tu.symbols["ext"]]


# --- expressions -------------------------------------------------------------------------
def test_integer_promotion_is_explicit():
    e = expr_of("char a, b;", "a + b")
    assert isinstance(e, A.Binary) and e.type == T.INT
    assert isinstance(e.left, A.Cast) and e.left.kind == "int" and e.left.expr.type == T.CHAR


def test_signed_unsigned_compare_and_shift():
    e = expr_of("int i; unsigned u;", "i < u")
    assert isinstance(e, A.Compare) and not e.signed and e.left.type == T.UINT
    e = expr_of("int i;", "i >> 2")
    assert isinstance(e, A.Binary) and e.signed
    e = expr_of("unsigned u;", "u / 3", "unsigned")
    assert not e.signed


def test_pointer_arithmetic_is_scaled():
    e = expr_of("int *p;", "*(p + 2)")
    assert isinstance(e, A.Deref) and isinstance(e.pointer, A.PtrAdd) and e.pointer.scale == 4
    e = expr_of("int *p, *q;", "p - q")
    assert isinstance(e, A.PtrDiff) and e.scale == 4 and e.type == T.INT
    e = expr_of("struct s { int a, b, c; } arr[4];", "arr[2].c")
    assert isinstance(e, A.Member) and e.offset == 8
    assert e.base.pointer.scale == 12
    e = expr_of("short *p;", "(int)(p - 1)")
    assert isinstance(bare(e.expr), A.PtrDiff) or isinstance(e.expr, A.PtrSub)


def test_index_commutes():
    e = expr_of("int a[4];", "2[a]")
    assert isinstance(e, A.Deref) and e.pointer.scale == 4


def test_array_and_function_decay():
    e = expr_of("int a[4]; int *p;", "(p = a) != 0")
    assign = e.left
    assert isinstance(assign.value, A.Cast) and assign.value.kind == "decay"
    tu = unit("int g(void); int (*fp)(void) = g; int f(void) { int (*h)(void) = &g; return h(); }")
    assert init_values(glob(tu, "fp")) == [(0, "g+0")]


def test_direct_and_indirect_calls():
    tu = unit("int g(int x) { return x; }\n"
              "int f(int (*fp)(int)) { return g(1) + (&g)(2) + (*g)(3) + fp(4) + (*fp)(5); }")
    calls = []

    def walk(e):
        if isinstance(e, A.Call):
            calls.append(e)
        for v in vars(e).values():
            if isinstance(v, A.Expr):
                walk(v)

    walk(ret(tu, "f"))
    directs = sorted((c.args[0].value, c.direct is not None) for c in calls)
    assert directs == [(1, True), (2, True), (3, True), (4, False), (5, False)]


def test_argument_conversion_and_variadic_promotion():
    tu = unit("int printf(const char *, ...); void take(unsigned char c);\n"
              "int f(char c, short s) { take(300); printf(\"%d\", c, s); return 0; }")
    body = stmts(tu, "f")
    take = body[0].expr
    assert isinstance(take.args[0], A.IntConst) and take.args[0].value == 44
    pf = body[1].expr
    assert [a.type for a in pf.args[1:]] == [T.INT, T.INT]


def test_null_pointer_constants_and_void_pointer():
    e = expr_of("char *p;", "p == 0")
    assert isinstance(e, A.Compare) and e.right.type == T.PointerType(T.CHAR)
    tu = unit("void *malloc(unsigned); int f(void) { int *ip = malloc(4); void *v = ip; return ip == v; }")
    assert tu is not None


def test_conditional_typing():
    assert expr_of("int i; unsigned u;", "i ? i : u", "unsigned").type == T.UINT
    assert expr_of("char *p;", "1 ? p : 0", "char *").type == T.PointerType(T.CHAR)
    assert expr_of("int *p; void *v;", "1 ? p : v", "void *").type == T.PointerType(T.VOID)


def test_compound_assignment_and_incdec():
    tu = unit("int f(char c, int *p) { c += 300; p += 2; p++; --c; c <<= 1; return c; }")
    body = stmts(tu, "f")
    ca = body[0].expr
    assert isinstance(ca, A.CompoundAssign) and ca.op_type == T.INT and ca.type == T.CHAR
    pa = body[1].expr
    assert pa.scale == 4 and pa.op == "+"
    inc = body[2].expr
    assert isinstance(inc, A.IncDec) and inc.scale == 4 and not inc.prefix
    assert body[3].expr.prefix and body[3].expr.scale == 1
    assert body[4].expr.op == "<<"


def test_sizeof_not_evaluated_and_folded():
    tu = unit("int n; int f(void) { int a[10]; return sizeof a + sizeof(n++) + sizeof(struct { char c[3]; }); }")
    e = ret(tu, "f")
    assert isinstance(e, A.IntConst) and e.value == 47


def test_constant_folding_wraps():
    e = expr_of("", "(unsigned)-1 >> 28", "unsigned")
    assert isinstance(e, A.IntConst) and e.value == 15
    e = expr_of("", "(char)200")
    assert e.value == -56
    e = expr_of("", "0x7fffffff + 1")
    assert e.value == -2**31


def test_struct_assignment_pass_and_return():
    tu = unit("struct p { int x, y; };\nstruct p mk(int x) { struct p r; r.x = x; r.y = 0; return r; }\n"
              "int use(struct p q) { return q.x; }\n"
              "int f(void) { struct p a, b; a = mk(1); b = a; return use(b) + mk(2).y; }")
    body = stmts(tu, "f")
    assert isinstance(body[2].expr, A.Assign) and body[2].expr.value.type.is_record()
    assert isinstance(body[3].expr, A.Assign) and body[3].expr.type.is_record()
    use = bare(ret(tu, "f")).left
    assert use.args[0].type.is_record()


def test_address_taken_flag():
    tu = unit("int f(void) { int a, b, c[2]; int *p = &a; b = 1; return *p + b + c[0]; }")
    syms = {s.name: s for s in func(tu, "f").locals}
    assert syms["a"].address_taken and not syms["b"].address_taken and syms["c"].address_taken


def test_char_constants_and_escapes():
    e = expr_of("", "'\\n' + '\\x41' + '\\101' + '\\0' + '\\''")
    assert e.value == 10 + 65 + 65 + 0 + 39
    assert expr_of("", "'\\xff'").value == -1


@pytest.mark.parametrize("text, value, tname", [
    ("42", 42, "int"), ("0x7fffffff", 0x7FFFFFFF, "int"), ("0x80000000", 0x80000000, "unsigned int"),
    ("017", 15, "int"), ("10u", 10, "unsigned int"), ("10L", 10, "long"), ("10UL", 10, "unsigned long"),
    ("3000000000", 3000000000, "unsigned long"),
])
def test_integer_constants(text, value, tname):
    e = stmts(unit(f"void f(void) {{ {text}; }}"), "f")[0].expr
    assert e.value == value and str(e.type) == tname


def test_string_literals_collected_and_concatenated():
    tu = unit('const char *a = "ab" "cd"; const char *b = "ab" "cd"; char c[] = "xyz";\n'
              'int f(void) { return "hello"[1]; }')
    assert [s.data for s in tu.strings] == [b"abcd\0", b"hello\0"]
    assert glob(tu, "c").symbol.type == T.ArrayType(T.CHAR, 4)
    assert init_values(glob(tu, "c")) == [(0, 120), (1, 121), (2, 122), (3, 0)]


# --- initializers -------------------------------------------------------------------------
def test_brace_elision_and_nested_braces():
    tu = unit("int m[2][2] = {1, 2, 3, 4}; int n[2][2] = {{1}, {3, 4}};\n"
              "struct p { int x, y; } ps[] = { {1, 2}, 3, 4, [3].y = 9 };")
    assert init_values(glob(tu, "m")) == [(0, 1), (4, 2), (8, 3), (12, 4)]
    assert init_values(glob(tu, "n")) == [(0, 1), (8, 3), (12, 4)]
    ps = glob(tu, "ps")
    assert ps.symbol.type.length == 4
    assert init_values(ps) == [(0, 1), (4, 2), (8, 3), (12, 4), (28, 9)]


def test_static_address_constants():
    tu = unit("int arr[4]; struct s { int a, b; } sv;\n"
              "int *p = &arr[2]; int *q = arr + 1; int *r = &sv.b; char *s = \"hi\" + 1;\n"
              "void f(void); void (*fp)(void) = &f; int n = sizeof arr / sizeof arr[0];")
    assert init_values(glob(tu, "p")) == [(0, "arr+8")]
    assert init_values(glob(tu, "q")) == [(0, "arr+4")]
    assert init_values(glob(tu, "r")) == [(0, "sv+4")]
    assert init_values(glob(tu, "s")) == [(0, ".Lstr0+1")]
    assert init_values(glob(tu, "fp")) == [(0, "f+0")]
    assert init_values(glob(tu, "n")) == [(0, 4)]


def test_local_initializers_and_zero_fill():
    tu = unit("struct p { int x, y; };\nint f(int v) { int a[4] = {v}; struct p q = {.y = v}; "
              "char s[8] = \"hi\"; struct p r = q; int n = v; return a[0] + q.x + s[0] + r.x + n; }")
    decls = [s for s in stmts(tu, "f") if isinstance(s, A.LocalDecl)]
    a, q, s, r, n = (d.init for d in decls)
    assert a.zero_fill and [i.offset for i in a.items] == [0]
    assert q.zero_fill and [i.offset for i in q.items] == [4]
    assert s.zero_fill and len(s.items) == 3
    assert not r.zero_fill and r.items[0].type.is_record()
    assert not n.zero_fill


def test_static_locals_get_unique_labels():
    tu = unit("int f(void) { static int count = 1; { static int count; } return count++; }\n"
              "int g(void) { static int count; return count; }")
    labels = [g.symbol.label for g in tu.globals]
    assert labels == ["f.count", "f.count.2", "g.count"]
    assert func(tu, "f").static_locals[0].kind == A.STATIC_LOCAL


def test_tentative_definitions_merge():
    tu = unit("int x; int x; int x = 5; static int y; int a[];")
    assert [g.symbol.name for g in tu.globals] == ["x", "y", "a"]
    assert init_values(glob(tu, "x")) == [(0, 5)]
    assert glob(tu, "a").symbol.type.length == 1
    assert not tu.symbols["y"].is_public


# --- statements ------------------------------------------------------------------------------
def test_switch_cases_and_default():
    tu = unit("int f(char c) { switch (c) { case 'a': return 1; case 2 + 3: break; default: ; } return 0; }")
    sw = stmts(tu, "f")[0]
    assert isinstance(sw, A.Switch) and sw.expr.type == T.INT
    assert [c.value for c in sw.cases] == [97, 5] and sw.default is not None


def test_labels_and_goto():
    tu = unit("int f(int n) { again: if (n > 0) { n--; goto again; } goto out; out: return n; }")
    f = func(tu, "f")
    assert f.labels == ["again", "out"]


def test_for_with_declaration_and_loops():
    tu = unit("int f(void) { int s = 0; for (int i = 0; i < 3; i++) s += i; "
              "while (s) s--; do s++; while (s < 2); for (;;) break; return s; }")
    body = stmts(tu, "f")
    loop = body[1]
    assert isinstance(loop, A.For) and isinstance(loop.init, A.Compound)
    assert loop.init.items[0].symbol.name == "i"
    assert isinstance(body[2], A.While) and isinstance(body[3], A.DoWhile)
    assert body[4].cond is None


def test_return_conversion_and_main_implicit_zero():
    tu = unit("char f(int x) { return x; } int main(void) { }")
    r = ret(tu, "f")
    assert isinstance(r, A.Cast) and r.type == T.CHAR
    assert ret(tu, "main").value == 0


# --- builtins and kernel features -------------------------------------------------------------
def test_varargs_builtins():
    tu = unit("typedef __builtin_va_list va_list;\n"
              "int sum(int n, ...) { va_list ap, aq; int s = 0; __builtin_va_start(ap, n);\n"
              "  s += __builtin_va_arg(ap, int); __builtin_va_copy(aq, ap);\n"
              "  s += (int)__builtin_va_arg(aq, char *); __builtin_va_end(ap); return s; }")
    body = stmts(tu, "sum")
    assert isinstance(body[3].expr, A.VaStart) and body[3].expr.last.name == "n"
    assert isinstance(body[4].expr.value, A.VaArg)
    assert isinstance(body[5].expr, A.VaCopy) and isinstance(body[7].expr, A.VaEnd)
    assert func(tu, "sum").is_variadic


def test_inline_asm_statements():
    tu = unit('asm(".global entry");\n'
              'int f(int y) { int x; asm volatile("csrr %0, status" : "=r"(x));\n'
              '  asm("add %0, %0, %1" : "+r"(x) : "r"(y) : "memory"); asm("nop"); __asm__ __volatile__("wfi");\n'
              '  asm volatile("li %0, %1" : "=r"(x) : "i"(4 * 2)); return x; }')
    assert tu.asm[0].text == ".global entry"
    a1, a2, a3, a4, a5 = stmts(tu, "f")[1:6]
    assert a1.outputs[0].constraint == "=r" and a1.inputs == [] and not a1.basic
    assert a2.outputs[0].constraint == "+r" and a2.clobbers == ["memory"]
    assert a3.basic and a3.template == "nop" and a4.template == "wfi"
    assert isinstance(a5.inputs[0].expr, A.IntConst) and a5.inputs[0].expr.value == 8


def test_attributes_section_noreturn_aligned():
    tu = unit('__attribute__((section(".text.boot"))) void boot(void) { }\n'
              'void panic(const char *m) __attribute__((noreturn));\n'
              'int stack[16] __attribute__((aligned(16)));\n'
              'static __attribute__((unused)) int quiet;')
    assert func(tu, "boot").attrs.section == ".text.boot"
    assert tu.symbols["panic"].attrs.noreturn
    assert glob(tu, "stack").symbol.attrs.aligned == 16


def test_offsetof_builtin():
    e = expr_of("struct s { char c; int a[3]; };", "__builtin_offsetof(struct s, a[2])")
    assert bare(e).value == 12


# --- locations ---------------------------------------------------------------------------------
def test_linemarkers_give_original_locations():
    text = '# 1 "main.c"\nint a;\n# 1 "inc.h" 1\nint b;\n\nint c;\n# 3 "main.c" 2\nint f(void) { return c; }\n'
    tu = unit(text, "pp.i")
    assert tu.symbols["a"].loc[:2] == ("main.c", 1)
    assert tu.symbols["c"].loc[:2] == ("inc.h", 3)
    assert func(tu, "f").loc[:2] == ("main.c", 3)
    assert ret(tu, "f").loc == ("main.c", 3, 22)


def test_columns_are_one_based_and_tabs_count_one():
    tu = unit("int f(void)\n{\n\treturn 7;\n}\n")
    r = [s for s in stmts(tu, "f") if isinstance(s, A.Return)][0]
    assert (r.loc.line, r.loc.col) == (3, 2)


def test_static_assert_passes_and_fails():
    from lang.cc.diag import CompileError
    unit('struct s { int a; char b; };\n_Static_assert(sizeof(struct s) == 8, "size");\n'
         'int f(void) { static_assert(1, "ok"); return 0; }')
    with pytest.raises(CompileError) as info:
        unit('_Static_assert(sizeof(int) == 2, "int is 2 bytes");')
    assert info.value.message == 'static assertion failed: "int is 2 bytes"'


def test_offsetof_macro_idiom_is_constant():
    tu = unit("typedef unsigned size_t; struct s { char c; int b; short h[3]; };\n"
              "int a[((size_t)&((struct s *)0)->h[2])]; size_t off = (size_t)&((struct s *)0)->b;\n"
              "char *mmio = (char *)0xF0000000;")
    assert glob(tu, "a").symbol.type.length == 12
    assert init_values(glob(tu, "off")) == [(0, 4)]
    assert init_values(glob(tu, "mmio")) == [(0, 0xF0000000)]


def test_bool_conversion_is_a_comparison():
    e = bare(expr_of("int *p; _Bool b;", "b = p"))
    v = e.value
    assert isinstance(v, A.Cast) and v.type == T.BOOL and isinstance(v.expr, A.Compare)
    assert v.expr.op == "!=" and v.expr.right.type == T.PointerType(T.INT)


def test_const_qualifiers_and_typedef_names_kept():
    tu = unit("typedef unsigned int size_t; size_t n; typedef int vec[3]; const vec cv = {1, 2, 3};\n"
              "typedef struct { int x; } point; point pt;")
    n = glob(tu, "n").symbol.type
    assert n == T.UINT and n.typedef_name == "size_t"
    assert glob(tu, "cv").symbol.type.elem.const        # const applies to the elements
    assert str(glob(tu, "pt").symbol.type) == "point"   # anonymous struct spelled by its typedef


def test_block_scope_extern_and_function_declarations():
    tu = unit("int f(void) { extern int shared; int g(int); return g(shared); }\n"
              "int shared = 2; int g(int x) { return x; }")
    call = ret(tu, "f")
    assert call.direct is tu.symbols["g"] and call.args[0].symbol is tu.symbols["shared"]


def test_struct_forward_declaration_completed_later():
    tu = unit("struct node; struct node *head;\nstruct node { int v; struct node *next; };\n"
              "int f(void) { return head->next->v; }")
    assert glob(tu, "head").symbol.type.target.size == 8


def test_static_function_and_linkage():
    tu = unit("static int helper(void); int api(void) { return helper(); }\n"
              "static int helper(void) { return 1; }")
    assert not tu.symbols["helper"].is_public and tu.symbols["api"].is_public


def test_compound_literals():
    tu = unit("struct p { int x, y; };\nstruct p *gp = &(struct p){3, 4};\n"
              "int f(int i) { struct p *q = &(struct p){i, .y = 10}; int *a = (int [4]){[2] = 5};\n"
              "  return q->y + a[2] + (struct p){1}.y; }")
    lit = tu.globals[1]
    assert lit.symbol.label == "__literal.1" and not lit.symbol.is_public
    assert init_values(glob(tu, "gp")) == [(0, "__literal.1+0")]
    hidden = [s for s in func(tu, "f").locals if s.name.startswith("__literal")]
    assert [str(s.type) for s in hidden] == ["struct p", "int[4]", "struct p"]
    assert all(s.address_taken for s in hidden)
    q = stmts(tu, "f")[0].init.items[0].expr
    assert isinstance(q, A.AddrOf) and isinstance(q.operand, A.Deref)
    assigns = []
    e = q.operand.pointer
    while isinstance(e, A.Comma):
        assigns.append(e.left)
        e = e.right
    assert len(assigns) == 2 and isinstance(assigns[0].value, A.Ident)


def test_func_name_identifier():
    tu = unit("int printf(const char *, ...);\nvoid kpanic(void) { printf(\"%s\", __func__); }")
    assert [s.data for s in tu.strings] == [b"%s\0", b"kpanic\0"]


def test_builtin_expect_is_its_first_argument():
    e = expr_of("int x;", "__builtin_expect(x > 3, 0)")
    assert isinstance(e, A.Compare)
