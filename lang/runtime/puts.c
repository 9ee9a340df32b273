/* puts.c: string output on top of putchar. */
#include <stdio.h>

/* Writes s and a newline. */
int puts(const char *s)
{
    while (*s)
        putchar(*s++);
    putchar('\n');
    return 0;
}
