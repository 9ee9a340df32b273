#include <stdio.h>

int main(void)
{
    int grid[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
    int (*row)[4];
    int *cell;
    int total = 0;
    for (row = grid; row < grid + 3; row++)
        for (cell = *row; cell < *row + 4; cell++)
            total += *cell;
    printf("%d\n", total);
    int *diag = &grid[0][0];
    printf("%d %d %d\n", diag[0], diag[5], diag[10]);
    int (*last)[4] = &grid[2];
    printf("%d\n", (*last)[3] + last[-1][0]);
    return 0;
}
