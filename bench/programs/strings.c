/* String copy and compare written out by hand: byte loads and stores. */
#include <stdio.h>

static void copy(char *dst, const char *src)
{
    while ((*dst++ = *src++) != 0)
        ;
}

static int compare(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static int length(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return p - s;
}

int main(void)
{
    static char buf[256], other[256];
    const char *text = "the quick brown fox jumps over the lazy dog";
    int total = 0;
    for (int round = 0; round < 60; round++) {
        copy(buf, text);
        copy(other, buf);
        other[round % 40] = 'A';
        total += length(buf) + (compare(buf, other) > 0) + (compare(buf, buf) == 0);
    }
    printf("total %d\n", total);
    return total == 2688 ? 0 : 1;
}
