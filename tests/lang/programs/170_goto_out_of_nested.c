#include <stdio.h>

int main(void)
{
    int i, j, k, found = 0;
    for (i = 1; i < 20; i++)
        for (j = i; j < 20; j++)
            for (k = j; k < 30; k++)
                if (i * i + j * j == k * k && i + j + k == 24) {
                    found = 1;
                    goto done;
                }
done:
    if (found)
        printf("%d %d %d\n", i, j, k);
    int n = 0;
    {
        int tmp = 10;
        if (tmp > 5)
            goto skip;
        n = 100;
    }
skip:
    printf("%d\n", n);
    return 0;
}
