#include <stdio.h>
#include <ctype.h>
#include <string.h>

struct entry { char word[16]; int count; };

int main(void)
{
    const char *text = "the cat and the hat and the bat sat on the mat";
    struct entry table[20];
    int n = 0, i;
    const char *p = text;
    while (*p) {
        while (*p && !isalpha(*p))
            p++;
        if (!*p)
            break;
        char w[16];
        int len = 0;
        while (isalpha(*p))
            w[len++] = *p++;
        w[len] = 0;
        for (i = 0; i < n; i++)
            if (strcmp(table[i].word, w) == 0)
                break;
        if (i == n) {
            strcpy(table[n].word, w);
            table[n++].count = 0;
        }
        table[i].count++;
    }
    for (i = 0; i < n; i++)
        printf("%s=%d ", table[i].word, table[i].count);
    printf("\n%d distinct\n", n);
    return 0;
}
