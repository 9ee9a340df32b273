#include <stdio.h>

int main(void)
{
    char c = 127;
    c++;
    printf("%d\n", c);
    c = -128;
    c--;
    printf("%d\n", c);
    char d = 200;
    printf("%d\n", d);
    char e = 300;
    printf("%d\n", e);
    return 0;
}
