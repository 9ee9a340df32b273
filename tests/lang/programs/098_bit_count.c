#include <stdio.h>

static int popcount_loop(unsigned x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

static int popcount_swar(unsigned x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;
    return (x * 0x01010101u) >> 24;
}

static unsigned reverse_bits(unsigned x)
{
    unsigned r = 0;
    int i;
    for (i = 0; i < 32; i++) {
        r = (r << 1) | (x & 1);
        x >>= 1;
    }
    return r;
}

static int leading_zeros(unsigned x)
{
    int n = 0;
    if (!x)
        return 32;
    while (!(x & 0x80000000u)) {
        x <<= 1;
        n++;
    }
    return n;
}

int main(void)
{
    unsigned vals[] = {0, 1, 0xFF, 0x80000000u, 0xDEADBEEFu, 0xFFFFFFFFu};
    int i;
    for (i = 0; i < 6; i++)
        printf("%x: %d %d %08x %d\n", vals[i], popcount_loop(vals[i]),
               popcount_swar(vals[i]), reverse_bits(vals[i]), leading_zeros(vals[i]));
    return 0;
}
