#include <stdio.h>

struct point { int x, y; };
struct rect { struct point tl, br; char name[8]; };

static int area(struct rect *r)
{
    return (r->br.x - r->tl.x) * (r->br.y - r->tl.y);
}

int main(void)
{
    struct rect r = {{1, 2}, {6, 10}, "box"};
    printf("%s %d\n", r.name, area(&r));
    r.tl.x = 0;
    printf("%d\n", area(&r));
    struct point *c = &r.br;
    c->y = 3;
    printf("%d %d\n", r.br.y, area(&r));
    printf("%d\n", (int)sizeof r);
    return 0;
}
