// nogcc: the bare runtime's abort() prints "abort" and exits with status 134.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("before\n");
    abort();
    printf("after\n");
    return 0;
}
