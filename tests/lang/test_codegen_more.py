"""More code generation, end to end: the rarer corners of the C subset."""

import pytest

from lang.cc.driver import Driver, Options
from vm.image import Image
from vm.machine import Machine

BOTH = pytest.mark.parametrize("opt", [0, 1])


def run_c(tmp_path, source, opt=1):
    src = tmp_path / "more.c"
    src.write_text(source)
    img = tmp_path / f"more.O{opt}.img"
    Driver(Options(opt=opt, bare=True)).link([str(src)], str(img))
    m = Machine(cores=1)
    m.load_image(Image.load(str(img)))
    r = m.run(max_instructions=5_000_000)
    assert r.reason == "halt", f"{r.reason}: {r.message} {m.console_output[-300:]!r}"
    return r.exit_code & 0xFF, m.console_output.decode(errors="replace")


@BOTH
def test_struct_varargs_and_struct_returning_pointers(tmp_path, opt):
    src = r"""
#include <stdarg.h>
#include <stdio.h>
struct rgb { unsigned char r, g, b; int alpha; };
int brightness(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int total = 0;
    while (n--) {
        struct rgb c = va_arg(ap, struct rgb);
        total += c.r + c.g + c.b + c.alpha;
    }
    va_end(ap);
    return total;
}
struct rgb make(int v) { struct rgb c = {v, v + 1, v + 2, 1000}; return c; }
struct rgb (*maker)(int) = make;
int main(void) {
    struct rgb a = make(1), b = maker(10);
    printf("%d %d %d\n", brightness(2, a, b), make(5).g, maker(7).b);
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "2039 6 9\n"


@BOTH
def test_initializers_of_locals(tmp_path, opt):
    src = r"""
#include <stdio.h>
struct s { int a; char name[6]; short z[3]; };
int main(void) {
    char text[] = "hey";
    char padded[8] = "ab";
    int big[64] = {1, [10] = 5, [63] = 9};
    struct s v = {.name = "xy", .a = 3, .z = {[2] = -1}};
    struct s w = v;
    int sum = 0;
    for (int i = 0; i < 64; i++) sum += big[i];
    printf("%s %d %s %d %d %d %s %d %d\n", text, (int)sizeof text, padded, padded[7], sum,
           w.a, w.name, w.z[0], w.z[2]);
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "hey 4 ab 0 15 3 xy 0 -1\n"


@BOTH
def test_bool_conditional_comma_and_void_expressions(tmp_path, opt):
    src = r"""
#include <stdio.h>
int hits;
void hit(void) { hits++; }
int main(void) {
    _Bool b = 42;
    _Bool c = 0;
    b += 0; c = !c;
    int x = (hit(), hit(), 7);
    x > 5 ? hit() : (void)0;
    int y = x < 0 ? -1 : x == 0 ? 0 : 1;
    unsigned u = 0;
    u--;
    printf("%d %d %d %d %d %u\n", b, c, x, hits, y, u >> 28);
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "1 1 7 3 1 15\n"


@BOTH
def test_switch_corners(tmp_path, opt):
    src = r"""
#include <stdio.h>
int classify(int c) {
    int n = 0;
    for (int i = 0; i < 3; i++) {
        switch (c + i) {
        case -2: n += 1; continue;
        case -1: n += 10; break;
        case 0: case 1: case 2: case 3:
            switch (i) { case 0: n += 100; break; default: n += 1000; }
            break;
        }
        n += 5;
    }
    return n;
}
int by_unsigned(unsigned u) {
    switch (u) { case 0xFFFFFFFFu: return 1; case 3u: return 2; case 4u: return 3;
                 case 5u: return 4; case 6u: return 5; default: return 0; }
}
int main(void) {
    printf("%d %d %d\n", classify(-2), classify(1), classify(40));
    printf("%d %d %d\n", by_unsigned(-1), by_unsigned(5), by_unsigned(100));
    return 0;
}
"""
    # classify(-2): i=0 -> 1 (continue); i=1 -> 10, +5; i=2 -> 1000, +5 = 1021
    # classify(1): 100+5, 1000+5, 1000+5 = 2115; classify(40): 15
    assert run_c(tmp_path, src, opt)[1] == "1021 2115 15\n1 4 0\n"


@BOTH
def test_address_constants_in_static_data(tmp_path, opt):
    src = r"""
#include <stdio.h>
int twice(int x) { return 2 * x; }
struct op { const char *name; int (*fn)(int); int *slot; };
int cell = 21;
int arr[4] = {1, 2, 3, 4};
struct op ops[] = {{"twice", twice, &cell}, {"end", 0, &arr[3]}};
char *tail = "abcdef" + 3;
int main(void) {
    static int *last = &arr[3];
    printf("%s %d %d %s %d\n", ops[0].name, ops[0].fn(*ops[0].slot), *ops[1].slot, tail, *last);
    return ops[1].fn == 0;
}
"""
    assert run_c(tmp_path, src, opt) == (1, "twice 42 4 def 4\n")


@BOTH
def test_basic_and_top_level_asm(tmp_path, opt):
    src = r"""
asm(".text\n.global seven\nseven:\n li a0, 7\n ret\n");
int seven(void);
int main(void) {
    int k;
    asm("nop");
    asm volatile ("li %0, %1" : "=r"(k) : "i"(35));
    return seven() + k;
}
"""
    assert run_c(tmp_path, src, opt)[0] == 42


@BOTH
def test_loops_with_break_continue_and_goto(tmp_path, opt):
    src = r"""
int main(void) {
    int n = 0, i = 0;
    do { n += i; if (i == 3) { i += 2; continue; } i++; } while (i < 10);
    for (;;) { if (n > 100) break; n *= 2; }
    int j = 0;
    while (1) {
        j++;
        if (j < 5) continue;
        goto out;
    }
out:
    return n + j;              /* n: 0+1+2+3+5+6+7+8+9 = 41 -> 82 -> 164 */
}
"""
    assert run_c(tmp_path, src, opt)[0] == (164 + 5) & 0xFF


@BOTH
def test_signed_narrow_arithmetic_wraps(tmp_path, opt):
    src = r"""
#include <stdio.h>
short s16(int x) { return (short)x; }
unsigned char u8(int x) { return x; }
int main(void) {
    short s = 32767; s++;
    unsigned short us = 0; us--;
    signed char sc = -128; sc--;
    int big = 0x7fffffff; big++;
    unsigned char c = 200; c *= 2;
    short t = -1; t >>= 1;
    printf("%d %d %d %d %d %d %d %d\n", s, us, sc, big == -2147483647 - 1, c, t,
           s16(70000), u8(-1));
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "-32768 65535 127 1 144 -1 4464 255\n"
