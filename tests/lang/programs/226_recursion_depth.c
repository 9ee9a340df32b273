#include <stdio.h>

/* Deep (non-tail) recursion: 2000 frames on the stack. */
static int sum_to(int n)
{
    if (n == 0)
        return 0;
    return n + sum_to(n - 1);
}

static int depth_with_locals(int n)
{
    int local[8];
    int i;
    for (i = 0; i < 8; i++)
        local[i] = n + i;
    if (n == 0)
        return local[7];
    return depth_with_locals(n - 1) + local[0] - local[7];
}

int main(void)
{
    printf("%d\n", sum_to(2000));
    printf("%d\n", depth_with_locals(500));
    return 0;
}
