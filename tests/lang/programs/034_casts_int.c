#include <stdio.h>

int main(void)
{
    int x = 1000;
    printf("%d\n", (char)x);
    printf("%d\n", (unsigned char)x);
    printf("%d\n", (short)70000);
    printf("%d\n", (unsigned short)-1);
    printf("%u\n", (unsigned)-1);
    printf("%d\n", (int)4294967295u);
    printf("%d\n", (int)(char)(unsigned char)200);
    printf("%d\n", (int)'A' + (char)1);
    return 0;
}
