#include <stdio.h>
#include <assert.h>

static int checked_div(int a, int b)
{
    assert(b != 0);
    return a / b;
}

int main(void)
{
    int x = 10;
    assert(x == 10);
    assert(x > 0 && "x must be positive");
    printf("%d\n", checked_div(x, 3));
    printf("asserts passed\n");
    return 0;
}
