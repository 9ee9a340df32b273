#include <stdio.h>

#define BASE 10
enum { FIRST = 100, SECOND };

static const char *what(int v)
{
    switch (v) {
    case BASE * 2:          return "twenty";
    case 1 << 5:            return "thirty-two";
    case 'A':               return "letter A";
    case SECOND:            return "second";
    case -1:                return "minus one";
    case sizeof(int) + 1:   return "five";
    case (3 > 2) ? 7 : 8:   return "seven";
    }
    return "other";
}

int main(void)
{
    int vals[] = {20, 32, 65, 101, -1, 5, 7, 8};
    int i;
    for (i = 0; i < 8; i++)
        printf("%d %s\n", vals[i], what(vals[i]));
    return 0;
}
