#include <stdio.h>
#include <ctype.h>

int main(void)
{
    char s[] = "Hello, World 42!";
    int i;
    for (i = 0; s[i]; i++)
        putchar(toupper(s[i]));
    putchar('\n');
    for (i = 0; s[i]; i++)
        putchar(tolower(s[i]));
    putchar('\n');
    printf("%d %d\n", toupper('1'), tolower('@'));
    return 0;
}
