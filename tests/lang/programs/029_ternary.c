#include <stdio.h>

static int sign(int x)
{
    return x > 0 ? 1 : x < 0 ? -1 : 0;
}

int main(void)
{
    printf("%d %d %d\n", sign(5), sign(-5), sign(0));
    int a = 3, b = 9;
    int max = a > b ? a : b;
    printf("%d\n", max);
    int n = 0;
    int r = a ? (n += 1) : (n += 100);
    printf("%d %d\n", r, n);
    printf("%s\n", b % 2 ? "odd" : "even");
    unsigned u = 1;
    printf("%u\n", 1 ? -1 : u);     /* type is unsigned int */
    return 0;
}
