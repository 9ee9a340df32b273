#include <stdio.h>

static void copy(char *d, const char *s)
{
    while ((*d++ = *s++))
        ;
}

static int length(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return p - s;
}

static int compare(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int main(void)
{
    char buf[32];
    copy(buf, "idiomatic C");
    printf("%s %d\n", buf, length(buf));
    printf("%d %d %d\n", compare("abc", "abc"), compare("abc", "abd") < 0, compare("b", "a") > 0);
    return 0;
}
