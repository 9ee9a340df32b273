"""C programs that exercise the bare runtime, shared by test_runtime_host.py
(compiled by the host's gcc in 32-bit mode) and test_runtime.py (compiled by
our compiler and run on the machine). No tests are defined here.

Each checking program prints "FAIL line N: EXPR" for a failed check and
ends with "done: N failures"; its exit status is the failure count.
"""

CHECK_PRELUDE = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

static int failures;
#define CHECK(e) do { if (!(e)) { printf("FAIL line %d: %s\n", __LINE__, #e); failures++; } } while (0)
#define STREQ(a, b) CHECK(strcmp((a), (b)) == 0)
"""

STRING_PROGRAM = CHECK_PRELUDE + r"""
static void test_mem(void)
{
    char buf[16];
    char over[] = "abcdefgh";
    memset(buf, 'x', sizeof(buf));
    CHECK(memcpy(buf, "hello", 6) == buf);
    STREQ(buf, "hello");
    CHECK(buf[6] == 'x');
    memmove(over + 2, over, 5);            /* overlapping, forwards */
    STREQ(over, "ababcdeh");
    memmove(over, over + 3, 4);            /* overlapping, backwards */
    STREQ(over, "bcdecdeh");
    CHECK(memcmp("abc", "abd", 3) < 0);
    CHECK(memcmp("abc", "abc", 3) == 0);
    CHECK(memcmp("\xff", "\x01", 1) > 0);  /* compared as unsigned */
    CHECK(memchr("hello", 'o', 4) == NULL);
    CHECK((char *)memchr(over, 'd', 8) - over == 2);
    CHECK(memchr(over, 'z', 8) == NULL);
}

static void test_str(void)
{
    char buf[32];
    char tok[] = "  one, two,,three  ";
    const char *s = "hello world";
    char *p;
    CHECK(strlen("") == 0);
    CHECK(strlen(s) == 11);
    STREQ(strcpy(buf, "abc"), "abc");
    STREQ(strcat(buf, "def"), "abcdef");
    STREQ(strncat(buf, "ghijk", 2), "abcdefgh");
    memset(buf, 'x', sizeof(buf));
    strncpy(buf, "ab", 5);
    CHECK(buf[0] == 'a' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'x');
    strncpy(buf, "abcdef", 3);
    CHECK(buf[2] == 'c' && buf[3] == 0);
    CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && strcmp("", "") == 0);
    CHECK(strcmp("ab", "abc") < 0);
    CHECK(strcmp("\xe9", "e") > 0);         /* unsigned char order */
    CHECK(strncmp("abcx", "abcy", 3) == 0 && strncmp("abcx", "abcy", 4) < 0);
    CHECK(strchr(s, 'o') == s + 4 && strrchr(s, 'o') == s + 7);
    CHECK(strchr(s, 0) == s + 11 && strchr(s, 'z') == NULL);
    CHECK(strstr(s, "wor") == s + 6 && strstr(s, "") == s && strstr(s, "worlds") == NULL);
    CHECK(strspn("aabbc", "ab") == 4 && strcspn("hello", "lo") == 2);
    CHECK(strpbrk(s, "ow") == s + 4 && strpbrk(s, "xyz") == NULL);
    p = strdup(s);
    CHECK(p != NULL && p != s);
    STREQ(p, s);
    free(p);
    STREQ(strtok(tok, " ,"), "one");
    STREQ(strtok(NULL, " ,"), "two");
    STREQ(strtok(NULL, " ,"), "three");
    CHECK(strtok(NULL, " ,") == NULL);
    CHECK(strtok(NULL, " ,") == NULL);
}

