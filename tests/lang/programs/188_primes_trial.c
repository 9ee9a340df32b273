#include <stdio.h>

static int is_prime(unsigned n)
{
    unsigned d;
    if (n < 2)
        return 0;
    if (n % 2 == 0)
        return n == 2;
    for (d = 3; d * d <= n; d += 2)
        if (n % d == 0)
            return 0;
    return 1;
}

int main(void)
{
    unsigned n;
    int count = 0;
    for (n = 0; n < 200; n++)
        if (is_prime(n)) {
            count++;
            if (n > 150)
                printf("%u ", n);
        }
    printf("\n%d\n", count);
    printf("%d %d\n", is_prime(65521), is_prime(65523));
    return 0;
}
