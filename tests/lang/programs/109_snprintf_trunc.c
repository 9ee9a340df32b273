#include <stdio.h>

int main(void)
{
    char buf[8];
    int n = snprintf(buf, sizeof buf, "%s", "abcdefghijk");
    printf("%d [%s]\n", n, buf);
    n = snprintf(buf, sizeof buf, "%d", 123);
    printf("%d [%s]\n", n, buf);
    n = snprintf(buf, 1, "xyz");
    printf("%d [%s]\n", n, buf);
    n = snprintf(buf, 4, "%05d", 42);
    printf("%d [%s]\n", n, buf);
    n = snprintf(0, 0, "%d items", 1000);
    printf("%d\n", n);
    return 0;
}
