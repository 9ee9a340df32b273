#include <stdio.h>
#include <stdlib.h>

static int ascending(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int descending(const void *a, const void *b)
{
    return ascending(b, a);
}

static void show(const int *a, int n)
{
    int i;
    for (i = 0; i < n; i++)
        printf("%d ", a[i]);
    printf("\n");
}

int main(void)
{
    int a[15] = {9, -1, 4, 4, 100, 0, -2147483647, 55, 3, 2, 8, 2147483647, 7, 6, 5};
    qsort(a, 15, sizeof a[0], ascending);
    show(a, 15);
    qsort(a, 15, sizeof(int), descending);
    show(a, 15);
    int one[1] = {42};
    qsort(one, 1, sizeof one[0], ascending);
    qsort(one, 0, sizeof one[0], ascending);
    show(one, 1);
    return 0;
}
