#include <stdio.h>

int main(void)
{
    puts("first line");
    puts("");
    putchar('a');
    putchar('b');
    putchar('\n');
    int i;
    for (i = 0; i < 5; i++)
        putchar('0' + i);
    putchar(10);
    int r = putchar('Z');
    printf(" %d\n", r);
    return 0;
}
