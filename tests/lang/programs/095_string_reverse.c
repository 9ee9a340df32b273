#include <stdio.h>
#include <string.h>

static void reverse(char *s)
{
    char *e = s + strlen(s) - 1;
    while (s < e) {
        char t = *s;
        *s++ = *e;
        *e-- = t;
    }
}

static void reverse_words(char *s)
{
    reverse(s);
    char *w = s;
    while (*w) {
        char *end = w;
        while (*end && *end != ' ')
            end++;
        char saved = *end;
        *end = 0;
        reverse(w);
        *end = saved;
        w = saved ? end + 1 : end;
    }
}

int main(void)
{
    char a[] = "hello, world";
    reverse(a);
    printf("%s\n", a);
    char b[] = "the quick brown fox";
    reverse_words(b);
    printf("%s\n", b);
    char c[] = "x";
    reverse(c);
    printf("%s\n", c);
    return 0;
}
