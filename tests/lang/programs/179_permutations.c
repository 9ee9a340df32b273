#include <stdio.h>

static void permute(char *s, int k, int n)
{
    int i;
    if (k == n) {
        printf("%s ", s);
        return;
    }
    for (i = k; i < n; i++) {
        char t = s[k]; s[k] = s[i]; s[i] = t;
        permute(s, k + 1, n);
        t = s[k]; s[k] = s[i]; s[i] = t;
    }
}

int main(void)
{
    char s[] = "abcd";
    permute(s, 0, 4);
    printf("\n%s\n", s);
    return 0;
}