static void test_ctype(void)
{
    int c, n = 0;
    CHECK(isdigit('7') && !isdigit('a') && !isdigit(EOF));
    CHECK(isalpha('q') && isalpha('Q') && !isalpha('1') && !isalpha('['));
    CHECK(isalnum('z') && isalnum('0') && !isalnum('_'));
    CHECK(isspace(' ') && isspace('\t') && isspace('\n') && isspace('\r') && isspace('\v')
          && isspace('\f') && !isspace('x') && !isspace(0));
    CHECK(isupper('A') && !isupper('a') && islower('a') && !islower('A'));
    CHECK(isxdigit('f') && isxdigit('F') && isxdigit('9') && !isxdigit('g'));
    CHECK(isprint(' ') && isprint('~') && !isprint('\n') && !isprint(127));
    CHECK(ispunct('!') && ispunct('_') && !ispunct(' ') && !ispunct('a'));
    CHECK(iscntrl(0) && iscntrl(31) && iscntrl(127) && !iscntrl(' '));
    CHECK(toupper('a') == 'A' && toupper('A') == 'A' && toupper('1') == '1');
    CHECK(tolower('Z') == 'z' && tolower(EOF) == EOF);
    for (c = 0; c < 128; c++)
        n += ispunct(c) != 0;
    CHECK(n == 32);
}

static void test_numbers(void)
{
    char *end;
    const char *s;
    div_t d;
    CHECK(atoi("  -123xyz") == -123 && atoi("+42") == 42 && atoi("abc") == 0);
    CHECK(atol("2147483647") == 2147483647L);
    s = "  0x1fZ";
    CHECK(strtol(s, &end, 0) == 31 && *end == 'Z');
    s = "0777";
    CHECK(strtol(s, &end, 0) == 511 && *end == 0);
    s = "0x";
    CHECK(strtol(s, &end, 16) == 0 && end == s + 1);     /* just the 0 */
    s = "  +z";
    CHECK(strtol(s, &end, 10) == 0 && end == s);         /* no digits */
    CHECK(strtol("zz", NULL, 36) == 35 * 36 + 35);
    CHECK(strtol("101", NULL, 2) == 5 && strtol("-ff", NULL, 16) == -255);
    CHECK(strtol("99999999999", NULL, 10) == LONG_MAX);
    CHECK(strtol("-99999999999", NULL, 10) == LONG_MIN);
    CHECK(strtol("-2147483648", NULL, 10) == LONG_MIN);
    CHECK(strtol("2147483648", NULL, 10) == LONG_MAX);
    CHECK(strtoul("4294967295", NULL, 10) == 4294967295ul);
    CHECK(strtoul("4294967296", NULL, 10) == ULONG_MAX);
    CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);
    s = "12 34";
    CHECK(strtoul(s, &end, 0) == 12 && end == s + 2);
    CHECK(abs(-5) == 5 && abs(5) == 5 && labs(-70000L) == 70000L);
    d = div(-7, 2);
    CHECK(d.quot == -3 && d.rem == -1);
    CHECK(sizeof(size_t) == 4 && sizeof(long) == 4 && sizeof(uintptr_t) == sizeof(void *));
    CHECK(INT_MAX == 2147483647 && INT_MIN < 0 && UINT_MAX == 4294967295u && CHAR_BIT == 8);
}

struct pair { int key; int order; };

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

