#include <stdio.h>

int main(void)
{
    int total = 0;
    for (int i = 0; i < 5; i++)
        for (int j = i; j < 5; j++)
            total += j;
    printf("%d\n", total);
    int i = 100;
    for (int i = 0; i < 3; i++)
        printf("%d ", i);
    printf("%d\n", i);
    for (int a = 0, b = 10; a < b; a++, b--)
        total += a * b;
    printf("%d\n", total);
    int n = 0;
    for (;;) {
        if (++n == 4)
            break;
    }
    printf("%d\n", n);
    return 0;
}
