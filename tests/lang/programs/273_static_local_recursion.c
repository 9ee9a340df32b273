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
    printf("%d %d %d\n", calls_so_far() * 0, calls_so_far(), calls_so_far());
    return 0;
}
