#include <stdio.h>

int main(void)
{
    int n = -16;
    printf("%d\n", n >> 2);
    printf("%d\n", -1 >> 10);
    printf("%d\n", (-2147483647 - 1) >> 31);
    unsigned u = (unsigned)n;
    printf("%u\n", u >> 2);
    char c = -128;
    printf("%d\n", c >> 3);
    return 0;
}
