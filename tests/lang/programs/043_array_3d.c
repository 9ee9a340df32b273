#include <stdio.h>

int main(void)
{
    int cube[2][3][4];
    int i, j, k, n = 0;
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            for (k = 0; k < 4; k++)
                cube[i][j][k] = n++;
    printf("%d %d %d\n", cube[0][0][3], cube[1][2][1], cube[1][0][0]);
    printf("%d %d\n", (int)sizeof cube, (int)sizeof cube[1][2]);
    int *flat = &cube[0][0][0];
    printf("%d\n", flat[17]);
    return 0;
}
