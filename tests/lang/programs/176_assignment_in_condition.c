#include <stdio.h>

static int next_value(void)
{
    static int vals[] = {3, 1, 4, 1, 5, 0};
    static int i;
    return vals[i++];
}

int main(void)
{
    int v, sum = 0;
    while ((v = next_value()) != 0)
        sum += v;
    printf("%d\n", sum);
    const char *s = "abc";
    char c;
    int n = 0;
    while ((c = *s++))
        n += c;
    printf("%d\n", n);
    int x;
    if ((x = 5 * 5) > 20)
        printf("x=%d\n", x);
    return 0;
}
