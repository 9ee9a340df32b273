#include <stdio.h>

struct s { int a; char b[4]; int c; };

int main(void)
{
    int a[6] = {1, 2};
    struct s x = {5};
    char str[10] = "ab";
    int z[4] = {0};
    printf("%d %d %d %d\n", a[1], a[2], a[5], z[3]);
    printf("%d %d %d %d\n", x.a, x.b[0], x.b[3], x.c);
    printf("%d %d\n", str[2], str[9]);
    return 0;
}
