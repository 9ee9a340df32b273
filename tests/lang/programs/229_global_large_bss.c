#include <stdio.h>

static int zeros[20000];        /* 80 KB of zero-initialised data */
unsigned char bytes[5000];
int initialised[4] = {1, 2, 3, 4};

int main(void)
{
    int i, nonzero = 0;
    for (i = 0; i < 20000; i++)
        if (zeros[i])
            nonzero++;
    for (i = 0; i < 5000; i++)
        if (bytes[i])
            nonzero++;
    printf("%d\n", nonzero);
    zeros[19999] = 5;
    bytes[4999] = 255;
    printf("%d %d %d\n", zeros[19999], bytes[4999], initialised[3]);
    return 0;
}
