#include <stdio.h>
#include <stdlib.h>

static void deep(int n)
{
    if (n == 0) {
        printf("leaving from deep inside\n");
        exit(7);
    }
    deep(n - 1);
    printf("never printed\n");
}

int main(void)
{
    deep(5);
    return 0;
}
