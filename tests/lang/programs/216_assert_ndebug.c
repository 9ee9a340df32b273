#define NDEBUG
#include <stdio.h>
#include <assert.h>

static int calls;

static int touch(void)
{
    calls++;
    return 0;
}

int main(void)
{
    assert(touch());            /* with NDEBUG the expression is not even evaluated */
    assert(0);
    printf("calls=%d\n", calls);
    return 0;
}
