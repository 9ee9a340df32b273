#include <stdio.h>

int main(void)
{
    unsigned i;
    for (i = 5; i-- > 0;)
        printf("%u ", i);
    printf("\n");
    unsigned n = 3;
    while (n--)
        printf("n=%u ", n);
    printf("\nafter: %u\n", n);
    int steps = 0;
    for (i = 10; i < 100; i -= 3)   /* stops when i wraps around */
        steps++;
    printf("%d %u\n", steps, i);
    return 0;
}
