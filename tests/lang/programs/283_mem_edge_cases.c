#include <stdio.h>
#include <string.h>

int main(void)
{
    unsigned char buf[8];
    memset(buf, 0x1234, sizeof buf);    /* only the low byte counts */
    printf("%x %x\n", buf[0], buf[7]);
    printf("%d\n", memcmp("\x80", "\x01", 1) > 0);   /* bytes compare as unsigned */
    printf("%d\n", memcmp("abc", "abc", 0));
    char s[] = "overlap";
    memmove(s + 1, s, 0);
    printf("%s\n", s);
    char d[10] = "xxxxxxxxx";
    memcpy(d, "ab", 0);
    printf("%s\n", d);
    printf("%d\n", strcmp("", "") == 0);
    printf("%d\n", strncmp("abc", "abd", 2));
    return 0;
}
