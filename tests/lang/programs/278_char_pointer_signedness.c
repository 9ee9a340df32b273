#include <stdio.h>

static int sum_signed(const char *s)
{
    int t = 0;
    while (*s)
        t += *s++;
    return t;
}

static int sum_unsigned(const unsigned char *s)
{
    int t = 0;
    while (*s)
        t += *s++;
    return t;
}

int main(void)
{
    const char text[] = "a\x80\xff";
    printf("%d %d\n", sum_signed(text), sum_unsigned((const unsigned char *)text));
    char c = text[2];
    unsigned char uc = text[2];
    int i = c, j = uc;
    printf("%d %d %d\n", i, j, c == -1);
    printf("%d\n", (c & 0xFF) == uc);
    short sh = (short)0xFF80;
    printf("%d %d\n", sh, (unsigned short)sh);
    return 0;
}
