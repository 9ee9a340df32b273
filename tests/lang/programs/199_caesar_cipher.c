#include <stdio.h>

static void caesar(char *s, int shift)
{
    shift = ((shift % 26) + 26) % 26;
    for (; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            *s = 'a' + (*s - 'a' + shift) % 26;
        else if (*s >= 'A' && *s <= 'Z')
            *s = 'A' + (*s - 'A' + shift) % 26;
    }
}

int main(void)
{
    char msg[] = "Hello, World! xyz";
    caesar(msg, 3);
    printf("%s\n", msg);
    caesar(msg, -3);
    printf("%s\n", msg);
    caesar(msg, 13);
    printf("%s\n", msg);
    caesar(msg, 13 + 26 * 4);
    printf("%s\n", msg);
    return 0;
}
