#include <stdio.h>

struct point {
    int x;
    int y;
};

int main(void)
{
    struct point p;
    p.x = 3;
    p.y = -4;
    printf("%d %d\n", p.x, p.y);
    struct point q = {10, 20};
    q.x += p.x;
    printf("%d %d\n", q.x, q.y);
    struct point *pp = &q;
    pp->y = 99;
    printf("%d\n", q.y);
    printf("%d\n", (int)sizeof(struct point));
    return 0;
}
