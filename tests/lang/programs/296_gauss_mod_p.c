#include <stdio.h>

#define P 13
#define N 3

static int inv(int a)
{
    int r = 1, e = P - 2;
    a %= P;
    while (e) {
        if (e & 1)
            r = r * a % P;
        a = a * a % P;
        e >>= 1;
    }
    return r;
}

/* Solve A x = b modulo P by Gauss-Jordan elimination. */
int main(void)
{
    int m[N][N + 1] = {{2, 1, 3, 5}, {4, 0, 1, 7}, {1, 5, 2, 9}};
    int i, j, k;
    for (i = 0; i < N; i++) {
        int pivot = i;
        while (m[pivot][i] % P == 0)
            pivot++;
        for (k = 0; k <= N; k++) {
            int t = m[i][k]; m[i][k] = m[pivot][k]; m[pivot][k] = t;
        }
        int f = inv(m[i][i]);
        for (k = 0; k <= N; k++)
            m[i][k] = m[i][k] * f % P;
        for (j = 0; j < N; j++) {
            if (j == i)
                continue;
            int g = m[j][i];
            for (k = 0; k <= N; k++)
                m[j][k] = ((m[j][k] - g * m[i][k]) % P + P) % P;
        }
    }
    for (i = 0; i < N; i++)
        printf("x%d = %d\n", i, m[i][N]);
    return 0;
}
