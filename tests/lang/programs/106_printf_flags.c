#include <stdio.h>

int main(void)
{
    printf("[%+d] [%+d] [%+d]\n", 5, -5, 0);
    printf("[% d] [% d]\n", 5, -5);
    printf("[%#x] [%#X] [%#o]\n", 255, 255, 8);
    printf("[%#x] [%#o]\n", 0, 0);
    printf("[%-+6d]\n", 33);
    printf("[%+06d]\n", 33);
    printf("[%#010x]\n", 0x1f);
    printf("[%-#10x]\n", 0x1f);
    printf("[%- 5d]\n", 9);
    return 0;
}
