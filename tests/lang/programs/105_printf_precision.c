#include <stdio.h>

int main(void)
{
    printf("[%.3d]\n", 7);
    printf("[%.3d]\n", -7);
    printf("[%6.3d]\n", 42);
    printf("[%-6.3d]\n", 42);
    printf("[%.0d]\n", 0);
    printf("[%.5x]\n", 0xab);
    printf("[%.2s]\n", "abcdef");
    printf("[%8.3s]\n", "abcdef");
    printf("[%-8.3s]\n", "abcdef");
    printf("[%.*s]\n", 4, "precision");
    printf("[%.10s]\n", "short");
    return 0;
}
