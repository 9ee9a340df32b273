#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_string(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int by_length(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int d = (int)strlen(x) - (int)strlen(y);
    return d ? d : strcmp(x, y);
}

int main(void)
{
    const char *words[] = {"kernel", "thread", "page", "trap", "ring", "tlb", "scheduler", "ipc"};
    int n = 8, i;
    qsort(words, n, sizeof words[0], by_string);
    for (i = 0; i < n; i++)
        printf("%s ", words[i]);
    printf("\n");
    qsort(words, n, sizeof words[0], by_length);
    for (i = 0; i < n; i++)
        printf("%s ", words[i]);
    printf("\n");
    return 0;
}
