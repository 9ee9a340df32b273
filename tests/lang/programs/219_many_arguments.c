#include <stdio.h>

/* More arguments than argument registers: the rest travel on the stack. */
static int weighted(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)
{
    return a * 1 + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10;
}

static void show(const char *tag, char c, short s, int i, unsigned u, const char *str,
                 int x7, char c8, int x9)
{
    printf("%s %c %d %d %u %s %d %c %d\n", tag, c, s, i, u, str, x7, c8, x9);
}

int main(void)
{
    printf("%d\n", weighted(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    printf("%d\n", weighted(-1, 0, 0, 0, 0, 0, 0, 0, 0, 1));
    show("args", 'x', -300, 70000, 4000000000u, "str", 7, 'y', -9);
    printf("%d %d %d %d %d %d %d %d %d\n", 1, 2, 3, 4, 5, 6, 7, 8, 9);
    return 0;
}
