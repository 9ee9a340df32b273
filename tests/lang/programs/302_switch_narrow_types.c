#include <stdio.h>

static const char *classify(char c)
{
    switch (c) {
    case -1:   return "minus one (0xff)";
    case -128: return "minimum";
    case 'a':  return "letter a";
    case 0:    return "nul";
    }
    return "other";
}

static int ushort_case(unsigned short s)
{
    switch (s) {
    case 65535: return 1;
    case 0:     return 2;
    default:    return 3;
    }
}

int main(void)
{
    printf("%s\n", classify((char)255));
    printf("%s\n", classify((char)0x80));
    printf("%s\n", classify('a'));
    printf("%s\n", classify(0));
    printf("%s\n", classify(5));
    printf("%d %d %d\n", ushort_case(-1), ushort_case(65536), ushort_case(7));
    return 0;
}
