#include <stdio.h>

int main(void)
{
    unsigned a = 7, b = 10;
    printf("%u\n", a - b);
    printf("%u\n", b / 3u);
    printf("%u\n", 4000000000u / 3u);
    printf("%u\n", 4000000000u % 7u);
    printf("%u\n", 0xFFFFFFFFu + 2u);
    printf("%x\n", 0x80000000u >> 4);
    return 0;
}
