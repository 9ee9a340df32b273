#include <stdio.h>

int main(void)
{
    int a[5] = {10, 20, 30, 40, 50};
    int *p = a;
    printf("%d\n", *p++);
    printf("%d\n", *p);
    printf("%d\n", *++p);
    printf("%d\n", ++*p);
    printf("%d\n", (*p)++);
    printf("%d\n", a[2]);
    p--;
    printf("%d\n", *p);
    short s[3] = {1, 2, 3};
    short *q = &s[2];
    q--;
    printf("%d\n", *q);
    return 0;
}
