#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("%d\n", atoi("123"));
    printf("%d\n", atoi("   -42xyz"));
    printf("%d\n", atoi("+7"));
    printf("%d\n", atoi("abc"));
    printf("%d\n", atoi(""));
    printf("%ld\n", atol("2147483647"));
    printf("%ld\n", atol("\t\n -99"));
    return 0;
}
