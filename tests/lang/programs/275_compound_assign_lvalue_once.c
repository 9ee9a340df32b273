#include <stdio.h>

static int idx_calls;

static int idx(int i)
{
    idx_calls++;
    return i;
}

int main(void)
{
    int a[5] = {1, 2, 3, 4, 5};
    a[idx(2)] += 10;            /* the index is evaluated once */
    a[idx(3)] *= 3;
    a[idx(4)]++;
    --a[idx(0)];
    printf("%d %d %d %d %d calls=%d\n", a[0], a[1], a[2], a[3], a[4], idx_calls);
    int *p = a;
    *p++ += 100;                /* adds to a[0], then moves p */
    printf("%d %d\n", a[0], *p);
    char s[] = "abc";
    char *q = s;
    *q++ -= 32;
    *q++ -= 32;
    printf("%s\n", s);
    return 0;
}
