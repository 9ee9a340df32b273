#include <stdio.h>

int main(void)
{
    printf("[%5d]\n", 42);
    printf("[%-5d]\n", 42);
    printf("[%05d]\n", 42);
    printf("[%05d]\n", -42);
    printf("[%2d]\n", 12345);
    printf("[%8x]\n", 0xbeef);
    printf("[%-8X]\n", 0xbeef);
    printf("[%08x]\n", 0xbeef);
    printf("[%*d]\n", 6, 7);
    printf("[%-*d]\n", 4, 7);
    printf("[%3c]\n", 'z');
    printf("[%-3c]\n", 'z');
    printf("[%10u]\n", 4000000000u);
    return 0;
}
