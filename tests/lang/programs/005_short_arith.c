#include <stdio.h>

int main(void)
{
    short s = 30000;
    short t = 5000;
    int sum = s + t;            /* computed in int: no wrap */
    short wrapped = s + t;      /* converted back to short: wraps */
    unsigned short us = 65535;
    us++;
    printf("%d %d %u\n", sum, wrapped, (unsigned)us);
    short neg = -2;
    printf("%d\n", neg * 3);
    return 0;
}
