"""The -O1 optimisations of docs/optimizer.md, one by one: the code each
one produces (a snippet's assembly or its exact instruction count) and a
program that would go wrong if the optimisation miscompiled (aliasing,
volatile, calls clobbering registers, parallel assignment, signed and
unsigned division by constants), checked at -O0 and -O1 alike.

Exact counts: `.venv/bin/python bench/codegen.py` prints the bench rows.
"""

import json
import re

import pytest

from lang.cc.driver import Driver, Options
from test_codegen_more import run_c          # (exit code, output) of a bare program

BOTH = pytest.mark.parametrize("opt", [0, 1])


def asm_of(tmp_path, source, opt=1, debug=False):
    src = tmp_path / "opt.c"
    src.write_text(source)
    return Driver(Options(opt=opt, bare=True, debug=debug)).compile_to_asm(str(src))


def function_asm(text, name):
    """The instructions of one function (no directives, labels kept)."""
    body = text.split(f"\n{name}:\n", 1)[1].split(f"\n.Lend.{name}:", 1)[0]
    return [ln.strip() for ln in body.splitlines() if ln.strip() and not ln.strip().startswith(".")
            or ln.startswith(".L")]


def same_at_both_levels(tmp_path, source, expected_output):
    for opt in (0, 1):
        assert run_c(tmp_path, source, opt) == (0, expected_output), f"-O{opt}"


# --- frameless leaf functions (shrink.py) --------------------------------------------

def test_a_leaf_function_builds_no_frame(tmp_path):
    text = asm_of(tmp_path, "int add3(int a, int b, int c) { return a + b + c; }\n")
    assert function_asm(text, "add3") == [".Lbody.add3:", "add a5, a0, a1", "add a0, a5, a2",
                                          ".Lret.add3:", "ret"]
    assert "fp" not in "\n".join(function_asm(text, "add3"))


def test_a_frameless_leaf_is_marked_in_the_debug_info(tmp_path):
    text = asm_of(tmp_path, "int leaf(int a) { return a * 3; }\n"
                            "int caller(int a) { return leaf(a) + 1; }\n", debug=True)
    entries = [json.loads(m.encode().decode("unicode_escape"))
               for m in re.findall(r'\.debug "(.*)"', text)]
    fns = {e["name"]: e for e in entries if e["kind"] == "function"}
    assert fns["leaf"].get("frameless") is True
    assert "frameless" not in fns["caller"]


def test_a_leaf_that_needs_the_frame_keeps_it(tmp_path):
    # An address-taken local lives in the frame: no frameless form.
    text = asm_of(tmp_path, "int f(int a) { int x = a; int *p = &x; *p += 1; return x; }\n")
    assert "sw lr" in "\n".join(function_asm(text, "f"))


def test_a_leaf_with_many_values_uses_only_its_own_registers(tmp_path):
    # More values than the caller-saved registers left beside the scratch t0:
    # the leaf must then save s-registers (a frame) and still compute right.
    src = r"""
#include <stdio.h>
int many(int a, int b, int c, int d, int e, int f) {
    int g = a * b, h = c * d, i = e * f, j = a + f, k = b + e, l = c + d;
    int m = g - h, n = i - j, o = k * l;
    return g + h + i + j + k + l + m + n + o + a * f;
}
int main(void) {
    int s0 = 11, r = many(1, 2, 3, 4, 5, 6);
    printf("%d %d\n", r, s0 + many(2, 3, 4, 5, 6, 7));
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "133 220\n")


# --- early exits before the prologue (shrink.py) -------------------------------------

def test_an_early_return_on_a_parameter_test_runs_before_the_prologue(tmp_path):
    text = asm_of(tmp_path, "int fib(int n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2); }\n")
    code = function_asm(text, "fib")
    assert code[:4] == ["li t1, 2", "bge a0, t1, .Lframe.fib", "ret", ".Lframe.fib:"]
    assert code[4].startswith("addi sp, sp, -")
    # The frame's side knows the test's outcome: no second test in the body.
    assert sum(1 for ln in code if ln.startswith(("bge", "blt"))) == 1


def test_early_exits_return_the_right_value(tmp_path):
    src = r"""
#include <stdio.h>
int pick(int a, int b) { if (a > b) return b; return pick(b, a) * 2 + a; }
void clear(int *p, int n) { if (n <= 0) return; p[0] = 0; clear(p + 1, n - 1); }
unsigned big(unsigned x) { if (x >= 0x80000000u) return 7; return big(x + 0x40000000u) + 1; }
int main(void) {
    int v[3] = {5, 6, 7};
    clear(v, 2);
    printf("%d %d %d %d %u\n", pick(3, 9), pick(9, 3), v[0] + v[1], v[2], big(1));
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "9 3 0 7 9\n")


# --- self tail calls (tailcall.py) ---------------------------------------------------

