#include <stdio.h>

static int fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void)
{
    int i;
    for (i = 0; i <= 15; i++)
        printf("%d ", fib(i));
    printf("\n");
    return fib(12) % 256;
}
