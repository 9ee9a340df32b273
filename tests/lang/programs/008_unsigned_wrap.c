#include <stdio.h>

int main(void)
{
    unsigned u = 0;
    u--;
    printf("%u\n", u);
    u++;
    printf("%u\n", u);
    unsigned m = 123456789u * 1000u;
    printf("%u\n", m);
    unsigned neg = -5;
    printf("%u\n", neg);
    return 0;
}