def test_a_self_tail_call_becomes_a_jump(tmp_path):
    text = asm_of(tmp_path, "int gcd(int a, int b) { if (b == 0) return a; return gcd(b, a % b); }\n")
    code = "\n".join(function_asm(text, "gcd"))
    assert "call gcd" not in code
    assert "jmp .Ltail.gcd" in code


def test_tail_calls_assign_the_parameters_in_parallel(tmp_path):
    src = r"""
#include <stdio.h>
int swapper(int a, int b, int n) { if (n == 0) return a * 100 + b; return swapper(b, a, n - 1); }
int rot(int a, int b, int c, int n) { if (!n) return a * 100 + b * 10 + c; return rot(c, a, b, n - 1); }
int gcd(int a, int b) { if (b == 0) return a; return gcd(b, a % b); }
int count(int n, int acc) { if (n == 0) return acc; return count(n - 1, acc + n); }
int main(void) {
    printf("%d %d %d %d %d\n", swapper(1, 2, 3), swapper(1, 2, 4), rot(1, 2, 3, 1),
           gcd(1071, 462), count(5000, 0));
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "201 102 312 21 12502500\n")


def test_a_tail_call_passing_a_pointer_into_the_frame_stays_a_call(tmp_path):
    # &x points into the frame: looping would reuse x under the pointer.
    src = r"""
#include <stdio.h>
int walk(int *p, int n) { int x = *p + n; if (n == 0) return x; return walk(&x, n - 1); }
int main(void) { int s = 1; printf("%d\n", walk(&s, 4)); return 0; }
"""
    assert "call walk" in "\n".join(function_asm(asm_of(tmp_path, src), "walk"))
    same_at_both_levels(tmp_path, src, "11\n")


# --- loop entry tests and known branches (lower.py, opt.py) --------------------------

def test_a_counted_loop_has_no_entry_jump_or_test(tmp_path):
    text = asm_of(tmp_path, "int g[10];\nvoid f(void) { for (int i = 0; i < 10; i++) g[i] = 1; }\n")
    code = function_asm(text, "f")
    assert not any(ln.startswith("jmp") for ln in code)
    assert sum(1 for ln in code if ln.startswith("b")) == 1      # only the bottom test


def test_loops_whose_entry_test_fails_run_no_iteration(tmp_path):
    src = r"""
#include <stdio.h>
int main(void) {
    int n = 0, i, k = 5;
    for (i = 10; i < 3; i++) n += 100;
    while (k < 5) { n += 1000; k++; }
    for (unsigned u = 0xffffffffu; u < 3u; u++) n += 7;
    do { n += 1; } while (n < 0);
    for (i = 0; i < 3; i++) n += 10;
    printf("%d %d %d\n", n, i, k);
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "31 3 5\n")


# --- strength reduction of array indexing (ivsr.py) ----------------------------------

def test_array_indexing_by_the_loop_counter_steps_a_pointer(tmp_path):
    text = asm_of(tmp_path, "int sum(int *v, int n) { int s = 0;\n"
                            "  for (int i = 0; i < n; i++) s += v[i]; return s; }\n")
    code = function_asm(text, "sum")
    back = next(ln for ln in code if ln.startswith("blt"))
    loop = code[code.index(back.rsplit(" ", 1)[1] + ":"):code.index(back)]
    assert [ln.split()[0] for ln in loop[1:]] == ["lw", "add", "addi", "addi"]
    assert re.match(r"lw \w+, 0\(\w+\)$", loop[1])
    assert any(re.match(r"addi \w+, \w+, 4$", ln) for ln in loop)


def test_strength_reduced_loops_compute_the_same(tmp_path):
    src = r"""
#include <stdio.h>
int a[40], b[40];
short h[40];
struct big { int x, y, z; } s[20];
int main(void) {
    int i, t = 0;
    for (i = 0; i < 40; i++) a[i] = i * 3;
    for (i = 39; i >= 0; i -= 2) b[i] = a[i] + 1;         /* downwards, by 2 */
    for (i = 0; i < 40; i++) h[i] = (short)(i - 20);
    for (i = 0; i < 20; i++) { s[i].x = i; s[i].z = a[i * 2]; }
    int *p = a;
    for (i = 0; i < 39; i++) { p[i + 1] += a[i]; }         /* stores seen by the next load */
    for (i = 0; i < 40; i++) t += a[i] + b[i] + h[i] + (i < 20 ? s[i].z - s[i].x : 0);
    printf("%d %d %d\n", t, i, a[39]);
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "34130 40 2340\n")


def test_volatile_loads_in_a_reduced_loop_all_happen(tmp_path):
    src = r"""
#include <stdio.h>
volatile int v[8];
int main(void) {
    int t = 0;
    for (int i = 0; i < 8; i++) v[i] = i;
    for (int r = 0; r < 3; r++)
        for (int i = 0; i < 8; i++) t += v[i];
    printf("%d\n", t);
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "84\n")
    text = asm_of(tmp_path, src)
    assert len(re.findall(r"\blw \w+, (v|0)\(", "\n".join(function_asm(text, "main")))) >= 1


