#include <stdio.h>

struct shape;

struct shape_ops {
    const char *name;
    int (*area)(const struct shape *);
    int (*perimeter)(const struct shape *);
};

struct shape {
    const struct shape_ops *ops;
    int a, b;
};

static int rect_area(const struct shape *s) { return s->a * s->b; }
static int rect_perim(const struct shape *s) { return 2 * (s->a + s->b); }
static int square_area(const struct shape *s) { return s->a * s->a; }
static int square_perim(const struct shape *s) { return 4 * s->a; }

static const struct shape_ops rect_ops = {"rect", rect_area, rect_perim};
static const struct shape_ops square_ops = {"square", square_area, square_perim};

int main(void)
{
    struct shape shapes[3] = {{&rect_ops, 3, 4}, {&square_ops, 5, 0}, {&rect_ops, 1, 10}};
    int i;
    for (i = 0; i < 3; i++)
        printf("%s %d %d\n", shapes[i].ops->name, shapes[i].ops->area(&shapes[i]),
               (*shapes[i].ops->perimeter)(&shapes[i]));
    return 0;
}
