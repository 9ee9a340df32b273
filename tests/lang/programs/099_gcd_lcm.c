#include <stdio.h>

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a < 0 ? -a : a;
}

static int gcd_rec(int a, int b)
{
    return b == 0 ? a : gcd_rec(b, a % b);
}

static int lcm(int a, int b)
{
    return a / gcd(a, b) * b;
}

int main(void)
{
    printf("%d %d %d\n", gcd(48, 18), gcd(17, 5), gcd(0, 9));
    printf("%d %d\n", gcd_rec(1071, 462), gcd(-12, 8));
    printf("%d %d\n", lcm(4, 6), lcm(21, 6));
    int l = 1, i;
    for (i = 1; i <= 20; i++)
        l = lcm(l, i);
    printf("%d\n", l);
    return 0;
}
