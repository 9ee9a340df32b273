#include <stdio.h>

static int square(int x) { return x * x; }
static int cube(int x) { return x * x * x; }

int main(void)
{
    int (*f)(int) = square;
    printf("%d\n", f(7));
    f = &cube;
    printf("%d\n", (*f)(3));
    printf("%d\n", f == cube);
    int (*g)(int) = 0;
    if (!g)
        g = square;
    printf("%d\n", g(g(2)));
    return 0;
}
