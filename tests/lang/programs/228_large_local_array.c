#include <stdio.h>

static int work(int seed)
{
    int big[3000];              /* a 12 KB stack frame */
    int i, sum = 0;
    for (i = 0; i < 3000; i++)
        big[i] = (seed + i) % 17;
    for (i = 0; i < 3000; i += 7)
        sum += big[i];
    return sum + big[2999];
}

int main(void)
{
    char small[3] = {'o', 'k', 0};
    printf("%d\n", work(3));
    printf("%d\n", work(11));
    printf("%s\n", small);
    return 0;
}
