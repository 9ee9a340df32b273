#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("%d %d %d\n", abs(5), abs(-5), abs(0));
    int i, total = 0;
    for (i = -3; i <= 3; i++)
        total += abs(i * 7);
    printf("%d\n", total);
    printf("%d\n", abs(-2147483647));
    return 0;
}
