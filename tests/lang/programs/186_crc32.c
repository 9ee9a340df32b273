#include <stdio.h>
#include <string.h>

/* Bitwise CRC-32 (IEEE, reflected polynomial 0xEDB88320). */
static unsigned crc32(const unsigned char *p, int n)
{
    unsigned crc = 0xFFFFFFFFu;
    int i, k;
    for (i = 0; i < n; i++) {
        crc ^= p[i];
        for (k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
    }
    return ~crc;
}

int main(void)
{
    const char *tests[] = {"", "a", "123456789", "The quick brown fox jumps over the lazy dog"};
    int i;
    for (i = 0; i < 4; i++)
        printf("%08x\n", crc32((const unsigned char *)tests[i], strlen(tests[i])));
    return 0;
}
