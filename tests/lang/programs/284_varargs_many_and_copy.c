#include <stdio.h>
#include <stdarg.h>

static int sum_twice(int n, ...)
{
    va_list ap, again;
    int i, s = 0;
    va_start(ap, n);
    va_copy(again, ap);
    for (i = 0; i < n; i++)
        s += va_arg(ap, int);
    for (i = 0; i < n; i++)
        s += va_arg(again, int) * 100;
    va_end(again);
    va_end(ap);
    return s;
}

static void pairs(const char *label, int n, ...)
{
    va_list ap;
    int i;
    va_start(ap, n);
    printf("%s:", label);
    for (i = 0; i < n; i++) {
        const char *k = va_arg(ap, const char *);
        int v = va_arg(ap, int);
        printf(" %s=%d", k, v);
    }
    va_end(ap);
    printf("\n");
}

int main(void)
{
    printf("%d\n", sum_twice(12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
    pairs("cfg", 4, "a", 1, "b", -2, "c", 3, "d", 400000);
    printf("%d %s %c %u %x %d %d %d %d %d %s\n", 1, "two", '3', 4u, 5, 6, 7, 8, 9, 10, "eleven");
    return 0;
}
