/* qsort.c: sorting and binary search over arrays of any element size. */
#include <stdlib.h>

/* Exchange two elements of `size` bytes. */
static void swap_bytes(char *a, char *b, size_t size)
{
    char t;
    if (a == b)
        return;
    while (size--) {
        t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Small ranges: insertion sort (few comparisons, no recursion). */
static void insertion_sort(char *base, size_t n, size_t size,
                           int (*cmp)(const void *, const void *))
{
    size_t i, j;
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--)
            swap_bytes(base + (j - 1) * size, base + j * size, size);
}

/* Quicksort. The middle element is the pivot, parked at the front while the
 * rest is partitioned around it; both scans stop on elements equal to the
 * pivot, so arrays full of duplicates still split evenly. We recurse on the
 * smaller part and loop on the larger, so the stack stays O(log n) deep. */
void qsort(void *array, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char *base = array;
    size_t i, j;
    while (n > 8) {
        swap_bytes(base, base + (n / 2) * size, size);     /* pivot to the front */
        i = 0;
        j = n;
        for (;;) {
            do
                i++;
            while (i < n - 1 && cmp(base + i * size, base) < 0);
            do
                j--;
            while (j > 0 && cmp(base, base + j * size) < 0);
            if (i >= j)
                break;
            swap_bytes(base + i * size, base + j * size, size);
        }
        swap_bytes(base, base + j * size, size);            /* pivot to its place */
        /* Now [0, j) <= pivot at j <= (j, n). */
        if (j < n - 1 - j) {
            qsort(base, j, size, cmp);
            base = base + (j + 1) * size;
            n = n - 1 - j;
        } else {
            qsort(base + (j + 1) * size, n - 1 - j, size, cmp);
            n = j;
        }
    }
    insertion_sort(base, n, size, cmp);
}

void *bsearch(const void *key, const void *array, size_t n, size_t size,
              int (*cmp)(const void *, const void *))
{
    const char *base = array;
    size_t lo = 0, hi = n;          /* the key, if present, is in [lo, hi) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp(key, base + mid * size);
        if (c == 0)
            return (void *)(base + mid * size);
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}
