#include <stdio.h>

struct leaf { int value; };
struct mid { struct leaf *items[3]; int count; };
struct root { struct mid groups[2]; struct root *self; };

int main(void)
{
    struct leaf l[4] = {{1}, {2}, {3}, {4}};
    struct root r;
    r.self = &r;
    r.groups[0].items[0] = &l[0];
    r.groups[0].items[1] = &l[1];
    r.groups[0].count = 2;
    r.groups[1].items[0] = &l[3];
    r.groups[1].items[2] = &l[2];
    r.groups[1].count = 1;
    printf("%d\n", r.self->self->groups[1].items[2]->value);
    r.self->groups[0].items[1]->value += 40;
    printf("%d\n", l[1].value);
    struct root *p = &r;
    int total = 0, g, i;
    for (g = 0; g < 2; g++)
        for (i = 0; i < p->groups[g].count; i++)
            total += p->groups[g].items[i]->value;
    printf("%d\n", total);
    printf("%d\n", (&p->groups[1])->items[0]->value);
    return 0;
}
