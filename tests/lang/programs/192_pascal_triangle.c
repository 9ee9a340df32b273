#include <stdio.h>

int main(void)
{
    int row[12] = {1};
    int n, k;
    for (n = 0; n < 10; n++) {
        for (k = n; k > 0; k--)
            row[k] += row[k - 1];
        printf("%*s", (9 - n) * 2, "");
        for (k = 0; k <= n; k++)
            printf("%4d", row[k]);
        printf("\n");
    }
    return 0;
}
