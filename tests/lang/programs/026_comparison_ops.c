#include <stdio.h>

int main(void)
{
    int a = 3, b = 7;
    printf("%d %d %d %d %d %d\n", a < b, a > b, a <= b, a >= b, a == b, a != b);
    printf("%d %d\n", a <= 3, b >= 8);
    int r = (a < b) + (b < a) * 10;
    printf("%d\n", r);
    unsigned x = 5, y = 5;
    printf("%d %d\n", x == y, x != y);
    char c = 'm';
    printf("%d\n", c >= 'a' && c <= 'z');
    return 0;
}
