#include <stdio.h>

static int sum_row(int (*row)[4])
{
    int s = 0, i;
    for (i = 0; i < 4; i++)
        s += (*row)[i];
    return s;
}

int main(void)
{
    int m[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
    int (*p)[4] = m;
    printf("%d\n", sum_row(p));
    p++;
    printf("%d %d\n", sum_row(p), (*p)[3]);
    printf("%d\n", p[1][2]);
    printf("%d\n", (int)sizeof *p);
    int arr[5] = {9, 8, 7, 6, 5};
    int (*pa)[5] = &arr;
    printf("%d\n", (*pa)[4]);
    return 0;
}
