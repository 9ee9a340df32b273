"""The compiler back end, end to end: C source -> image -> run on the machine.

Each program prints and/or returns a value that is checked at -O0 and -O1.
Expected values are worked out by hand in the comments (no host compiler).
"""

import pytest

from lang.cc.driver import Driver, Options
from vm.image import Image
from vm.machine import Machine

LIMIT = 5_000_000


def run_c(tmp_path, source, opt=1, name="prog", extra=()):
    """Compile C text with the bare runtime, run it: (exit status, output text)."""
    src = tmp_path / f"{name}.c"
    src.write_text(source)
    img = tmp_path / f"{name}.O{opt}.img"
    Driver(Options(opt=opt, bare=True)).link([str(src), *extra], str(img))
    m = Machine(cores=1)
    m.load_image(Image.load(str(img)))
    r = m.run(max_instructions=LIMIT)
    assert r.reason == "halt", f"{r.reason}: {r.message} {m.console_output[-300:]!r}"
    return r.exit_code & 0xFF, m.console_output.decode(errors="replace")


def asm_of(tmp_path, source, opt=1, debug=False):
    src = tmp_path / "unit.c"
    src.write_text(source)
    return Driver(Options(opt=opt, debug=debug)).compile_to_asm(str(src))


BOTH = pytest.mark.parametrize("opt", [0, 1])


@BOTH
def test_return_value(tmp_path, opt):
    assert run_c(tmp_path, "int main(void) { return 42; }", opt)[0] == 42


@BOTH
def test_arithmetic_and_division(tmp_path, opt):
    src = r"""
#include <stdio.h>
int val(int x) { return x; }            /* defeats constant folding */
unsigned uval(unsigned x) { return x; }
int main(void) {
    int a = val(-7), b = val(2);
    unsigned u = uval(0xFFFFFFF9u);
    printf("%d %d %d %d\n", a / b, a % b, a * b, a - b);
    printf("%u %u\n", u / 2u, u % 2u);
    printf("%d %d %u\n", a >> 1, a << 3, u >> 28);
    printf("%d %d %d\n", a & 0xF, a | 8, a ^ -1);
    printf("%d %d\n", -a, ~b);
    printf("%d %d %d\n", (-7) / 2, (-7) % 2, 1 << 4);      /* folded */
    return 0;
}
"""
    status, out = run_c(tmp_path, src, opt)
    assert out == ("-3 -1 -14 -9\n"
                   "2147483644 1\n"
                   "-4 -56 15\n"
                   "9 -7 6\n"
                   "7 -3\n"
                   "-3 -1 16\n")


@BOTH
def test_comparisons_and_logic(tmp_path, opt):
    src = r"""
#include <stdio.h>
int val(int x) { return x; }
int main(void) {
    int a = val(-1), b = val(1);
    unsigned ua = (unsigned)a, ub = (unsigned)b;
    printf("%d%d%d%d%d%d\n", a < b, a <= b, a > b, a >= b, a == b, a != b);
    printf("%d%d%d%d\n", ua < ub, ua <= ub, ua > ub, ua >= ub);
    printf("%d%d%d%d\n", a && b, a && 0, 0 || b, !a);
    int n = 0;
    if (a < 0 && b > 0) n += 1;
    if (a > 0 || b > 0) n += 2;
    if (!(a == b)) n += 4;
    while (n < 100 && n != 50) n++;
    printf("%d %d\n", n, a < b ? 10 : 20);
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "110001\n0011\n1010\n50 10\n"


@BOTH
def test_char_and_short_extension(tmp_path, opt):
    src = r"""
