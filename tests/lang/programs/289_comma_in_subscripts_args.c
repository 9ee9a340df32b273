#include <stdio.h>

static int pick(int a, int b) { return a * 10 + b; }

int main(void)
{
    int a[5] = {10, 20, 30, 40, 50};
    int i = 1, j = 3;
    printf("%d\n", a[i, j]);                /* comma operator: a[3] */
    printf("%d\n", pick((i, 7), j));        /* two arguments, the first is 7 */
    int k;
    for (k = 0, i = 4; k < i; k++, i--)
        ;
    printf("%d %d\n", k, i);
    return 0;
}
