#include <stdio.h>

typedef int (*binop)(int, int);
typedef int unop_fn(int);

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static int neg(int a) { return -a; }

static int fold(binop f, int *a, int n)
{
    int acc = a[0], i;
    for (i = 1; i < n; i++)
        acc = f(acc, a[i]);
    return acc;
}

int main(void)
{
    int a[4] = {1, 2, 3, 4};
    binop ops[2] = {add, mul};
    printf("%d %d\n", fold(ops[0], a, 4), fold(ops[1], a, 4));
    unop_fn *u = neg;
    printf("%d\n", u(12));
    return 0;
}
