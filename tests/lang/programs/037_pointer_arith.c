#include <stdio.h>

int main(void)
{
    int a[6] = {0, 10, 20, 30, 40, 50};
    int *p = a + 2;
    printf("%d %d %d\n", *p, *(p + 2), p[-1]);
    p += 3;
    printf("%d\n", *p);
    p -= 4;
    printf("%d\n", *p);
    short s[4] = {1, 2, 3, 4};
    short *sp = s;
    printf("%d\n", *(sp + 3));
    char str[] = "abcdef";
    char *cp = str + 4;
    printf("%c\n", *cp);
    printf("%d\n", 2[a]);
    return 0;
}
