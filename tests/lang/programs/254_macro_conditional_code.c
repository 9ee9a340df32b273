#include <stdio.h>

#define DEBUG_LEVEL 2
#if DEBUG_LEVEL >= 2
#define TRACE(msg, v) printf("trace: %s=%d\n", msg, v)
#else
#define TRACE(msg, v)
#endif
#if DEBUG_LEVEL >= 3
#define VERBOSE(x) printf("verbose %d\n", x)
#else
#define VERBOSE(x) ((void)0)
#endif
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define CLAMP(x, lo, hi) MIN(MAX(x, lo), hi)
#define MAX(a, b) ((a) > (b) ? (a) : (b))

int main(void)
{
    int i;
    for (i = -5; i <= 15; i += 10) {
        TRACE("i", i);
        VERBOSE(i);
        printf("%d\n", CLAMP(i, 0, 10));
    }
    return 0;
}
