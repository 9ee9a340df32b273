#include <stdio.h>
#include <string.h>

static void generic_swap(void *a, void *b, unsigned size)
{
    unsigned char tmp[64];
    memcpy(tmp, a, size);
    memcpy(a, b, size);
    memcpy(b, tmp, size);
}

static void reverse(void *base, unsigned n, unsigned size)
{
    char *lo = base, *hi = (char *)base + (n - 1) * size;
    while (lo < hi) {
        generic_swap(lo, hi, size);
        lo += size;
        hi -= size;
    }
}

struct pt { short x, y; };

int main(void)
{
    int a[5] = {1, 2, 3, 4, 5};
    reverse(a, 5, sizeof a[0]);
    printf("%d %d %d %d %d\n", a[0], a[1], a[2], a[3], a[4]);
    struct pt p[3] = {{1, 2}, {3, 4}, {5, 6}};
    reverse(p, 3, sizeof p[0]);
    printf("%d,%d %d,%d\n", p[0].x, p[0].y, p[2].x, p[2].y);
    char s[] = "abcdef";
    reverse(s, 6, 1);
    printf("%s\n", s);
    void *v = a;
    int *ip = v;
    printf("%d\n", ip[4]);
    return 0;
}
