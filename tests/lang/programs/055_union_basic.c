#include <stdio.h>

union word {
    unsigned int u;
    unsigned char bytes[4];
    short halves[2];
};

int main(void)
{
    union word w;
    w.u = 0x11223344;
    printf("%x %x %x %x\n", w.bytes[0], w.bytes[1], w.bytes[2], w.bytes[3]);
    printf("%x %x\n", w.halves[0], w.halves[1]);
    w.bytes[3] = 0xAA;
    printf("%x\n", w.u);
    printf("%d\n", (int)sizeof w);
    return 0;
}
