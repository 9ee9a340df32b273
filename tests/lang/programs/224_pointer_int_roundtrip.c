// nogcc: pointers fit in int/unsigned on minos (4 bytes).
#include <stdio.h>

int main(void)
{
    int x = 7;
    int *p = &x;
    unsigned addr = (unsigned)p;
    int *q = (int *)addr;
    printf("%d %d\n", *q, q == p);
    printf("%d\n", (addr & 3) == 0);        /* ints are 4-byte aligned */
    char buf[8];
    unsigned a0 = (unsigned)&buf[0], a5 = (unsigned)&buf[5];
    printf("%u\n", a5 - a0);
    long l = (long)p;
    printf("%d\n", *(int *)l);
    return 0;
}
