"""The typed AST keeps the promises of lang/cc/ast.py's contract.

Every program of the C corpus (tests/lang/programs) is analysed and its
whole tree walked, checking the invariants the back end relies on.
"""

from pathlib import Path

import pytest

from lang.cc import ast as A
from lang.cc import ctypes as T
from lang.cc.frontend import analyze

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = sorted((ROOT / "tests" / "lang" / "programs").glob("*.c"))
SYSTEM_DIRS = [str(ROOT / "lang" / "cc" / "include"), str(ROOT / "lang" / "runtime" / "include")]

# Where an expression of array or function type may appear (as a child).
DECAY_PARENTS = (A.Cast, A.AddrOf, A.Member)


def same(a, b):
    return a.unqualified() == b.unqualified()


class Checker:
    def __init__(self):
        self.problems = []

    def fail(self, node, what):
        self.problems.append(f"{node.loc}: {type(node).__name__}: {what}")

    def expr(self, e, parent=None):
        if not isinstance(e, A.Expr) or not isinstance(e.type, T.CType):
            self.fail(e, "not a typed expression")
            return
        if e.loc is A.NOLOC:
            self.fail(e, "no location")
        if (e.type.is_array() or e.type.is_function()) and not isinstance(parent, DECAY_PARENTS):
            self.fail(e, f"undecayed {e.type} under {type(parent).__name__}")
        check = getattr(self, "x_" + type(e).__name__, None)
        if check:
            check(e)
        for name, v in vars(e).items():
            if isinstance(v, A.Expr) and name not in ("type",):
                self.expr(v, e)
            elif isinstance(v, list):
                for x in v:
                    if isinstance(x, A.Expr):
                        self.expr(x, e)

    def x_Binary(self, e):
        if not e.type.is_integer():
            self.fail(e, "non-integer binary operation")
        if e.op not in ("<<", ">>") and not (same(e.left.type, e.type) and same(e.right.type, e.type)):
            self.fail(e, f"operands {e.left.type}, {e.right.type} vs {e.type}")
        if e.op in ("<<", ">>") and not same(e.left.type, e.type):
            self.fail(e, "shift left operand not of the result type")

    def x_Compare(self, e):
        if not same(e.left.type, e.right.type):
            self.fail(e, f"compares {e.left.type} with {e.right.type}")
        if e.type != T.INT:
            self.fail(e, "comparison is not int")

    def x_PtrAdd(self, e):
        if not e.pointer.type.is_pointer() or not e.index.type.is_integer() or e.scale < 1:
            self.fail(e, "bad pointer arithmetic")

    x_PtrSub = x_PtrAdd

    def x_Assign(self, e):
        if not e.target.is_lvalue or not same(e.value.type, e.target.type):
            self.fail(e, f"assigns {e.value.type} to {e.target.type}")

    def x_Call(self, e):
        ft = e.ftype
        if not e.func.type.is_pointer() or not ft.is_function():
            self.fail(e, "callee is not a function pointer")
            return
        if ft.prototyped:
            if len(e.args) < len(ft.params) or (len(e.args) > len(ft.params) and not ft.variadic):
                self.fail(e, "argument count")
            for a, p in zip(e.args, ft.params):
                if not same(a.type, p):
                    self.fail(e, f"argument {a.type} for parameter {p}")

    def x_Cast(self, e):
        if e.kind not in ("decay", "int", "ptr", "void", "noop"):
            self.fail(e, f"unknown cast kind {e.kind}")
        if e.kind == "decay" and not (e.expr.type.is_array() or e.expr.type.is_function()):
            self.fail(e, "decay of a non-array")

    def x_Deref(self, e):
        if not e.pointer.type.is_pointer():
            self.fail(e, "dereference of a non-pointer")

    def stmt(self, s):
        if s is None:
            return
        if isinstance(s, A.Expr):
            self.expr(s)
            return
        if isinstance(s, A.LocalDecl):
            if s.init:
                self.init(s.init, static=False)
            return
        if isinstance(s, A.AsmStmt):
            for op in s.outputs + s.inputs:
                self.expr(op.expr, s)
            return
        for name, v in vars(s).items():
            if name == "target":
                continue
            if isinstance(v, A.Expr):
                self.expr(v)
            elif isinstance(v, A.Stmt):
                self.stmt(v)
            elif isinstance(v, list) and name == "items":
                for x in v:
                    self.stmt(x)

    def init(self, init, static):
        end = 0
        for item in init.items:
            if item.offset < end:
                self.fail(item, "overlapping or unsorted initializer items")
            end = item.offset + item.type.size
            if end > init.size:
                self.fail(item, "initializer item past the end of the object")
            if static and not isinstance(item.expr, (A.IntConst, A.AddressConst)):
                self.fail(item, "static initializer is not constant")
            elif not static:
                self.expr(item.expr)


@pytest.mark.parametrize("src", PROGRAMS, ids=lambda p: p.stem)
def test_corpus_program_keeps_the_contract(src):
    from lang.cpp import preprocess_file
    text = preprocess_file(str(src), system_dirs=SYSTEM_DIRS)
    tu, _ = analyze(text, str(src))
    c = Checker()
    for g in tu.globals:
        if g.init:
            c.init(g.init, static=True)
    for f in tu.functions:
        c.stmt(f.body)
        assert all(p.kind == A.PARAM for p in f.params)
    labels = [s.label for s in tu.strings]
    assert len(labels) == len(set(labels))
    assert c.problems == []


def test_checker_catches_broken_trees():
    loc = A.Loc("x.c", 1, 1)
    sym = A.Symbol("a", A.LOCAL, T.ArrayType(T.INT, 2), loc)
    c = Checker()
    arr = A.Ident(sym, loc)
    c.expr(A.Binary("+", A.IntConst(1, T.CHAR, loc), A.IntConst(2, T.INT, loc), T.INT, loc))
    c.expr(A.Comma(arr, A.IntConst(0, T.INT, loc), loc))
    assert len(c.problems) == 2
