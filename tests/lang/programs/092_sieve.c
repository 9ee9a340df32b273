#include <stdio.h>

#define N 500

static char composite[N + 1];

int main(void)
{
    int i, j, count = 0;
    for (i = 2; i * i <= N; i++)
        if (!composite[i])
            for (j = i * i; j <= N; j += i)
                composite[j] = 1;
    for (i = 2; i <= N; i++)
        if (!composite[i])
            count++;
    printf("%d primes below %d\n", count, N);
    for (i = N; i > 400; i--)
        if (!composite[i])
            printf("%d ", i);
    printf("\n");
    return 0;
}
