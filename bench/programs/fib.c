/* Recursive Fibonacci: calls, returns and the frame setup cost. */
#include <stdio.h>

int fib(int n)
{
    if (n < 2)
        return n;
    return fib(n - 1) + fib(n - 2);
}

int main(void)
{
    int r = fib(18);
    printf("fib(18) = %d\n", r);
    return r == 2584 ? 0 : 1;
}
