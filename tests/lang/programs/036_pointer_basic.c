#include <stdio.h>

int main(void)
{
    int x = 5;
    int *p = &x;
    *p = 7;
    printf("%d\n", x);
    int **pp = &p;
    **pp += 1;
    printf("%d\n", x);
    int y = 100;
    *pp = &y;
    printf("%d\n", *p);
    printf("%d\n", p == &y);
    char c = 'q';
    char *cp = &c;
    printf("%c\n", *cp);
    return 0;
}
