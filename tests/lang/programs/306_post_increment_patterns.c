#include <stdio.h>

static int copy_until(int *dst, const int *src, int stop)
{
    int n = 0;
    while (*src != stop) {
        *dst++ = *src++;
        n++;
    }
    *dst = stop;
    return n;
}

int main(void)
{
    int src[8] = {5, 4, 3, 2, 1, 0, 9, 9};
    int dst[8] = {0};
    int n = copy_until(dst, src, 0), i;
    printf("%d:", n);
    for (i = 0; i <= n; i++)
        printf(" %d", dst[i]);
    printf("\n");
    int k = 0, m = 0;
    int a[6] = {1, 2, 3, 4, 5, 6}, b[6];
    while (k < 6)
        b[m++] = a[k++] * 10;
    printf("%d %d %d %d\n", k, m, b[0], b[5]);
    int x = 5;
    int y = x++ + 10;           /* uses the old value */
    int z = x-- * 2;
    printf("%d %d %d\n", x, y, z);
    char buf[8], *p = buf;
    const char *start = "hey", *q = start;
    while ((*p++ = *q++) != 0)
        ;
    printf("%s %d %d\n", buf, (int)(p - buf), (int)(q - start));
    return 0;
}
