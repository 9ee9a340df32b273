#include <stdio.h>

#define BITS 100
#define WORDS ((BITS + 31) / 32)

static unsigned set[WORDS];

static void bit_set(int i) { set[i / 32] |= 1u << (i % 32); }
static void bit_clear(int i) { set[i / 32] &= ~(1u << (i % 32)); }
static int bit_test(int i) { return (set[i / 32] >> (i % 32)) & 1; }

int main(void)
{
    int i, count = 0;
    for (i = 0; i < BITS; i += 3)
        bit_set(i);
    for (i = 0; i < BITS; i += 4)
        bit_clear(i);
    for (i = 0; i < BITS; i++)
        count += bit_test(i);
    printf("%d\n", count);
    for (i = 0; i < WORDS; i++)
        printf("%08x ", set[i]);
    printf("\n");
    printf("%d %d %d\n", bit_test(3), bit_test(12), bit_test(99));
    return 0;
}
