#include <stdio.h>

static int find(int m[3][3], int target)
{
    int i, j;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 3; j++)
            if (m[i][j] == target)
                goto found;
    printf("missing %d\n", target);
    return -1;
found:
    printf("found %d at %d,%d\n", target, i, j);
    return i * 3 + j;
}

int main(void)
{
    int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    find(m, 6);
    find(m, 10);
    return find(m, 8);
}
