#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    int *z = calloc(50, sizeof(int));
    int i, nonzero = 0;
    for (i = 0; i < 50; i++)
        if (z[i])
            nonzero++;
    printf("nonzero=%d\n", nonzero);
    int *v = NULL;
    int cap = 0, n;
    for (n = 0; n < 40; n++) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4;
            v = realloc(v, cap * sizeof(int));
        }
        v[n] = n * n;
    }
    printf("cap=%d v[39]=%d v[7]=%d\n", cap, v[39], v[7]);
    v = realloc(v, 8 * sizeof(int));       /* shrink keeps the prefix */
    printf("%d\n", v[7]);
    free(v);
    free(z);
    return 0;
}
