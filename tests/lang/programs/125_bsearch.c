#include <stdio.h>
#include <stdlib.h>

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    int sorted[10] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};
    int keys[5] = {2, 29, 13, 4, 100};
    int i;
    for (i = 0; i < 5; i++) {
        int *hit = bsearch(&keys[i], sorted, 10, sizeof(int), cmp_int);
        if (hit)
            printf("%d at %d\n", keys[i], (int)(hit - sorted));
        else
            printf("%d missing\n", keys[i]);
    }
    return 0;
}
