#include <stdio.h>

int main(void)
{
    unsigned char a = 200, b = 100;
    int sum = a + b;            /* both promote to int: 300, not 44 */
    printf("%d\n", sum);
    char c = 100, d = 100;
    printf("%d\n", c * d);      /* 10000, computed in int */
    unsigned short us = 65535;
    printf("%d\n", us * 2);     /* unsigned short promotes to int */
    printf("%d\n", (unsigned char)255 + 1);
    printf("%d\n", ~(unsigned char)0);
    printf("%d\n", (int)sizeof(a + b));
    return 0;
}
