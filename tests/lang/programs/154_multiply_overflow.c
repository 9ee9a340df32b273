#include <stdio.h>

int main(void)
{
    unsigned a = 0xFFFFu, b = 0x10001u;
    printf("%x\n", a * b);
    printf("%x\n", 0xFFFFFFFFu * 0xFFFFFFFFu);
    int x = 46341;
    printf("%d\n", x * x);
    int y = -65536;
    printf("%d\n", y * 32768);
    unsigned f = 1;
    int i;
    for (i = 1; i <= 13; i++)
        f *= i;
    printf("%u\n", f);
    short s = 181;
    short t = s * s;
    printf("%d\n", t);
    return 0;
}
