#include <stdio.h>

int main(void)
{
    char c;
    for (c = 'a'; c <= 'z'; c += 5)
        putchar(c);
    putchar('\n');
    for (c = 'Z'; c >= 'A'; c -= 7)
        putchar(c);
    putchar('\n');
    int counts[26] = {0};
    const char *s = "hello character loops";
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            counts[*s - 'a']++;
    for (c = 0; c < 26; c++)
        if (counts[(int)c] > 1)
            printf("%c%d ", 'a' + c, counts[(int)c]);
    printf("\n");
    return 0;
}
