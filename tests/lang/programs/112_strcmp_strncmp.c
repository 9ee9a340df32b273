#include <stdio.h>
#include <string.h>

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void)
{
    printf("%d %d %d\n", sgn(strcmp("abc", "abc")), sgn(strcmp("abc", "abd")),
           sgn(strcmp("b", "a")));
    printf("%d %d\n", sgn(strcmp("ab", "abc")), sgn(strcmp("abc", "ab")));
    printf("%d\n", sgn(strcmp("\xff", "a")));   /* compared as unsigned char */
    printf("%d %d\n", sgn(strncmp("abcdef", "abcxyz", 3)), sgn(strncmp("abcdef", "abcxyz", 4)));
    printf("%d\n", strncmp("x", "y", 0));
    return 0;
}
