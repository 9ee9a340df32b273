#include <stdio.h>

int main(void)
{
    int m[3][4];
    int i, j;
    for (i = 0; i < 3; i++)
        for (j = 0; j < 4; j++)
            m[i][j] = i * 10 + j;
    for (i = 0; i < 3; i++) {
        for (j = 0; j < 4; j++)
            printf("%3d", m[i][j]);
        printf("\n");
    }
    int k[2][3] = {{1, 2, 3}, {4, 5, 6}};
    printf("%d %d\n", k[1][2], *(*(k + 1) + 1));
    printf("%d\n", (int)(sizeof k / sizeof k[0]));
    return 0;
}
