#include <stdio.h>

int g1 = 1, *gp = &g1, garr[2] = {5, 6};

int main(void)
{
    int a = 1, *p = &a, arr[3] = {7, 8, 9}, b;
    char c = 'c', *s = "str", name[4] = "nm";
    b = *p + arr[2];
    printf("%d %d %c %s %s\n", a, b, c, s, name);
    printf("%d %d\n", *gp, garr[1]);
    int (*fp)(const char *, ...) = printf, x = 4;
    fp("%d\n", x);
    return 0;
}
