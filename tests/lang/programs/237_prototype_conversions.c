#include <stdio.h>

static int as_int(int x) { return x; }
static unsigned as_unsigned(unsigned x) { return x; }
static short as_short(short x) { return x; }
static unsigned char as_uchar(unsigned char x) { return x; }

int main(void)
{
    char c = -1;
    unsigned char uc = 200;
    printf("%d %d\n", as_int(c), as_int(uc));
    printf("%u\n", as_unsigned(c));
    printf("%d\n", as_short(100000));
    printf("%d\n", as_uchar(-56));
    printf("%d\n", as_int('a') + as_short((short)-1));
    return 0;
}
