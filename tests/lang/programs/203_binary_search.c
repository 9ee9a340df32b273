#include <stdio.h>

static int search(const int *a, int n, int key, int *probes)
{
    int lo = 0, hi = n - 1;
    *probes = 0;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        ++*probes;
        if (a[mid] == key)
            return mid;
        if (a[mid] < key)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -(lo + 1);
}

int main(void)
{
    int a[100], i, probes;
    for (i = 0; i < 100; i++)
        a[i] = i * 3;
    int keys[] = {0, 297, 150, 151, -5, 1000};
    for (i = 0; i < 6; i++) {
        int r = search(a, 100, keys[i], &probes);
        printf("%d -> %d (%d probes)\n", keys[i], r, probes);
    }
    return 0;
}
