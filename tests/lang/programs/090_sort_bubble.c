#include <stdio.h>

static void bubble(int *a, int n)
{
    int i, j, swapped;
    for (i = 0; i < n - 1; i++) {
        swapped = 0;
        for (j = 0; j < n - 1 - i; j++) {
            if (a[j] > a[j + 1]) {
                int t = a[j];
                a[j] = a[j + 1];
                a[j + 1] = t;
                swapped = 1;
            }
        }
        if (!swapped)
            break;
    }
}

int main(void)
{
    int a[12] = {5, -2, 9, 0, 33, 7, 7, -40, 12, 1, 8, 2};
    int i;
    bubble(a, 12);
    for (i = 0; i < 12; i++)
        printf("%d ", a[i]);
    printf("\n");
    return 0;
}
