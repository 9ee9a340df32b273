#include <stdio.h>

static unsigned val(unsigned x) { return x; }

int main(void)
{
    unsigned u = val(0);
    printf("%d\n", u >= 0);                 /* always true */
    printf("%d\n", u > -1);                 /* -1 is UINT_MAX: always false */
    printf("%d\n", val(5) < 4294967295u);
    printf("%d\n", val(0x80000000u) > 0x7FFFFFFFu);
    int s = (int)val(0x80000000u);
    printf("%d\n", s > 0x7FFFFFFF);         /* signed: false */
    printf("%d\n", s < 0);
    int count = 0;
    for (u = val(3); u != (unsigned)-1; u--)
        count++;
    printf("%d\n", count);
    return 0;
}
