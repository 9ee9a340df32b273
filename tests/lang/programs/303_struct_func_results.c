#include <stdio.h>

struct pair { int a, b; };
struct wrap { struct pair p; int arr[3]; };

static struct pair mk(int a, int b)
{
    struct pair p = {a, b};
    return p;
}

static struct wrap wrap(struct pair p)
{
    struct wrap w = {p, {p.a, p.b, p.a + p.b}};
    return w;
}

static int sum(struct pair p) { return p.a + p.b; }

int main(void)
{
    printf("%d\n", mk(1, 2).a + mk(3, 4).b);
    printf("%d\n", sum(mk(5, 6)) + sum(wrap(mk(7, 8)).p));
    printf("%d\n", wrap(mk(2, 9)).arr[2]);
    struct pair ps[3] = {mk(1, 1), mk(2, 2), mk(3, 3)};
    printf("%d\n", ps[2].b + ps[0].a);
    int (*f)(struct pair) = sum;
    printf("%d\n", f(mk(100, 23)));
    return 0;
}
