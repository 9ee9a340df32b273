#include <stdio.h>

static int counter(void)
{
    static int n;           /* zero-initialised once */
    return ++n;
}

static int fibnext(void)
{
    static int a = 0, b = 1;
    int t = a;
    a = b;
    b = t + b;
    return t;
}

int main(void)
{
    int i;
    counter();
    counter();
    printf("%d\n", counter());
    for (i = 0; i < 10; i++)
        printf("%d ", fibnext());
    printf("\n");
    return 0;
}
