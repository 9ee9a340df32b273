#include <stdio.h>

int main(void)
{
    unsigned a = 0, b = 1;
    int i;
    for (i = 0; i < 60; i++) {
        unsigned t = a + b;
        a = b;
        b = t;
        if (i % 10 == 9)
            printf("%d: %u\n", i + 1, a);
    }
    int x = 0, y = 1;
    for (i = 0; i < 50; i++) {
        int t = x + y;
        x = y;
        y = t;
    }
    printf("%d\n", x);
    return 0;
}
