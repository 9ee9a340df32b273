#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("%ld\n", strtol("ff", NULL, 16));
    printf("%ld\n", strtol("0x1A", NULL, 16));
    printf("%ld\n", strtol("0x1A", NULL, 0));
    printf("%ld\n", strtol("0755", NULL, 0));
    printf("%ld\n", strtol("1010", NULL, 2));
    printf("%ld\n", strtol("-zz", NULL, 36));
    printf("%ld\n", strtol("  +123", NULL, 10));
    printf("%ld\n", strtol("789", NULL, 8));
    return 0;
}
