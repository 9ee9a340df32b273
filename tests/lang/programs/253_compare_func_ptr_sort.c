#include <stdio.h>

typedef int (*cmp_fn)(int, int);

static int asc(int a, int b) { return a - b; }
static int desc(int a, int b) { return b - a; }
static int by_abs(int a, int b) { return (a < 0 ? -a : a) - (b < 0 ? -b : b); }

static void sort(int *a, int n, cmp_fn cmp)
{
    int i, j;
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && cmp(a[j - 1], a[j]) > 0; j--) {
            int t = a[j];
            a[j] = a[j - 1];
            a[j - 1] = t;
        }
}

int main(void)
{
    cmp_fn fns[3] = {asc, desc, by_abs};
    const char *names[3] = {"asc", "desc", "abs"};
    int k, i;
    for (k = 0; k < 3; k++) {
        int a[7] = {3, -8, 5, 0, -2, 9, -4};
        sort(a, 7, fns[k]);
        printf("%-4s:", names[k]);
        for (i = 0; i < 7; i++)
            printf(" %d", a[i]);
        printf("\n");
    }
    return 0;
}
