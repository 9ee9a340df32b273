#include <stdio.h>

static int tmp[64];

static void merge_sort(int *a, int lo, int hi)
{
    if (hi - lo < 2)
        return;
    int mid = (lo + hi) / 2;
    merge_sort(a, lo, mid);
    merge_sort(a, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < hi)
        tmp[k++] = a[j++];
    for (k = lo; k < hi; k++)
        a[k] = tmp[k];
}

int main(void)
{
    int a[30];
    int i;
    for (i = 0; i < 30; i++)
        a[i] = (i * 37 + 11) % 53 - 20;
    merge_sort(a, 0, 30);
    for (i = 0; i < 30; i++)
        printf("%d ", a[i]);
    printf("\n");
    return 0;
}
