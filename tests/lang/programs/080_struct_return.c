#include <stdio.h>

struct pair { int lo, hi; };
struct name { char text[16]; int len; };

static struct pair minmax(int *a, int n)
{
    struct pair r = {a[0], a[0]};
    int i;
    for (i = 1; i < n; i++) {
        if (a[i] < r.lo) r.lo = a[i];
        if (a[i] > r.hi) r.hi = a[i];
    }
    return r;
}

static struct name make_name(const char *s)
{
    struct name n;
    int i = 0;
    while (s[i] && i < 15) {
        n.text[i] = s[i];
        i++;
    }
    n.text[i] = 0;
    n.len = i;
    return n;
}

int main(void)
{
    int a[6] = {5, -3, 9, 0, 12, 4};
    struct pair p = minmax(a, 6);
    printf("%d %d\n", p.lo, p.hi);
    printf("%d\n", minmax(a + 3, 2).hi);
    struct name n = make_name("structure");
    printf("%s %d\n", n.text, n.len);
    n = make_name("x");
    printf("%s %d\n", n.text, n.len);
    return 0;
}
