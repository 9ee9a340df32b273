#include <stdio.h>

/* Fletcher-16 and an 8-bit two's-complement checksum over a byte buffer. */
static unsigned fletcher16(const unsigned char *p, int n)
{
    unsigned a = 0, b = 0;
    while (n--) {
        a = (a + *p++) % 255;
        b = (b + a) % 255;
    }
    return b << 8 | a;
}

static unsigned char sum8(const unsigned char *p, int n)
{
    unsigned char s = 0;
    while (n--)
        s += *p++;
    return -s;
}

int main(void)
{
    unsigned char data[16];
    int i;
    for (i = 0; i < 16; i++)
        data[i] = i * 37 + 200;
    printf("%04x\n", fletcher16((const unsigned char *)"abcde", 5));
    printf("%04x\n", fletcher16(data, 16));
    unsigned char s = sum8(data, 16);
    unsigned char check = s;
    for (i = 0; i < 16; i++)
        check += data[i];
    printf("%d %d\n", s, check);
    return 0;
}
