#include <stdio.h>

static const char *lookup(unsigned code)
{
    switch (code) {
    case 0x0:         return "zero";
    case 0x7F:        return "del";
    case 0x1000:      return "page";
    case 0xF0000000u: return "console";
    case 0xFFFFFFFFu: return "all ones";
    case 100000:      return "hundred thousand";
    }
    return "?";
}

static int neg_cases(int v)
{
    switch (v) {
    case -2147483647 - 1: return 1;
    case -100:            return 2;
    case -1:              return 3;
    case 2147483647:      return 4;
    default:              return 0;
    }
}

int main(void)
{
    unsigned codes[] = {0, 0x7F, 0x1000, 0xF0000000u, 0xFFFFFFFFu, 100000, 5};
    int i;
    for (i = 0; i < 7; i++)
        printf("%s\n", lookup(codes[i]));
    printf("%d%d%d%d%d\n", neg_cases(-2147483647 - 1), neg_cases(-100), neg_cases(-1),
           neg_cases(2147483647), neg_cases(0));
    return 0;
}
