// nogcc: LONG_MAX is 2147483647 on minos; strtol saturates at the 32-bit limits.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("%ld\n", strtol("2147483647", NULL, 10));
    printf("%ld\n", strtol("2147483648", NULL, 10));
    printf("%ld\n", strtol("99999999999", NULL, 10));
    printf("%ld\n", strtol("-2147483648", NULL, 10));
    printf("%ld\n", strtol("-2147483649", NULL, 10));
    printf("%lu\n", strtoul("4294967296", NULL, 10));
    return 0;
}
