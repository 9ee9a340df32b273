#include <stdio.h>

static unsigned isqrt(unsigned n)
{
    unsigned lo = 0, hi = 65536;
    while (hi - lo > 1) {
        unsigned mid = (lo + hi) / 2;
        if (mid * mid <= n && mid <= 65535)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static unsigned newton(unsigned n)
{
    if (n < 2)
        return n;
    unsigned x = n, y = x / 2 + (x & 1);     /* (x + 1) / 2 without overflow */
    while (y < x) {
        x = y;
        y = (x + n / x) / 2;
    }
    return x;
}

int main(void)
{
    unsigned tests[] = {0, 1, 2, 15, 16, 17, 1000000, 2147483647u, 4294967295u};
    int i;
    for (i = 0; i < 9; i++)
        printf("%u %u %u\n", tests[i], isqrt(tests[i]), newton(tests[i]));
    return 0;
}
