#include <stdio.h>

int main(void)
{
    int a[5] = {1, 2, 3, 4, 5};
    int *p = a, *end = a + 5;
    int sum = 0;
    while (p < end)
        sum += *p++;
    printf("%d\n", sum);
    printf("%d %d\n", p == end, p != end);
    int *q = &a[1];
    printf("%d %d %d\n", q > a, q <= a, q >= &a[1]);
    int *n = 0;
    printf("%d\n", n == 0);
    return 0;
}
