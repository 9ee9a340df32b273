#include <stdio.h>

int main(void)
{
    int a, b;
    a = (b = 3, b + 4);
    printf("%d %d\n", a, b);
    int i, j;
    for (i = 0, j = 10; i < j; i += 3, j -= 2)
        printf("%d,%d ", i, j);
    printf("\n");
    int x = (printf("side "), 7);
    printf("%d\n", x);
    return 0;
}
