#include <stdio.h>

struct pt { int x, y; };

static struct pt make(int x, int y)
{
    struct pt p;
    p.x = x;
    p.y = y;
    return p;
}

int main(void)
{
    struct pt a = {1, 2}, b = {3, 4}, c;
    int pick = 1;
    c = pick ? a : b;
    printf("%d %d\n", c.x, c.y);
    c = !pick ? a : b;
    printf("%d %d\n", c.x, c.y);
    a = b = make(7, 8);
    printf("%d %d %d %d\n", a.x, a.y, b.x, b.y);
    struct pt arr[3];
    arr[0] = arr[1] = arr[2] = make(-1, -2);
    printf("%d %d\n", arr[2].x, arr[0].y);
    printf("%d\n", (pick ? make(5, 6) : make(0, 0)).y);
    return 0;
}