# --- small block copies and frame slots nobody reads (lower_call.py, memopt.py) ------

def test_a_small_struct_copy_is_words_not_bcopy(tmp_path):
    text = asm_of(tmp_path, "struct p { int a, b; };\n"
                            "struct p twice(struct p x) { x.a *= 2; x.b *= 2; return x; }\n")
    code = "\n".join(function_asm(text, "twice"))
    assert "bcopy" not in code
    assert "sw lr" not in code           # nothing left in the frame: a leaf without one


def test_struct_copies_through_pointers_and_aliases(tmp_path):
    src = r"""
#include <stdio.h>
struct p { int a, b; };
struct q { int a, b, c, d, e; };                 /* 20 bytes: still bcopy */
struct p add(struct p x, struct p *y) { x.a += y->a; y->b = 100; x.b += y->b; return x; }
void set(struct p *d, struct p *s) { *d = *s; d->a += 1; }
int main(void) {
    struct p u = {1, 2}, w = {10, 20};
    struct q big = {1, 2, 3, 4, 5}, big2;
    u = add(u, &u);                               /* y aliases the caller's u */
    set(&w, &w);                                  /* copy onto itself */
    big2 = big; big.c = 0;
    struct p r = add(w, &w);
    printf("%d %d %d %d %d %d %d\n", u.a, u.b, w.a, w.b, big2.c, r.a, r.b);
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "2 102 11 100 3 22 120\n")


def test_a_local_whose_address_is_taken_is_reloaded_after_a_store_through_a_pointer(tmp_path):
    src = r"""
#include <stdio.h>
struct p { int a, b; };
void bump(int *x) { *x += 5; }
int main(void) {
    struct p s = {1, 2};
    int *q = &s.b;
    int before = s.b;
    *q = 40;
    int after = s.b;
    bump(&s.a);
    printf("%d %d %d\n", before, after, s.a);
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "2 40 6\n")


# --- values across calls (regalloc.py) -----------------------------------------------

def test_values_live_across_calls_survive_them(tmp_path):
    src = r"""
#include <stdio.h>
int noise(int x) { int a = x * 7, b = x + 3, c = x ^ 5, d = a - b; return a + b + c + d; }
int f(int n) {
    int once = noise(n);                          /* written once, read once: spilled */
    int many = n * 3;                             /* read after every call: an s-register */
    int r = noise(many) + many;
    r += noise(many + 1) + many;
    return r + once + many;
}
int main(void) { printf("%d %d\n", f(1), f(20)); return 0; }
"""
    same_at_both_levels(tmp_path, src, "132 2284\n")


def test_division_by_constants_signed_and_unsigned(tmp_path):
    src = r"""
#include <stdio.h>
int main(void) {
    int v[4] = {-7, 7, -2147483647 - 1, 2147483647};
    unsigned u[3] = {7u, 0xfffffff9u, 0x80000000u};
    int t = 0;
    for (int i = 0; i < 4; i++)
        t = t * 31 + v[i] / 4 + v[i] % 4 + v[i] / -3 + v[i] % -3 + (v[i] >> 1);
    for (int i = 0; i < 3; i++)
        t = t * 31 + (int)(u[i] / 4u) + (int)(u[i] % 3u) + (int)(u[i] >> 1);
    printf("%d\n", t);
    return 0;
}
"""
    same_at_both_levels(tmp_path, src, "2009934160\n")       # what gcc prints


# --- the bench programs: exact counts (bench/codegen.py prints them) -----------------

# Re-measure with: .venv/bin/python bench/codegen.py fib list
BENCH_O1 = {"fib": 97_093, "list": 21_523}


@pytest.mark.parametrize("name", sorted(BENCH_O1))
def test_bench_program_counts_at_O1(name):
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "bench"))
    try:
        import codegen as bench
    finally:
        sys.path.pop(0)
    import tempfile
    with tempfile.TemporaryDirectory() as work:
        code, _, insns = bench.run_program(root / "bench" / "programs" / f"{name}.c", 1, work)
    assert code == 0
    assert insns == BENCH_O1[name]
    assert bench.BEFORE[name] > insns           # the table's "before" column


def test_a_value_read_once_after_a_call_is_spilled_not_given_an_s_register():
    from lang.cc.frame import layout
    from lang.cc.ir import Function
    from lang.cc.regalloc import allocate
    fn = Function("f")
    x, y, r = fn.temp("x"), fn.temp("y"), fn.temp("r")
    fn.emit("entry", pairs=[(x, 1)])
    fn.emit("li", d=y, imm=5)
    fn.emit("call", d=r, fn="g", args=[y])
    fn.emit("bin", d=r, a=r, b=x, alu="add")      # x: written once, read once
    fn.emit("ret", a=r)
    alloc = allocate(fn)
    assert alloc.reg(x) is None and alloc.used_callee == set()
    assert layout(fn, alloc.used_callee).saved_regs == []
