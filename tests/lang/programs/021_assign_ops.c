#include <stdio.h>

int main(void)
{
    int x = 10;
    x += 5;  printf("%d\n", x);
    x -= 3;  printf("%d\n", x);
    x *= 4;  printf("%d\n", x);
    x /= 5;  printf("%d\n", x);
    x %= 4;  printf("%d\n", x);
    int y = (x += 100);
    printf("%d %d\n", x, y);
    return 0;
}
