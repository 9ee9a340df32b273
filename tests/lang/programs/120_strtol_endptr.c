#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    const char *input = "12 -7 0x10 junk";
    char *end;
    const char *p = input;
    long v;
    for (;;) {
        v = strtol(p, &end, 0);
        if (end == p)
            break;
        printf("%ld (consumed %d)\n", v, (int)(end - p));
        p = end;
    }
    printf("rest: [%s]\n", p);
    const char *blank = "   ";
    v = strtol(blank, &end, 10);
    printf("%ld %d\n", v, end == blank);      /* no digits: end = start */
    return 0;
}
