#include <stdio.h>

int main(void)
{
    int a = 17, b = 5;
    printf("%d %d %d %d %d\n", a + b, a - b, a * b, a / b, a % b);
    printf("%d %d\n", -a, +b);
    printf("%d\n", a * b - (a + b) * 2 / 3);
    printf("%d\n", 1000000 * 3 + 7);
    return 0;
}
