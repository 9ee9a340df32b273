#include <stdio.h>

#define MODE 2
#define DEBUG 1

int main(void)
{
#if MODE == 1
    printf("mode one\n");
#elif MODE == 2
    printf("mode two\n");
#elif MODE == 3
    printf("mode three\n");
#else
    printf("other\n");
#endif
#if defined(DEBUG) && DEBUG
    printf("debug\n");
#endif
#if defined NOPE || !defined(MODE)
    printf("wrong\n");
#else
    printf("right\n");
#endif
#if UNDEFINED_NAME == 0
    printf("undefined is 0\n");
#endif
#if (1 + 2) * 3 == 9 && (7 % 4) == 3 && (1 << 4) == 16
    printf("arith\n");
#endif
    return 0;
}
