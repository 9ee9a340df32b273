#include <stdio.h>

int main(void)
{
    unsigned x = 0x0F;
    x <<= 4;   printf("%x\n", x);
    x >>= 2;   printf("%x\n", x);
    x &= 0x30; printf("%x\n", x);
    x |= 0x01; printf("%x\n", x);
    x ^= 0xFF; printf("%x\n", x);
    int s = -64;
    s >>= 3;   printf("%d\n", s);
    return 0;
}
