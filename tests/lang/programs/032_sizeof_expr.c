#include <stdio.h>

int main(void)
{
    int x = 5;
    char c = 'a';
    short s = 1;
    printf("%d\n", (int)sizeof x);
    printf("%d %d\n", (int)sizeof c, (int)sizeof(c + 1));
    printf("%d\n", (int)sizeof(s));
    printf("%d\n", (int)sizeof(x++));    /* not evaluated */
    printf("%d\n", x);
    printf("%d\n", (int)sizeof 'a');     /* a char constant is an int */
    printf("%d\n", (int)sizeof "hello");
    return 0;
}
