#include <stdio.h>

static void swap(int *a, int *b)
{
    int t = *a;
    *a = *b;
    *b = t;
}

static void quicksort(int *a, int lo, int hi)
{
    if (lo >= hi)
        return;
    int pivot = a[(lo + hi) / 2];
    int i = lo, j = hi;
    while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
            swap(&a[i], &a[j]);
            i++;
            j--;
        }
    }
    quicksort(a, lo, j);
    quicksort(a, i, hi);
}

int main(void)
{
    int a[40];
    unsigned seed = 12345;
    int i;
    for (i = 0; i < 40; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (seed >> 16) % 1000;
    }
    quicksort(a, 0, 39);
    for (i = 0; i < 40; i++)
        printf("%d%c", a[i], i % 10 == 9 ? '\n' : ' ');
    return 0;
}
