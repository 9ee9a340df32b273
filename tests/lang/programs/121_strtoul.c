#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    printf("%lu\n", strtoul("4294967295", NULL, 10));
    printf("%lu\n", strtoul("0xDEADBEEF", NULL, 16));
    printf("%lu\n", strtoul("777", NULL, 8));
    char *end;
    unsigned long v = strtoul("123abc", &end, 10);
    printf("%lu [%s]\n", v, end);
    v = strtoul("zz9", &end, 36);
    printf("%lu %d\n", v, *end);
    return 0;
}
