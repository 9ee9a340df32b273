#include <stdio.h>

#define PRINT_PAIR(a, b) \
    do {                 \
        printf("%d", a); \
        printf(",%d\n", b); \
    } while (0)

#define LONG_SUM 1 + \
                 2 + \
                 3

int main(void)
{
    PRINT_PAIR(4, 5);
    printf("%d\n", LONG_SUM);
    int i;
    for (i = 0; i < 2; i++)
        PRINT_PAIR(i, i * 10);
    return 0;
}
