// nogcc: the runtime's rand() is the standard's example LCG, glibc's is not.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int i;
    srand(1);
    for (i = 0; i < 5; i++)
        printf("%d\n", rand());
    srand(42);
    int a = rand();             /* two statements: argument order is unspecified */
    int b = rand();
    printf("%d %d\n", a, b);
    srand(1);
    printf("%d\n", rand());
    printf("%d\n", RAND_MAX);
    return 0;
}
