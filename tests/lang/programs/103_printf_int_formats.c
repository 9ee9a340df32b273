#include <stdio.h>

int main(void)
{
    printf("%d %i %d\n", 0, -17, 2147483647);
    printf("%d\n", -2147483647 - 1);
    printf("%u %u\n", 0u, 4294967295u);
    printf("%x %X %o\n", 3054, 3054, 3054);
    printf("%ld %lu %lx\n", -123456L, 123456UL, 0xabcdefUL);
    printf("%c%c%c\n", 72, 'i', 33);
    printf("%hd %hu\n", (short)-5, (unsigned short)65535);
    return 0;
}
