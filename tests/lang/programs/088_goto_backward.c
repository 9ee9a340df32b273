#include <stdio.h>

int main(void)
{
    int i = 0, sum = 0;
again:
    sum += i;
    i++;
    if (i <= 10)
        goto again;
    printf("%d\n", sum);
    int tries = 0;
retry:
    tries++;
    if (tries < 3) {
        printf("try %d\n", tries);
        goto retry;
    }
    printf("done after %d\n", tries);
    return 0;
}
