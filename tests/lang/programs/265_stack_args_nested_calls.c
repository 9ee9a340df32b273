#include <stdio.h>

static int many(int a, int b, int c, int d, int e, int f, int g, int h)
{
    return a - b + c - d + e - f + g * h;
}

int main(void)
{
    /* Calls with stack arguments nested inside the arguments of another
       such call: the inner call must not clobber the outer call's area. */
    int r = many(1, 2, 3, 4, 5, 6, many(10, 20, 30, 40, 50, 60, 7, 8), many(1, 1, 1, 1, 1, 1, 2, 3));
    printf("%d\n", r);
    r = many(many(1, 2, 3, 4, 5, 6, 7, 8), 2, many(8, 7, 6, 5, 4, 3, 2, 1), 4, 5, 6,
             many(0, 0, 0, 0, 0, 0, 3, 3), 2);
    printf("%d\n", r);
    return 0;
}
