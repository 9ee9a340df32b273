#include <stdio.h>

static int encode(const char *in, char *out)
{
    char *start = out;
    while (*in) {
        char c = *in;
        int n = 0;
        while (*in == c && n < 9) {
            in++;
            n++;
        }
        *out++ = '0' + n;
        *out++ = c;
    }
    *out = 0;
    return out - start;
}

static void decode(const char *in, char *out)
{
    while (*in) {
        int n = *in++ - '0';
        char c = *in++;
        while (n--)
            *out++ = c;
    }
    *out = 0;
}

int main(void)
{
    char enc[64], dec[64];
    const char *s = "aaabccddddddddddddeeef";
    int n = encode(s, enc);
    printf("%s (%d)\n", enc, n);
    decode(enc, dec);
    printf("%s\n", dec);
    return 0;
}
