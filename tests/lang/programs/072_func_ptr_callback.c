#include <stdio.h>

struct acc { int sum; int count; };

static void each(int *a, int n, void (*fn)(int, void *), void *ctx)
{
    int i;
    for (i = 0; i < n; i++)
        fn(a[i], ctx);
}

static void add_up(int v, void *ctx)
{
    struct acc *acc = ctx;
    acc->sum += v;
    acc->count++;
}

static void print_it(int v, void *ctx)
{
    printf("%s%d", (const char *)ctx, v);
}

int main(void)
{
    int data[5] = {3, 1, 4, 1, 5};
    struct acc a = {0, 0};
    each(data, 5, add_up, &a);
    printf("%d %d\n", a.sum, a.count);
    each(data, 5, print_it, " ");
    printf("\n");
    return 0;
}
