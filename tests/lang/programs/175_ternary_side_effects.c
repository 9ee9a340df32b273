#include <stdio.h>

static int trace(const char *s, int v)
{
    printf("%s ", s);
    return v;
}

int main(void)
{
    int r = trace("cond", 1) ? trace("then", 10) : trace("else", 20);
    printf("-> %d\n", r);
    r = trace("cond", 0) ? trace("then", 10) : trace("else", 20);
    printf("-> %d\n", r);
    r = trace("a", 0) ? trace("b", 1) : trace("c", 0) ? trace("d", 2) : trace("e", 3);
    printf("-> %d\n", r);
    int x = 5, y = 0;
    *(x > 3 ? &x : &y) = 99;    /* ?: is not an lvalue in C, but a pointer to one is */
    printf("%d %d\n", x, y);
    return 0;
}
