#include <stdio.h>
#include <string.h>

static int lcs(const char *a, const char *b, char *out)
{
    int n = strlen(a), m = strlen(b), i, j;
    static int t[20][20];
    for (i = 0; i <= n; i++)
        for (j = 0; j <= m; j++) {
            if (i == 0 || j == 0)
                t[i][j] = 0;
            else if (a[i - 1] == b[j - 1])
                t[i][j] = t[i - 1][j - 1] + 1;
            else
                t[i][j] = t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1];
        }
    int k = t[n][m];
    out[k] = 0;
    for (i = n, j = m; i > 0 && j > 0;) {
        if (a[i - 1] == b[j - 1]) {
            out[--k] = a[i - 1];
            i--, j--;
        } else if (t[i - 1][j] >= t[i][j - 1]) {
            i--;
        } else {
            j--;
        }
    }
    return t[n][m];
}

int main(void)
{
    char out[20];
    int n = lcs("AGGTAB", "GXTXAYB", out);
    printf("%d %s\n", n, out);
    n = lcs("exokernel", "microkernel", out);
    printf("%d %s\n", n, out);
    return 0;
}
