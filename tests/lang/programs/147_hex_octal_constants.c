#include <stdio.h>

int main(void)
{
    printf("%d %d %d\n", 0x10, 010, 0);
    printf("%d %d\n", 0XfF, 0777);
    printf("%u\n", 0xFFFFFFFF);
    printf("%d\n", 0x7FFFFFFF);
    printf("%d\n", 00);
    printf("%x\n", 0xCAFEBABE);
    printf("%d\n", 0x7fffffff + 1 < 0);
    return 0;
}
