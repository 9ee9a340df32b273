#include <stdio.h>
#include <ctype.h>

int main(void)
{
    const char *s = "aZ09 _\t\n!~";
    const char *p;
    for (p = s; *p; p++) {
        printf("%3d: %d%d%d%d%d%d%d%d\n", *p,
               isalpha(*p) != 0, isdigit(*p) != 0, isalnum(*p) != 0, isspace(*p) != 0,
               isupper(*p) != 0, islower(*p) != 0, ispunct(*p) != 0, isxdigit(*p) != 0);
    }
    printf("%d %d\n", isprint(' ') != 0, isprint('\n') != 0);
    return 0;
}
