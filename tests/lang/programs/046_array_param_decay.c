#include <stdio.h>

static void fill(int *a, int n, int v)
{
    int i;
    for (i = 0; i < n; i++)
        a[i] = v + i;
}

static int total(int a[], int n)
{
    int s = 0;
    while (n-- > 0)
        s += a[n];
    return s;
}

static int trace(int m[][3], int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++)
        s += m[i][i];
    return s;
}

int main(void)
{
    int a[8];
    fill(a, 8, 100);
    printf("%d\n", total(a, 8));
    fill(a + 4, 2, 0);
    printf("%d %d %d\n", a[3], a[4], a[5]);
    int m[3][3] = {{1, 0, 0}, {0, 5, 0}, {0, 0, 9}};
    printf("%d\n", trace(m, 3));
    return 0;
}
