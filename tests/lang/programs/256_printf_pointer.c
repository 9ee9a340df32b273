// nogcc: %p spelling differs between libcs; ours is 0x and lowercase hex digits.
#include <stdio.h>

int main(void)
{
    printf("%p\n", (void *)0x1234);
    printf("%p\n", (void *)0xF0000000u);
    printf("[%10p]\n", (void *)0xab);
    int x;
    int *p = &x;
    char buf[16];
    int n = sprintf(buf, "%p", (void *)p);
    printf("%d %c%c\n", n > 2, buf[0], buf[1]);
    return 0;
}
