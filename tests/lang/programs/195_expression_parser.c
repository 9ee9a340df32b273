#include <stdio.h>

/* Recursive-descent parser for + - * / % ( ) and unary minus on ints. */
static const char *p;

static int expr(void);

static void skip(void)
{
    while (*p == ' ')
        p++;
}

static int primary(void)
{
    int v = 0;
    skip();
    if (*p == '(') {
        p++;
        v = expr();
        skip();
        p++;                /* ')' */
        return v;
    }
    if (*p == '-') {
        p++;
        return -primary();
    }
    while (*p >= '0' && *p <= '9')
        v = v * 10 + (*p++ - '0');
    return v;
}

static int term(void)
{
    int v = primary();
    for (;;) {
        skip();
        char op = *p;
        if (op != '*' && op != '/' && op != '%')
            return v;
        p++;
        int r = primary();
        v = op == '*' ? v * r : op == '/' ? v / r : v % r;
    }
}

static int expr(void)
{
    int v = term();
    for (;;) {
        skip();
        if (*p == '+') { p++; v += term(); }
        else if (*p == '-') { p++; v -= term(); }
        else return v;
    }
}

static int eval(const char *s)
{
    p = s;
    return expr();
}

int main(void)
{
    const char *tests[] = {"1 + 2 * 3", "(1 + 2) * 3", "100 / 7 % 4", "-(3 - 10) * -2",
                           "2 * (3 + (4 - 1) * 5) - 6 / 2", "42"};
    int i;
    for (i = 0; i < 6; i++)
        printf("%s = %d\n", tests[i], eval(tests[i]));
    return 0;
}
