#include <stdio.h>
#include <limits.h>

int main(void)
{
    printf("%d %d %d %d\n", CHAR_BIT, SCHAR_MIN, SCHAR_MAX, UCHAR_MAX);
    printf("%d %d %d\n", SHRT_MIN, SHRT_MAX, USHRT_MAX);
    printf("%d %d %u\n", INT_MIN, INT_MAX, UINT_MAX);
    printf("%d %d\n", CHAR_MIN, CHAR_MAX);
    int x = INT_MAX;
    x++;
    printf("%d\n", x == INT_MIN);
    unsigned u = UINT_MAX;
    printf("%u\n", u + 1);
    return 0;
}
