#include <stdio.h>

int main(void)
{
    char c = (char)0xE9;
    unsigned char u = 0xE9;
    printf("%d\n", c == u);         /* -23 vs 233: not equal */
    printf("%d\n", (unsigned char)c == u);
    printf("%d\n", c < 0);
    printf("%d\n", c == (char)u);
    printf("%d\n", c == '\xe9');    /* the constant is a char: also -23 */
    signed char s = -1;
    printf("%d\n", s == 255);
    return 0;
}
