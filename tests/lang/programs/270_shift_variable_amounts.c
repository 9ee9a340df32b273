#include <stdio.h>

int main(void)
{
    int n;
    unsigned u = 0x80000001u;
    int s = -2147483647 - 1;
    for (n = 0; n < 32; n += 5)
        printf("%2d: %08x %08x %08x\n", n, u << n, u >> n, (unsigned)(s >> n));
    n = 31;
    printf("%08x %d\n", 1u << n, s >> n);
    return 0;
}
