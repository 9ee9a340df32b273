#include <stdio.h>

int main(void)
{
    int x = 1;
    printf("%d %d %d\n", x << 0, x << 4, x << 30);
    printf("%d\n", 1000 >> 3);
    unsigned u = 0xF0000000u;
    printf("%x %x\n", u >> 4, u >> 31);
    printf("%x\n", u << 3);
    int n = 5;
    printf("%d\n", 3 << n);
    unsigned char c = 0x81;
    printf("%d\n", c << 1);        /* promoted: 258 */
    return 0;
}
