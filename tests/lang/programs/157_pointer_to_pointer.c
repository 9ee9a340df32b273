#include <stdio.h>

static void set_to_max(int **out, int *a, int n)
{
    int i;
    *out = a;
    for (i = 1; i < n; i++)
        if (a[i] > **out)
            *out = &a[i];
}

int main(void)
{
    int a[5] = {4, 9, 2, 9, 1};
    int *best;
    set_to_max(&best, a, 5);
    printf("%d %d\n", *best, (int)(best - a));
    int x = 1;
    int *p = &x;
    int **pp = &p;
    int ***ppp = &pp;
    ***ppp = 42;
    printf("%d %d\n", x, **pp);
    return 0;
}
