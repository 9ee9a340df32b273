#include <stdio.h>

int apply(int (*)(int, int), int, int);   /* prototype without parameter names */
static int sub(int, int);
static void nothing(void);

int main(void)
{
    printf("%d\n", apply(sub, 10, 3));
    nothing();
    return 0;
}

int apply(int (*f)(int, int), int a, int b)
{
    return f(a, b);
}

static int sub(int a, int b)
{
    return a - b;
}

static void nothing(void)
{
    printf("nothing\n");
    return;
}
