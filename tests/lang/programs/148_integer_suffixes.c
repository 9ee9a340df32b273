#include <stdio.h>

int main(void)
{
    printf("%u %u\n", 10u, 10U);
    printf("%ld %ld\n", 10l, 10L);
    printf("%lu %lu\n", 10ul, 10LU);
    printf("%d\n", -1 < 0u);            /* 0: compared as unsigned */
    printf("%d\n", -1 < 0);
    printf("%u\n", 0x80000000 >> 31);   /* hex constant that does not fit int is unsigned */
    printf("%d\n", (int)sizeof(1u));
    return 0;
}
