#include <stdio.h>

int main(void)
{
    printf("%d %d\n", 7 / 2, 7 % 2);
    printf("%d %d\n", -7 / 2, -7 % 2);
    printf("%d %d\n", 7 / -2, 7 % -2);
    printf("%d %d\n", -7 / -2, -7 % -2);
    int a = -17, b = 4;
    printf("%d %d\n", a / b, a % b);
    printf("%d %d\n", a / 8, a % 8);
    printf("%d\n", (a / b) * b + a % b == a);
    return 0;
}
