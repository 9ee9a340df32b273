#include <stdio.h>

/* Division and remainder by constants: an optimiser may turn these into
   shifts and multiplications, which must round like real division. */
int main(void)
{
    int v[] = {-100, -9, -7, -6, -1, 0, 1, 6, 7, 9, 100, 2147483647, -2147483647 - 1};
    int i;
    for (i = 0; i < 13; i++) {
        int x = v[i];
        printf("%d: %d %d %d %d %d %d\n", x, x / 3, x % 3, x / 7, x % 7, x / 16, x % 16);
    }
    unsigned u[] = {0, 1, 7, 100, 4294967295u, 2147483648u};
    for (i = 0; i < 6; i++)
        printf("%u: %u %u %u %u\n", u[i], u[i] / 3, u[i] % 3, u[i] / 16, u[i] % 10);
    return 0;
}
