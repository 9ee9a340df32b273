#include <stdio.h>

static char to_char(int x) { return x; }
static unsigned char to_uchar(int x) { return x; }
static short to_short(int x) { return x; }
static unsigned short to_ushort(int x) { return x; }

static int take_char(char c) { return c; }
static int take_uchar(unsigned char c) { return c; }

int main(void)
{
    printf("%d %d %d %d\n", to_char(200), to_uchar(-1), to_short(40000), to_ushort(-2));
    printf("%d %d\n", take_char(255), take_uchar(257));
    int sum = to_char(100) + to_char(100);
    printf("%d\n", sum);
    char c = to_char(1000);
    printf("%d\n", c);
    return 0;
}
