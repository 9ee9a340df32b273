#include <stdio.h>

int main(void)
{
    char c = 100;
    c += 100;                   /* computed in int, stored back as char */
    printf("%d\n", c);
    unsigned char uc = 10;
    uc -= 20;
    printf("%d\n", uc);
    short s = 300;
    s *= 300;
    printf("%d\n", s);
    unsigned u = 10;
    u += -3;
    printf("%u\n", u);
    int i = 7;
    i *= 2 + 3;                 /* i = i * (2 + 3) */
    printf("%d\n", i);
    return 0;
}
