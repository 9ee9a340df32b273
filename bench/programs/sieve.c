/* Sieve of Eratosthenes: array indexing in tight loops. */
#include <stdio.h>

#define N 8000
static char composite[N];

int main(void)
{
    int count = 0;
    for (int i = 2; i < N; i++) {
        if (composite[i])
            continue;
        count++;
        for (int j = i + i; j < N; j += i)
            composite[j] = 1;
    }
    printf("%d primes below %d\n", count, N);
    return count == 1007 ? 0 : 1;
}
