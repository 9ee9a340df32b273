#include <stdio.h>
#include <stdlib.h>

static int check(int v)
{
    if (v > 3) {
        printf("bad value %d\n", v);
        exit(v * 100);          /* 400: the status keeps the low 8 bits, 144 */
    }
    return v;
}

int main(void)
{
    int i, sum = 0;
    for (i = 0; i < 10; i++)
        sum += check(i);
    printf("unreachable %d\n", sum);
    return 0;
}
