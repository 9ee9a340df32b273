#include <stdio.h>

int main(void)
{
    unsigned a = 0xF0F0, b = 0x0FF0;
    printf("%x %x %x\n", a & b, a | b, a ^ b);
    printf("%x\n", ~a);
    int s = -1;
    printf("%d %d\n", s & 0xFF, s ^ 0x0F);
    int m = 12;
    printf("%d\n", m & -m);         /* lowest set bit */
    printf("%d\n", (m | 3) & ~1);
    return 0;
}
