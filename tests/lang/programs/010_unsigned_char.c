#include <stdio.h>

int main(void)
{
    unsigned char u = 250;
    u += 10;
    printf("%d\n", u);
    unsigned char v = -1;
    printf("%d\n", v);
    signed char s = v;
    printf("%d\n", s);
    int sum = 0;
    for (unsigned char i = 250; i != 4; i++)
        sum += i;
    printf("%d\n", sum);
    return 0;
}
