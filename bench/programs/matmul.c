/* Integer matrix multiply: nested loops and two-dimensional arrays. */
#include <stdio.h>

#define N 14
static int a[N][N], b[N][N], c[N][N];

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = i + j;
            b[i][j] = i * j - j + 3;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int s = 0;
            for (int k = 0; k < N; k++)
                s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    int trace = 0;
    for (int i = 0; i < N; i++)
        trace += c[i][i];
    printf("trace %d\n", trace);
    return trace == 136955 ? 0 : 1;
}
