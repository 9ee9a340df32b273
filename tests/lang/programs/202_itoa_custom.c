#include <stdio.h>

static char *itoa_(int v, char *buf)
{
    char tmp[12];
    int n = 0, i = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;   /* safe for INT_MIN */
    do {
        tmp[n++] = '0' + u % 10;
        u /= 10;
    } while (u);
    if (v < 0)
        buf[i++] = '-';
    while (n)
        buf[i++] = tmp[--n];
    buf[i] = 0;
    return buf;
}

int main(void)
{
    char buf[16];
    int vals[] = {0, 7, -7, 12345, -2147483647 - 1, 2147483647};
    int i;
    for (i = 0; i < 6; i++)
        printf("%s ", itoa_(vals[i], buf));
    printf("\n");
    return 0;
}
