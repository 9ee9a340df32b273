#include <stdio.h>

int main(void)
{
    const char *names[] = {"alpha", "beta", "gamma", "delta"};
    int i;
    for (i = 0; i < 4; i++)
        printf("%s %c\n", names[i], names[i][1]);
    int a = 1, b = 2, c = 3;
    int *ptrs[3] = {&c, &a, &b};
    for (i = 0; i < 3; i++)
        *ptrs[i] *= 10;
    printf("%d %d %d\n", a, b, c);
    return 0;
}
