#include <stdio.h>

static int calls;

static int touch(int v)
{
    calls++;
    return v;
}

int main(void)
{
    int x;
    x = touch(5) * 0;           /* the call must still happen */
    printf("%d %d\n", x, calls);
    x = touch(7) & 0;
    printf("%d %d\n", x, calls);
    x = (touch(1), 9);
    printf("%d %d\n", x, calls);
    touch(3);                   /* result unused, call kept */
    printf("%d\n", calls);
    x = 0 && touch(1);          /* short-circuit: no call */
    x += 1 || touch(1);
    printf("%d %d\n", x, calls);
    x = touch(4) - touch(4);
    printf("%d %d\n", x, calls);
    return 0;
}
