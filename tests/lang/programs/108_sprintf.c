#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[64];
    int n = sprintf(buf, "%d-%s-%x", 12, "ab", 255);
    printf("%d %s %d\n", n, buf, (int)strlen(buf));
    sprintf(buf, "%5d|%-5d|", 1, 2);
    printf("%s\n", buf);
    char *p = buf;
    p += sprintf(p, "x=%d ", 1);
    p += sprintf(p, "y=%d", 22);
    printf("%s (%d)\n", buf, (int)(p - buf));
    sprintf(buf, "%c%c", 'o', 'k');
    printf("%s\n", buf);
    return 0;
}