#include <stdio.h>
signed char sc[2] = {-1, 127};
unsigned char uc[2] = {255, 1};
short ss = -2;
unsigned short us = 65535;
int main(void) {
    char c = sc[0];
    unsigned char d = uc[0];
    c++;  d++;
    short s = ss; s -= 1;
    unsigned short t = us; t += 2;
    char big = (char)300;
    printf("%d %d %d %d %d %d %d\n", sc[0], uc[0], c, d, s, t, big);
    signed char m = 127; m++;
    printf("%d %d\n", m, (unsigned char)-1);
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "-1 255 0 0 -3 1 44\n-128 255\n"


@BOTH
def test_pointers_and_arrays(tmp_path, opt):
    src = r"""
#include <stdio.h>
int g[5] = {1, 2, 3, 4, 5};
int sum(int *p, int n) { int s = 0; while (n--) s += *p++; return s; }
int main(void) {
    int local[4];
    int *p = local;
    for (int i = 0; i < 4; i++) local[i] = i * i;
    int *q = &g[4];
    printf("%d %d %d %d\n", sum(g, 5), sum(local, 4), (int)(q - g), *(p + 3));
    char buf[8];
    char *s = buf;
    *s++ = 'o'; *s++ = 'k'; *s = 0;
    printf("%s %d\n", buf, (int)(s - buf));
    int m[3][4];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) m[i][j] = i * 10 + j;
    printf("%d %d\n", m[2][3], m[1][0]);
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "15 14 4 9\nok 2\n23 10\n"


@BOTH
def test_compound_assignment_and_incdec(tmp_path, opt):
    src = r"""
#include <stdio.h>
int main(void) {
    int a = 10, b;
    a += 5; a -= 3; a *= 2; a /= 5; a %= 3; a <<= 4; a >>= 1; a |= 1; a &= 0xD; a ^= 6;
    b = a++;
    int c = ++a;
    int d = a--;
    int e = --a;
    int arr[3] = {5, 6, 7};
    int *p = arr;
    p += 2; p -= 1;
    int x = *p++;
    unsigned char k = 250; k += 10;
    printf("%d %d %d %d %d %d %d %d\n", a, b, c, d, e, x, *p, k);
    return 0;
}
"""
    # a: 10 15 12 24 4 1 16 8 9 9 15; b=15 a=16; c=17; d=17 a=16; e=15
    assert run_c(tmp_path, src, opt)[1] == "15 15 17 17 15 6 7 4\n"


@BOTH
def test_switch_dense_sparse_and_goto(tmp_path, opt):
    src = r"""
#include <stdio.h>
int dense(int x) {
    switch (x) {
    case 0: return 10;
    case 1: return 11;
    case 2:
    case 3: return 23;
    case 5: return 15;
    default: return -1;
    }
}
int sparse(int x) {
    int r = 0;
    switch (x) {
    case -100: r = 1; break;
    case 7: r = 2;           /* falls through */
    case 9000: r += 3; break;
    default: r = 9;
    }
    return r;
}
int main(void) {
    for (int i = -1; i < 7; i++) printf("%d ", dense(i));
    printf("| %d %d %d %d\n", sparse(-100), sparse(7), sparse(9000), sparse(1));
    int n = 0;
again:
    n++;
    if (n < 5) goto again;
    return n;
}
"""
    status, out = run_c(tmp_path, src, opt)
    assert out == "-1 10 11 23 23 -1 15 -1 | 1 5 3 9\n"
    assert status == 5


@BOTH
def test_globals_statics_and_strings(tmp_path, opt):
    src = r"""
#include <stdio.h>
int counter;
int table[4] = {1, 2};
const char *names[] = {"zero", "one", "two"};
struct pt { int x; char c; short s; } origin = {3, 'a', -4};
int *ptr = &table[1];
static int next(void) { static int n = 100; return n++; }
int main(void) {
    counter += 2;
    next(); next();
    printf("%d %d %d %d %s %d %c %d %d\n", counter, table[0], table[1], table[3],
           names[2], origin.x, origin.c, origin.s, *ptr);
    printf("%d %s\n", next(), "literal;#with\"quote\\");
    return 0;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "2 1 2 0 two 3 a -4 2\n102 literal;#with\"quote\\\n"


@BOTH
def test_function_pointers(tmp_path, opt):
    src = r"""
int add(int a, int b) { return a + b; }
int mul(int a, int b) { return a * b; }
int apply(int (*f)(int, int), int a, int b) { return f(a, b); }
int (*ops[2])(int, int) = {add, mul};
int main(void) {
    int (*g)(int, int) = mul;
    return apply(add, 2, 3) + apply(g, 4, 5) + ops[1](2, 2) + (*ops[0])(1, 1);
}
"""
    assert run_c(tmp_path, src, opt)[0] == 5 + 20 + 4 + 2


@BOTH
def test_inline_asm(tmp_path, opt):
    src = r"""
int main(void) {
    int x = 5, y = 7, z;
    asm volatile ("add %0, %1, %2" : "=r"(z) : "r"(x), "r"(y));
    asm volatile ("addi %0, %0, 100" : "+r"(z));
    unsigned st;
    asm volatile ("csrr %0, coreid" : "=r"(st));
    return z + st;
}
"""
    assert run_c(tmp_path, src, opt)[0] == 112


@BOTH
def test_structs_and_unions(tmp_path, opt):
    src = r"""
#include <stdio.h>
struct inner { char tag; int value; };
struct outer { int id; struct inner in[2]; union { int i; unsigned char b[4]; } u; };
int main(void) {
    struct outer o = {1, {{'a', 10}, {'b', 20}}};
    struct outer copy;
    o.u.i = 0x01020304;
    copy = o;
    copy.in[1].value += 5;
    struct outer *p = &copy;
    printf("%d %c %d %d %d %d\n", p->id, p->in[0].tag, o.in[1].value, p->in[1].value,
           p->u.b[0], (int)sizeof(struct outer));
    struct inner zero = {0};
    return zero.tag + zero.value;
}
"""
    assert run_c(tmp_path, src, opt)[1] == "1 a 20 25 4 24\n"


def test_section_attribute_and_mmio(tmp_path):
    asm = asm_of(tmp_path, r"""
__attribute__((section(".text.boot"))) int boot(void) { return 1; }
__attribute__((section("mydata"))) int marker = 5;
void poke(void) { *(volatile unsigned *)0xF0000000 = 'x'; }
""")
    assert ".section .text.boot" in asm
    assert '.section mydata, "aw"' in asm
    assert "4026531840(zero)" in asm          # one store straight to the device


def test_O1_keeps_locals_in_registers_and_branches_directly(tmp_path):
    src = "int f(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }"
    o1 = asm_of(tmp_path, src, opt=1)
    o0 = asm_of(tmp_path, src, opt=0)
    body1 = o1.split(".Lbody.f:")[1].split(".Lret.f:")[0]
    assert "(fp)" not in body1                # no stack traffic in the loop at -O1
    assert "blt " in body1 and "slt" not in body1
    assert "(fp)" in o0.split(".Lbody.f:")[1]  # -O0: variables live in the frame


def test_constant_folding(tmp_path):
    asm = asm_of(tmp_path, "int f(void) { return (3 + 4) * 6 - (1 << 3) / 2; }")
    assert "li a0, 38" in asm
    assert "mul" not in asm and "div" not in asm


@BOTH
def test_many_locals_spill(tmp_path, opt):
    # More live values than registers: the allocator must spill correctly.
    decls = "".join(f"int v{i} = val({i});\n" for i in range(20))
    total = " + ".join(f"v{i} * {i + 1}" for i in range(20))
    src = f"int val(int x) {{ return x; }}\nint main(void) {{\n{decls}int r = {total};\nreturn r % 251;\n}}\n"
    expect = sum(i * (i + 1) for i in range(20)) % 251
    assert run_c(tmp_path, src, opt)[0] == expect


@pytest.mark.parametrize("opt", [0, 1])
def test_epilogue_reads_the_frame_before_freeing_it(tmp_path, opt):
    """An interrupt in ring 0 pushes its trap frame at sp, so once sp has moved
    above the saved fp and lr, nothing may read them any more."""
    text = asm_of(tmp_path, "int g; int f(int x) { int a[4]; a[x & 3] = x; return g + a[1]; }\n"
                            "int main(void) { return f(1); }\n", opt=opt)
    lines = [l.strip() for l in text.splitlines()]
    for i, line in enumerate(lines):
        if line.startswith("addi sp,") and line.endswith(", 8") and "fp" not in line.split(",")[0]:
            rest = lines[i + 1:lines.index("ret", i)]
            assert not any("(fp)" in l or "(t1)" in l for l in rest), (line, rest)
    assert "lw fp, 0(fp)" not in lines
