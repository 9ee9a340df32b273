#include <stdio.h>

static int calls;

static int hit(int v)
{
    calls++;
    printf("hit %d\n", v);
    return v;
}

int main(void)
{
    if (hit(0) && hit(1))
        printf("no\n");
    if (hit(1) || hit(2))
        printf("yes\n");
    int r = hit(1) && hit(0) && hit(3);
    printf("r=%d calls=%d\n", r, calls);
    int x = 0;
    int y = (x != 0) && (10 / x > 1);
    printf("%d\n", y);
    return 0;
}
