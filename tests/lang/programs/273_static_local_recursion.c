#include <stdio.h>

static int depth_max(int n)
{
    static int depth, deepest;
    depth++;
    if (depth > deepest)
        deepest = depth;
    if (n > 0) {
        depth_max(n - 1);
        depth_max(n / 2);
    }
    depth--;
    return deepest;
}

static int calls_so_far(void)
{
    static int calls = 100;
    return calls++;
}

int main(void)
{
    printf("%d\n", depth_max(6));
    int first = calls_so_far();     /* separate statements: argument order is unspecified */
    int second = calls_so_far();
    printf("%d %d\n", first, second);
    return 0;
}
