#include <stdio.h>

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static int neg(int a) { return -a; }

int main(void)
{
    printf("%d\n", add(mul(2, 3), mul(add(1, 1), neg(4))));
    printf("%d\n", mul(add(add(1, 2), add(3, 4)), add(mul(5, 6), neg(neg(7)))));
    int x = add(1, add(2, add(3, add(4, add(5, 6)))));
    printf("%d\n", x);
    return add(mul(x, 2), neg(x));
}
