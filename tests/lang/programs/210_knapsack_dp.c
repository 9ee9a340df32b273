#include <stdio.h>

int main(void)
{
    int weight[] = {12, 2, 1, 1, 4, 3, 7};
    int value[] = {4, 2, 1, 2, 10, 6, 9};
    int best[16] = {0};
    int i, w;
    for (i = 0; i < 7; i++)
        for (w = 15; w >= weight[i]; w--)
            if (best[w - weight[i]] + value[i] > best[w])
                best[w] = best[w - weight[i]] + value[i];
    for (w = 0; w <= 15; w++)
        printf("%d ", best[w]);
    printf("\n");
    return 0;
}
