#include <stdio.h>
#include <stdarg.h>

static int sum(int count, ...)
{
    va_list ap;
    int total = 0, i;
    va_start(ap, count);
    for (i = 0; i < count; i++)
        total += va_arg(ap, int);
    va_end(ap);
    return total;
}

static int max_of(int first, ...)
{
    va_list ap;
    int best = first, v;
    va_start(ap, first);
    while ((v = va_arg(ap, int)) >= 0)
        if (v > best)
            best = v;
    va_end(ap);
    return best;
}

int main(void)
{
    printf("%d\n", sum(0));
    printf("%d\n", sum(3, 10, 20, 30));
    printf("%d\n", sum(6, 1, -2, 3, -4, 5, -6));
    printf("%d\n", max_of(4, 9, 2, 17, 3, -1));
    return 0;
}
