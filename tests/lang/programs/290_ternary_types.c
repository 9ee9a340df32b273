#include <stdio.h>

int main(void)
{
    int c = 1;
    char ch = 'x';
    short sh = -2;
    unsigned u = 5;
    printf("%d\n", (int)sizeof(c ? ch : sh));       /* promoted to int */
    printf("%d\n", c ? -1 : u > 0);                 /* int vs int */
    printf("%u\n", c ? -1 : u);                     /* unsigned */
    printf("%d\n", (c ? -1 : u) > 0);               /* unsigned compare: true */
    const char *s = c ? "yes" : 0;
    printf("%s\n", s);
    int *p = 0, x = 4;
    int *q = c ? &x : p;
    printf("%d\n", *q);
    return 0;
}
