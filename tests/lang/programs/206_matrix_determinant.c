#include <stdio.h>

/* Determinant by cofactor expansion on small integer matrices. */
static int det(int n, int m[5][5])
{
    if (n == 1)
        return m[0][0];
    int sub[5][5];
    int total = 0, col, sign = 1;
    for (col = 0; col < n; col++) {
        int r, c, sc;
        for (r = 1; r < n; r++) {
            sc = 0;
            for (c = 0; c < n; c++)
                if (c != col)
                    sub[r - 1][sc++] = m[r][c];
        }
        total += sign * m[0][col] * det(n - 1, sub);
        sign = -sign;
    }
    return total;
}

int main(void)
{
    int a[5][5] = {{2, 0, 1}, {1, 3, 2}, {1, 1, 2}};
    int b[5][5] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {2, 6, 4, 8}, {3, 1, 1, 2}};
    int t[5][5], i, j;
    printf("%d\n", det(3, a));
    printf("%d\n", det(4, b));
    for (i = 0; i < 4; i++)
        for (j = 0; j < 4; j++)
            t[j][i] = b[i][j];
    printf("%d\n", det(4, t));
    return 0;
}
