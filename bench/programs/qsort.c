/* Quicksort of pseudo-random numbers: recursion, swaps, pointer arguments. */
#include <stdio.h>

#define N 600
static int data[N];

static void swap(int *a, int *b)
{
    int t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(int *v, int lo, int hi)
{
    if (lo >= hi)
        return;
    int pivot = v[(lo + hi) / 2];
    int i = lo, j = hi;
    while (i <= j) {
        while (v[i] < pivot)
            i++;
        while (v[j] > pivot)
            j--;
        if (i <= j) {
            swap(&v[i], &v[j]);
            i++;
            j--;
        }
    }
    quicksort(v, lo, j);
    quicksort(v, i, hi);
}

int main(void)
{
    unsigned seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        data[i] = (int)((seed >> 16) & 0x7fff);
    }
    quicksort(data, 0, N - 1);
    for (int i = 1; i < N; i++)
        if (data[i - 1] > data[i]) {
            printf("not sorted at %d\n", i);
            return 1;
        }
    printf("sorted %d numbers, min %d max %d\n", N, data[0], data[N - 1]);
    return 0;
}
