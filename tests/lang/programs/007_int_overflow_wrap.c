#include <stdio.h>

int main(void)
{
    int big = 2147483647;
    int x = big + 1;
    int y = -2147483647 - 1;
    printf("%d\n", x);
    printf("%d\n", y - 1);
    printf("%d\n", 65536 * 65536);
    printf("%d\n", 100000 * 100000);
    return 0;
}
