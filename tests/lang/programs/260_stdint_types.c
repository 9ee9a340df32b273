#include <stdio.h>
#include <stdint.h>

static uint32_t rotl(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

int main(void)
{
    uint8_t b = 250;
    b += 10;
    int8_t s = -128;
    s--;
    uint16_t h = 65535;
    h++;
    int16_t t = 32767;
    t++;
    printf("%d %d %d %d\n", b, s, h, t);
    uint32_t x = 0x12345678u;
    printf("%x %x\n", rotl(x, 8), rotl(x, 4));
    int32_t m = INT32_MIN;
    printf("%d %d %u\n", m, INT16_MAX, UINT8_MAX);
    printf("%d %d %d\n", (int)sizeof(uint8_t), (int)sizeof(int16_t), (int)sizeof(uint32_t));
    return 0;
}