static int cmp_pair(const void *a, const void *b)
{
    return ((const struct pair *)a)->key - ((const struct pair *)b)->key;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_sort(void)
{
    int a[200];
    struct pair ps[50];
    char *words[] = {"pear", "apple", "fig", "kiwi", "banana", "cherry"};
    int i, key, sorted = 1;
    srand(7);
    for (i = 0; i < 200; i++)
        a[i] = rand() % 50 - 25;            /* many duplicates */
    qsort(a, 200, sizeof(int), cmp_int);
    for (i = 1; i < 200; i++)
        if (a[i - 1] > a[i])
            sorted = 0;
    CHECK(sorted);
    key = a[123];
    CHECK(*(int *)bsearch(&key, a, 200, sizeof(int), cmp_int) == key);
    key = 1000;
    CHECK(bsearch(&key, a, 200, sizeof(int), cmp_int) == NULL);
    for (i = 0; i < 50; i++) {
        ps[i].key = (i * 37) % 50;
        ps[i].order = i;
    }
    qsort(ps, 50, sizeof(struct pair), cmp_pair);
    for (i = 0; i < 50; i++)
        CHECK(ps[i].key == i);
    for (i = 0; i < 200; i++)
        a[i] = 200 - i;                     /* reversed */
    qsort(a, 200, sizeof(int), cmp_int);
    for (i = 0; i < 200; i++)
        CHECK(a[i] == i + 1);
    for (i = 0; i < 100; i++)
        a[i] = 5;                           /* all equal */
    qsort(a, 100, sizeof(int), cmp_int);
    CHECK(a[0] == 5 && a[99] == 5);
    qsort(a, 0, sizeof(int), cmp_int);
    qsort(words, 6, sizeof(char *), cmp_str);
    STREQ(words[0], "apple");
    STREQ(words[5], "pear");
}

static void test_rand(void)
{
    int i;
    srand(1);
    for (i = 0; i < 5; i++)
        printf("rand %d\n", rand());
    srand(12345);
    printf("rand %d\n", rand());
}

static void test_malloc(void)
{
    char *blocks[64];
    int i, j, ok = 1;
    char *p, *q;
    int *z;
    for (i = 0; i < 64; i++) {
        blocks[i] = malloc(i * 13 + 1);
        CHECK(blocks[i] != NULL);
        CHECK(((uintptr_t)blocks[i] & 7) == 0);
        memset(blocks[i], i, i * 13 + 1);
    }
    for (i = 0; i < 64; i += 2) {           /* free every other block */
        free(blocks[i]);
        blocks[i] = NULL;
    }
    for (i = 1; i < 64; i += 2)
        for (j = 0; j < i * 13 + 1; j++)
            if (blocks[i][j] != (char)i)
                ok = 0;
    CHECK(ok);
    for (i = 1; i < 64; i += 2)
        free(blocks[i]);
    /* Everything is free and coalesced again: a big block fits where the
     * small ones were, at the same address as before. */
    p = malloc(20000);
    CHECK(p != NULL);
    free(p);
    q = malloc(20000);
    CHECK(q == p);
    free(q);
    for (i = 0; i < 1000; i++) {            /* churn */
        p = malloc((i * 7919) % 300 + 1);
        q = malloc((i * 104729) % 500 + 1);
        CHECK(p != NULL && q != NULL && p != q);
        p[0] = 1;
        q[0] = 2;
        free(p);
        if (i % 3)
            free(q);
    }
    z = calloc(100, sizeof(int));
    ok = 1;
    for (i = 0; i < 100; i++)
        if (z[i] != 0)
            ok = 0;
    CHECK(ok);
    p = malloc(4);
    strcpy(p, "abc");
    p = realloc(p, 1000);
    STREQ(p, "abc");
    p = realloc(p, 2);
    STREQ(p, "abc");                        /* shrinking keeps the block */
    free(p);
    CHECK(realloc(NULL, 8) != NULL);
    CHECK(malloc(0xFFFFFFF0u) == NULL);
    CHECK(calloc(0x10000, 0x10000) == NULL);
    free(NULL);
}

int main(void)
{
    test_mem();
    test_str();
    test_ctype();
    test_numbers();
    test_sort();
    test_rand();
    test_malloc();
    printf("done: %d failures\n", failures);
    return failures;
}
"""


def expected_rand_lines():
    """The C standard's example generator, computed here independently."""
    def sequence(seed, n):
        nxt, out = seed, []
        for _ in range(n):
            nxt = (nxt * 1103515245 + 12345) & 0xFFFFFFFF
            out.append((nxt // 65536) % 32768)
        return out
    return [f"rand {v}" for v in sequence(1, 5) + sequence(12345, 1)]


# printf cases: (format, C arguments). All arguments fit in 32 bits, so the
# host C library (64-bit) gives the reference output.
PRINTF_CASES = [
    ("%d", "0"), ("%d", "-1"), ("%d", "2147483647"), ("%d", "(-2147483647 - 1)"),
    ("%i", "42"), ("%u", "4294967295u"), ("%u", "0u"),
    ("%x", "255"), ("%X", "0xABCDEFu"), ("%o", "8"), ("%o", "0"),
    ("%5d", "42"), ("%-5d|", "42"), ("%05d", "42"), ("%05d", "-42"), ("%+d", "5"),
    ("%+d", "-5"), ("% d", "5"), ("% d", "-5"), ("%+ d", "5"),
    ("%.3d", "7"), ("%8.3d", "-7"), ("%-8.3d|", "7"), ("%08.3d", "7"), ("%.0d", "0"),
    ("%5.0d|", "0"), ("%#x", "255"), ("%#X", "255"), ("%#x", "0"), ("%#o", "8"),
    ("%#o", "0"), ("%#.3o", "8"), ("%#10x", "4660"), ("%#010x", "4660"), ("%-#10x|", "4660"),
    ("%*d", "6, 42"), ("%-*d|", "6, 42"), ("%*d|", "-6, 42"), ("%.*d", "4, 42"),
    ("%.*d", "-1, 42"), ("%*.*d", "8, 4, -42"),
    ("%c", "'A'"), ("%3c|", "'b'"), ("%-3c|", "'b'"), ("%c%c%c", "'x', 'y', 'z'"),
    ("%s", '"hello"'), ("%10s|", '"hi"'), ("%-10s|", '"hi"'), ("%.2s", '"hello"'),
    ("%8.3s|", '"hello"'), ("%.*s", '3, "abcdef"'), ("%s", '""'),
    ("%%", ""), ("100%% sure", ""), ("%p", "(void *)0x1234"), ("%12p|", "(void *)0xbeef"),
    ("%ld", "-70000L"), ("%lu", "70000ul"), ("%lx", "0xfffful"), ("%hd", "70000"),
    ("%hu", "65537"), ("%hhd", "300"), ("%hhu", "255"), ("%hx", "0x12345"),
    ("%zu", "(size_t)12"), ("%+u", "5u"), ("% x", "255"), ("%+o", "8"), ("%-+5d|", "3"),
    ("%-05d|", "3"), ("%x", "-1"), ("%o", "-1"), ("%u", "-1"), ("%.10d", "-123"),
    ("%d %s %c %x %%", '1, "two", \'3\', 4'),
    ("[%3d|%-3d|%03d]", "1, 2, 3"),
]


def printf_program():
    """A program printing every PRINTF_CASES line, then snprintf results."""
    lines = ["#include <stdio.h>", "#include <stddef.h>", "int main(void)", "{",
             "    char buf[8];", "    int n;"]
    for fmt, args in PRINTF_CASES:
        c_fmt = fmt.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'    printf("<{c_fmt}>\\n"{", " + args if args else ""});')
    lines += [
        '    n = snprintf(buf, sizeof(buf), "%d-%s", 12345, "abcdef");',
        '    printf("snprintf %d [%s]\\n", n, buf);',
        '    n = snprintf(buf, 1, "xyz");',
        '    printf("snprintf %d [%s]\\n", n, buf);',
        '    n = snprintf(NULL, 0, "%5d", 1);',
        '    printf("snprintf %d\\n", n);',
        '    n = sprintf(buf, "%x", 0xfeed);',
        '    printf("sprintf %d [%s]\\n", n, buf);',
        '    n = printf("%s\\n", "count me");',
        '    printf("printf %d\\n", n);',
        "    return 0;",
        "}",
    ]
    return "\n".join(lines) + "\n"


ASSERT_PROGRAM = r"""
#include <assert.h>
#include <stdio.h>
int main(void)
{
    int x = 2;
    assert(x == 2);
    printf("before\n");
    assert(x + 1 == 4);
    printf("not reached\n");
    return 0;
}
"""
ASSERT_OUTPUT_LINES = ["before", "Assertion failed: x + 1 == 4, file {file}, line 9", "abort"]

NDEBUG_PROGRAM = r"""
#define NDEBUG
#include <assert.h>
#include <stdio.h>
int main(void)
{
    assert(0);
    printf("assertions off\n");
    return 5;
}
"""

BAD_FREE_PROGRAM = r"""
#include <stdlib.h>
#include <stdio.h>
int main(void)
{
    char *p = malloc(10);
    free(p);
    printf("freed once\n");
    free(p);
    printf("not reached\n");
    return 0;
}
"""
