#include <stdio.h>

enum color { RED, GREEN };

int main(void)
{
    printf("%d %d %d\n", (int)sizeof(char), (int)sizeof(short), (int)sizeof(int));
    printf("%d %d\n", (int)sizeof(unsigned char), (int)sizeof(unsigned short));
    printf("%d %d\n", (int)sizeof(unsigned), (int)sizeof(signed char));
    printf("%d\n", (int)sizeof(enum color));
    printf("%d %d\n", (int)sizeof(int[10]), (int)sizeof(char[3][5]));
    return 0;
}
