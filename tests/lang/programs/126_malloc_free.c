#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    int *a = malloc(100 * sizeof(int));
    int i, sum = 0;
    if (!a)
        return 1;
    for (i = 0; i < 100; i++)
        a[i] = i;
    for (i = 0; i < 100; i++)
        sum += a[i];
    printf("%d\n", sum);
    char *s = malloc(32);
    strcpy(s, "heap string");
    printf("%s\n", s);
    free(a);
    free(s);
    free(NULL);                 /* allowed, does nothing */
    /* many small blocks, freed in a different order */
    char *blocks[20];
    for (i = 0; i < 20; i++) {
        blocks[i] = malloc(i + 1);
        memset(blocks[i], 'a' + i, i + 1);
    }
    int ok = 1;
    for (i = 0; i < 20; i++)
        if (blocks[i][i] != 'a' + i)
            ok = 0;
    for (i = 0; i < 20; i += 2)
        free(blocks[i]);
    for (i = 1; i < 20; i += 2)
        free(blocks[i]);
    printf("ok=%d\n", ok);
    return 0;
}
