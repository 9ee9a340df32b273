#include <stdio.h>

int main(void)
{
    int x = 0x12345678;
    short s = x;
    unsigned short us = x;
    char c = x;
    printf("%x %x %x\n", s, us, c);
    short n = 0x8000;
    printf("%d\n", n);
    unsigned short m = 0x18000;
    printf("%d\n", m);
    return 0;
}
