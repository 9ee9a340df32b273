#include <stdio.h>

#define LOG(fmt, ...) printf("[log] " fmt "\n", __VA_ARGS__)
#define COUNT_ARGS(...) count_args(0, __VA_ARGS__, -1)
#define FIRST(x, ...) (x)

static int count_args(int dummy, ...);

#include <stdarg.h>

static int count_args(int dummy, ...)
{
    va_list ap;
    int n = 0;
    va_start(ap, dummy);
    while (va_arg(ap, int) != -1)
        n++;
    va_end(ap);
    return n;
}

int main(void)
{
    LOG("%d + %d = %d", 2, 3, 2 + 3);
    LOG("%s", "one argument");
    printf("%d %d\n", COUNT_ARGS(7, 8, 9), COUNT_ARGS(1));
    printf("%d\n", FIRST(10, 20, 30));
    return 0;
}
