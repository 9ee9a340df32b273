#include <stdio.h>

static const int limits[3] = {10, 20, 30};

static int sum(const int *a, int n)
{
    int s = 0;
    while (n--)
        s += *a++;
    return s;
}

int main(void)
{
    const int k = 5;
    const char *msg = "const data";
    char buf[4] = "abc";
    char *const fixed = buf;       /* the pointer is const, the chars are not */
    fixed[0] = 'X';
    printf("%d %d %s %s\n", k, sum(limits, 3), msg, buf);
    const struct { int a, b; } pair = {1, 2};
    printf("%d\n", pair.a + pair.b);
    return 0;
}
