// nogcc: with 4-byte long, long vs unsigned int converts both to unsigned long.
#include <stdio.h>

int main(void)
{
    long l = -1;
    unsigned u = 1;
    printf("%d\n", l < u);          /* 0 on minos; 1 where long is wider than int */
    printf("%lu\n", l + u * 0);
    printf("%d\n", (int)sizeof(l + u));
    unsigned long ul = 5;
    int i = -5;
    printf("%d\n", i < ul);
    return 0;
}
