#include <stdio.h>

struct vec { int x, y, z; };

static int dot(struct vec a, struct vec b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

static void clobber(struct vec v)
{
    v.x = 1000;             /* changes the callee's copy only */
    printf("inside %d\n", v.x);
}

struct small { char c; short s; };

static int sum_small(struct small a, int k, struct small b)
{
    return a.c + a.s + k + b.c + b.s;
}

int main(void)
{
    struct vec a = {1, 2, 3}, b = {4, 5, 6};
    printf("%d\n", dot(a, b));
    clobber(a);
    printf("%d\n", a.x);
    struct small p = {1, 2}, q = {3, 4};
    printf("%d\n", sum_small(p, 100, q));
    return 0;
}
