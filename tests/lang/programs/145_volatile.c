#include <stdio.h>

static volatile int flag;

int main(void)
{
    volatile int counter = 0;
    int i;
    for (i = 0; i < 10; i++)
        counter++;
    flag = counter * 2;
    volatile char *p = (volatile char *)&counter;
    printf("%d %d %d\n", counter, flag, p[0]);
    return 0;
}
