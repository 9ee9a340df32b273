#include <stdio.h>

/* long arithmetic whose values fit in 32 bits prints the same for 4- and 8-byte longs. */
static long triangle(long n)
{
    return n * (n + 1) / 2;
}

int main(void)
{
    long a = 123456, b = -789;
    printf("%ld %ld %ld %ld\n", a + b, a * b, a / b, a % b);
    printf("%ld\n", triangle(20000));
    unsigned long u = 3000000000ul;
    printf("%lu\n", u / 3);
    long neg = -5;
    printf("%ld %ld\n", neg >> 1, -neg);
    int i = 17;
    long l = i;
    printf("%ld\n", l * 100);
    return 0;
}
