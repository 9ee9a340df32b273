// nogcc: long is 32 bits on minos, so it wraps like int.
#include <stdio.h>

int main(void)
{
    long big = 2147483647L;
    big++;
    printf("%ld\n", big);
    unsigned long u = 4294967295UL;
    u++;
    printf("%lu\n", u);
    long m = 100000L * 100000L;
    printf("%ld\n", m);
    printf("%lu\n", (unsigned long)-1L);
    return 0;
}
