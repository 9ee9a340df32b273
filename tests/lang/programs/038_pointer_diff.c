#include <stdio.h>

struct big { int a, b, c; };

int main(void)
{
    int a[10];
    int *p = &a[7], *q = &a[2];
    printf("%d %d\n", (int)(p - q), (int)(q - p));
    char s[20];
    printf("%d\n", (int)(&s[15] - s));
    struct big arr[5];
    printf("%d\n", (int)(&arr[4] - &arr[1]));
    short sh[8];
    short *e = sh + 8;
    printf("%d\n", (int)(e - sh));
    return 0;
}
