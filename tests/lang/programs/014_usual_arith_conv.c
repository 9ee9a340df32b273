#include <stdio.h>

int main(void)
{
    int i = -10;
    unsigned u = 3;
    printf("%u\n", i + u);
    printf("%u\n", i / u);          /* i converted to unsigned */
    printf("%d\n", i / (int)u);
    printf("%u\n", u * i);
    short s = -3;
    unsigned short t = 2;
    printf("%d\n", s * t);          /* both int: -6 */
    char c = -1;
    printf("%u\n", c + 0u);
    return 0;
}
