#include <stdio.h>

static void insertion(int *a, int n)
{
    int i, j;
    for (i = 1; i < n; i++) {
        int key = a[i];
        for (j = i - 1; j >= 0 && a[j] > key; j--)
            a[j + 1] = a[j];
        a[j + 1] = key;
    }
}

static void selection(char *a, int n)
{
    int i, j;
    for (i = 0; i < n - 1; i++) {
        int min = i;
        for (j = i + 1; j < n; j++)
            if (a[j] < a[min])
                min = j;
        char t = a[i]; a[i] = a[min]; a[min] = t;
    }
}

int main(void)
{
    int a[10] = {31, 41, 59, 26, 53, 58, 97, 93, 23, 84};
    int i;
    insertion(a, 10);
    for (i = 0; i < 10; i++)
        printf("%d ", a[i]);
    printf("\n");
    char s[] = "selectionsort";
    selection(s, 13);
    printf("%s\n", s);
    return 0;
}
