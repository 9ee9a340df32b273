"""Front-end speed on a generated 10,000-line file.

The whole compiler must handle 10k lines in under 3 s, so the front end
should take well under half of that. Wall time is machine-dependent, so this
test only prints it (run with -s to see it) and checks the result's shape.
"""

import time

from lang.cc.frontend import analyze

HEADER = """\
# 1 "big.c"
typedef unsigned int u32;
struct node { int key; struct node *next; char name[16]; };
typedef struct node node_t;
int printf(const char *fmt, ...);
static int table[64];
"""

FUNCTION = """\
static int helper{i}(int a, u32 b, node_t *n)
{{
    int i, sum = 0;
    char buf[32];
    for (i = 0; i < a; i++) {{
        sum += table[i & 63] * (int)b - (a << 2);
        if (n != 0 && n->key > sum)
            n = n->next;
        else if (sum % 7 == 3) {{
            buf[i & 31] = (char)(sum >> 3);
            continue;
        }}
    }}
    while (sum > 100 || sum < -100)
        sum /= 2;
    switch (sum & 3) {{
    case 0: sum++; break;
    case 1: sum--; break;
    default: sum = ~sum;
    }}
    printf("helper{i} %d %s\\n", sum, n ? n->name : "none");
    return sum + buf[0];
}}

"""


def generated_source(lines=10_000):
    body = []
    n = 0
    i = 0
    while n < lines:
        text = FUNCTION.format(i=i)
        body.append(text)
        n += text.count("\n")
        i += 1
    return HEADER + "".join(body), i


def test_front_end_speed_10k_lines():
    src, nfuncs = generated_source()
    start = time.perf_counter()
    tu, warnings = analyze(src, "big.c")
    elapsed = time.perf_counter() - start
    print(f"\nfront end: {src.count(chr(10))} lines in {elapsed:.2f} s")
    assert len(tu.functions) == nfuncs and warnings == []
    assert tu.functions[-1].body.end_loc.line == src.count("\n") - 2   # minus linemarker and blank
