#include <stdio.h>

int main(void)
{
    const char *s = "tab\there\\ quote\" apos\' q\?";
    printf("%s\n", s);
    char e[] = "\x41\102\0C";
    printf("%d %d %d %d %d\n", e[0], e[1], e[2], e[3], (int)sizeof e);
    printf("%d %d %d %d\n", '\n', '\r', '\t', '\0');
    printf("%d %d %d %d\n", '\a', '\b', '\f', '\v');
    printf("%d\n", "\377"[0]);
    printf("[%s]\n", "line1\nline2");
    return 0;
}
