#include <stdio.h>
#include <string.h>

static int min3(int a, int b, int c)
{
    int m = a < b ? a : b;
    return m < c ? m : c;
}

static int distance(const char *a, const char *b)
{
    int n = strlen(a), m = strlen(b), i, j;
    int prev[32], cur[32];
    for (j = 0; j <= m; j++)
        prev[j] = j;
    for (i = 1; i <= n; i++) {
        cur[0] = i;
        for (j = 1; j <= m; j++)
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]));
        memcpy(prev, cur, sizeof cur);
    }
    return prev[m];
}

int main(void)
{
    printf("%d\n", distance("kitten", "sitting"));
    printf("%d\n", distance("", "abc"));
    printf("%d\n", distance("flaw", "lawn"));
    printf("%d\n", distance("monolithic", "microkernel"));
    return 0;
}
