#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *a = "\x41" "B";         /* the hex escape ends at the literal's end */
    const char *b = "\1011";            /* octal escape has at most 3 digits: 'A' then '1' */
    const char *c = "\0abc";
    printf("%s %s %d\n", a, b, (int)strlen(c));
    printf("%d\n", (int)sizeof("\0abc"));
    const char *longs =
        "0123456789012345678901234567890123456789012345678901234567890123456789"
        "0123456789012345678901234567890123456789012345678901234567890123456789"
        "0123456789012345678901234567890123456789012345678901234567890123456789"
        "0123456789012345678901234567890123456789012345678901234567890123456789";
    printf("%d %c\n", (int)strlen(longs), longs[279]);
    printf("%s\n", "tab:\t| nl-escape:\\n | q:\"");
    return 0;
}
