#include <stdio.h>

int main(void)
{
    unsigned u = 0x80000001u;
    printf("%x %x %x\n", u >> 1, u >> 16, u >> 31);
    int s = (int)u;
    printf("%x %x\n", s >> 1, s >> 31);
    unsigned short us = 0x8000;
    printf("%x\n", us >> 15);
    printf("%x\n", (unsigned)s >> 28);
    unsigned x = 1;
    int n;
    for (n = 0; n < 32; n += 8)
        printf("%x ", x << n);
    printf("\n");
    return 0;
}
