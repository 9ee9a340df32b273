"""The calling convention of docs/abi.md, checked by running programs: many
arguments, varargs, structs by value, function pointers, deep recursion, and
C calling hand-written assembly (and back) with stack arguments."""

import pytest

from lang.cc.driver import Driver, Options
from vm.image import Image
from vm.machine import Machine

BOTH = pytest.mark.parametrize("opt", [0, 1])


def run_c(tmp_path, source, opt=1, asm=None, limit=20_000_000):
    src = tmp_path / "prog.c"
    src.write_text(source)
    inputs = [str(src)]
    if asm is not None:
        s = tmp_path / "helper.s"
        s.write_text(asm)
        inputs.append(str(s))
    img = tmp_path / f"prog.O{opt}.img"
    Driver(Options(opt=opt, bare=True)).link(inputs, str(img))
    m = Machine(cores=1)
    m.load_image(Image.load(str(img)))
    r = m.run(max_instructions=limit)
    assert r.reason == "halt", f"{r.reason}: {r.message} {m.console_output[-300:]!r}"
    return r.exit_code & 0xFF, m.console_output.decode(errors="replace")


@BOTH
def test_many_arguments_use_the_stack(tmp_path, opt):
    src = r"""
int weigh(int a, int b, int c, int d, int e, int f, int g, int h, int i) {
    return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*i;
}
int main(void) { return weigh(1, 1, 1, 1, 1, 1, 1, 1, 1) + weigh(0, 0, 0, 0, 0, 0, 1, 0, 2); }
"""
    assert run_c(tmp_path, src, opt)[0] == 45 + 7 + 18


@BOTH
def test_varargs(tmp_path, opt):
    src = r"""
#include <stdarg.h>
#include <stdio.h>
int sum(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}
int mixed(const char *kinds, ...) {
    va_list ap, again;
    va_start(ap, kinds);
    va_copy(again, ap);
    int total = 0;
    for (const char *k = kinds; *k; k++) {
        if (*k == 'c') total += va_arg(ap, int);          /* chars arrive as int */
        else if (*k == 's') total += *va_arg(ap, char *);
        else total += va_arg(ap, unsigned);
    }
    total += va_arg(again, int);                        /* the copy starts over */
    va_end(ap);
    return total;
}
int seven(int a, int b, int c, int d, int e, int f, int g, ...) {
    va_list ap;
    va_start(ap, g);
    int x = va_arg(ap, int);
    va_end(ap);
    return a + b + c + d + e + f + g + x;
}
int main(void) {
    char c = 3;
    printf("%d %d %d\n", sum(12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
           mixed("csu", c, "A", 100u), seven(1, 1, 1, 1, 1, 1, 1, 50));
    int (*fp)(int, ...) = sum;
    return fp(3, 10, 20, 30);
}
"""
    status, out = run_c(tmp_path, src, opt)
    assert out == "78 171 57\n"
    assert status == 60


@BOTH
def test_structs_by_value(tmp_path, opt):
    src = r"""
#include <stdio.h>
struct big { int a[6]; char tag; };
struct small { short x, y; };
struct big make(int base, char tag) {
    struct big b;
    for (int i = 0; i < 6; i++) b.a[i] = base + i;
    b.tag = tag;
    return b;
}
int total(struct big b) {            /* modifies its copy only */
    int s = 0;
    for (int i = 0; i < 6; i++) { s += b.a[i]; b.a[i] = 0; }
    return s + b.tag;
}
struct small swap(struct small s) { struct small r = {s.y, s.x}; return r; }
int late(int a, int b, int c, int d, int e, int f, struct small s, struct big g) {
    return a + b + c + d + e + f + s.x + s.y + g.a[5];
}
int main(void) {
    struct big b = make(10, 'A');
    int t1 = total(b);
    int t2 = total(b);                                 /* unchanged by the callee */
    struct small s = {1, 2};
    struct small r = swap(swap(swap(s)));
    printf("%d %d %d %d %d %d\n", t1, t2, r.x, r.y, make(1, 'B').a[5],
           late(1, 2, 3, 4, 5, 6, s, b));
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "140 140 2 1 6 39\n"


@BOTH
def test_deep_recursion(tmp_path, opt):
    src = r"""
int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }
int main(void) { return depth(10000) == 10000 ? 7 : 1; }
"""
    assert run_c(tmp_path, src, opt)[0] == 7


# asm_sum9 follows the ABI by hand: 6 register arguments, 3 on the stack.
# call_back calls the C function `weigh` with 8 arguments, building the frame
# exactly as docs/abi.md says.
HELPER_ASM = """
        .text
        .global asm_sum9
asm_sum9:
        add     a0, a0, a1
        add     a0, a0, a2
        add     a0, a0, a3
        add     a0, a0, a4
        add     a0, a0, a5
        lw      t0, 0(sp)
        add     a0, a0, t0
        lw      t0, 4(sp)
        add     a0, a0, t0
        lw      t0, 8(sp)
        add     a0, a0, t0
        ret

        .global call_back
call_back:
        addi    sp, sp, -8
        sw      lr, 4(sp)
        sw      fp, 0(sp)
        mov     fp, sp
        addi    sp, sp, -8
        li      t0, 7
        sw      t0, 0(sp)
        li      t0, 8
        sw      t0, 4(sp)
        li      a0, 1
        li      a1, 2
        li      a2, 3
        li      a3, 4
        li      a4, 5
        li      a5, 6
        call    weigh
        mov     sp, fp
        lw      lr, 4(sp)
        lw      fp, 0(sp)
        addi    sp, sp, 8
        ret
"""


@BOTH
def test_c_and_assembly_call_each_other(tmp_path, opt):
    src = r"""
int asm_sum9(int, int, int, int, int, int, int, int, int);
int call_back(void);
int weigh(int a, int b, int c, int d, int e, int f, int g, int h) {
    return a + b + c + d + e + f + g * 10 + h * 100;
}
int main(void) {
    int s = asm_sum9(1, 2, 3, 4, 5, 6, 7, 8, 9);
    return s + call_back() - 800;         /* 45 + 891 - 800 */
}
"""
    assert run_c(tmp_path, src, opt, asm=HELPER_ASM)[0] == 136


@BOTH
def test_callee_saved_registers_survive_calls(tmp_path, opt):
    # Values live across calls in s0-s3 at -O1: the callee must preserve them.
    src = r"""
int noise(int x) { int a = x * 3, b = x * 5, c = x * 7, d = x * 11; return a ^ b ^ c ^ d; }
int main(void) {
    int a = noise(1), b = noise(2), c = noise(3), d = noise(4), e = noise(5);
    int again = noise(1) + noise(2) + noise(3) + noise(4) + noise(5);
    return (a + b + c + d + e) == again ? 3 : 4;
}
"""
    assert run_c(tmp_path, src, opt)[0] == 3
