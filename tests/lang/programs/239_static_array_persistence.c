#include <stdio.h>

static const char *intern(const char *s)
{
    static char store[4][8];
    static int used;
    int i, j;
    for (i = 0; i < used; i++) {
        for (j = 0; store[i][j] && store[i][j] == s[j]; j++)
            ;
        if (store[i][j] == s[j])
            return store[i];
    }
    for (j = 0; (store[used][j] = s[j]); j++)
        ;
    return store[used++];
}

int main(void)
{
    const char *a = intern("foo"), *b = intern("bar"), *c = intern("foo");
    printf("%s %s %s %d %d\n", a, b, c, a == c, a == b);
    return 0;
}
