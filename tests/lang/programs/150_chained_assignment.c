#include <stdio.h>

int main(void)
{
    int a, b, c;
    a = b = c = 7;
    printf("%d %d %d\n", a, b, c);
    int x[3];
    x[0] = x[1] = x[2] = -1;
    printf("%d %d %d\n", x[0], x[1], x[2]);
    char ch;
    int i = ch = 300;           /* the value of an assignment has the type of its left side */
    printf("%d %d\n", ch, i);
    unsigned char uc;
    int j = (uc = -1) + 1;
    printf("%d\n", j);
    a += b -= c *= 2;
    printf("%d %d %d\n", a, b, c);
    return 0;
}
