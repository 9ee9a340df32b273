// nogcc: the runtime's assertion message and abort status (134) are minos's own.
#include <stdio.h>
#include <assert.h>

static int half(int x)
{
#line 100 "demo.c"
    assert(x % 2 == 0);
    return x / 2;
}

int main(void)
{
    printf("%d\n", half(8));
    printf("%d\n", half(7));
    return 0;
}
