#include <stdio.h>

int main(void)
{
    int x = 3, y;
    x;                          /* expression statements whose value is unused */
    x + 1;
    (void)x;
    ;
    {}
    y = x > 2 ? (x = 10, x + 1) : 0;
    printf("%d %d\n", x, y);
    x = y , x + 100;            /* assignment binds tighter than comma */
    printf("%d\n", x);
    int z = (x, y, 42);
    printf("%d\n", z);
    return 0;
}
