#include <stdio.h>

int main(void)
{
    unsigned u = 3000000000u;
    int i = (int)u;
    printf("%d\n", i);
    printf("%u\n", (unsigned)i);
    printf("%d\n", (int)u / 2);
    printf("%u\n", u / 2);
    short s = -1;
    printf("%u\n", (unsigned short)s);
    printf("%u\n", (unsigned)s);
    return 0;
}
