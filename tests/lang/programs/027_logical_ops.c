#include <stdio.h>

int main(void)
{
    int t = 5, f = 0;
    printf("%d %d %d %d\n", t && t, t && f, f || t, f || f);
    printf("%d %d\n", !t, !f);
    printf("%d\n", !!t);
    printf("%d\n", (t > 2) && (t < 10) || f);
    int *p = 0;
    printf("%d\n", !p);
    return 0;
}
