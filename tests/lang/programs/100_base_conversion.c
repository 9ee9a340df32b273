#include <stdio.h>

static void to_base(unsigned v, unsigned base, char *out)
{
    const char *digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    char tmp[33];
    int n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    while (n)
        *out++ = tmp[--n];
    *out = 0;
}

static unsigned from_base(const char *s, unsigned base)
{
    unsigned v = 0;
    for (; *s; s++) {
        unsigned d = *s >= 'a' ? *s - 'a' + 10 : *s - '0';
        v = v * base + d;
    }
    return v;
}

int main(void)
{
    char buf[40];
    unsigned bases[] = {2, 8, 10, 16, 36};
    int i;
    for (i = 0; i < 5; i++) {
        to_base(2023u, bases[i], buf);
        printf("%u: %s -> %u\n", bases[i], buf, from_base(buf, bases[i]));
    }
    to_base(0xFFFFFFFFu, 2, buf);
    printf("%s\n", buf);
    to_base(0, 7, buf);
    printf("%s\n", buf);
    return 0;
}
