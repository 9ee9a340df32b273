#include <stdio.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int encode(const unsigned char *in, int n, char *out)
{
    int i, o = 0;
    for (i = 0; i < n; i += 3) {
        unsigned v = in[i] << 16;
        if (i + 1 < n) v |= in[i + 1] << 8;
        if (i + 2 < n) v |= in[i + 2];
        out[o++] = alphabet[(v >> 18) & 63];
        out[o++] = alphabet[(v >> 12) & 63];
        out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? alphabet[v & 63] : '=';
    }
    out[o] = 0;
    return o;
}

static int decode(const char *in, unsigned char *out)
{
    int n = 0, bits = 0;
    unsigned acc = 0;
    for (; *in && *in != '='; in++) {
        acc = (acc << 6) | (unsigned)(strchr(alphabet, *in) - alphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (acc >> bits) & 0xFF;
        }
    }
    return n;
}

int main(void)
{
    const char *tests[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", "minos\xff\x01"};
    char enc[64];
    unsigned char dec[64];
    int i;
    for (i = 0; i < 8; i++) {
        int len = strlen(tests[i]);
        encode((const unsigned char *)tests[i], len, enc);
        int n = decode(enc, dec);
        printf("%-12s %d %d\n", enc, n, n == len && memcmp(dec, tests[i], n) == 0);
    }
    return 0;
}
