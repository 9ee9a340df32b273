#include <stdio.h>

int main(void)
{
    unsigned a = 4294967295u;
    printf("%u %u\n", a / 2, a % 2);
    printf("%u %u\n", a / 10, a % 10);
    printf("%u\n", a / 4294967295u);
    printf("%u\n", 3000000000u / 7u);
    printf("%u\n", 3000000000u % 1000u);
    unsigned b = 0x80000000u;
    printf("%u %u\n", b / 3, b % 3);
    printf("%u\n", b / 8);          /* logical, not arithmetic */
    int s = (int)b;
    printf("%d\n", s / 8);
    return 0;
}
