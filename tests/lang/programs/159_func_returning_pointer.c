#include <stdio.h>

static int storage[10];

static int *slot(int i)
{
    return &storage[i];
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ')
        s++;
    return s;
}

static char *find_char(char *s, char c)
{
    for (; *s; s++)
        if (*s == c)
            return s;
    return 0;
}

int main(void)
{
    *slot(3) = 33;
    *slot(4) = *slot(3) + 1;
    printf("%d %d\n", storage[3], storage[4]);
    printf("[%s]\n", skip_spaces("   trimmed"));
    char buf[] = "key=value";
    char *eq = find_char(buf, '=');
    *eq = 0;
    printf("%s %s %d\n", buf, eq + 1, find_char(buf, 'z') == 0);
    return 0;
}
