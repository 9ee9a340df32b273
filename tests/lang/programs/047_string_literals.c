#include <stdio.h>

int main(void)
{
    const char *s = "literal";
    char buf[] = "array";
    buf[0] = 'A';
    printf("%s %s\n", s, buf);
    printf("%c\n", "xyz"[1]);
    printf("%s\n", "con" "cat" "enated");
    printf("%d\n", (int)sizeof("con" "cat"));
    const char *t = s + 3;
    printf("%s\n", t);
    printf("%d\n", (int)sizeof buf);
    return 0;
}
