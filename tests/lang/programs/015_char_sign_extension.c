#include <stdio.h>

int main(void)
{
    char bytes[4] = { (char)0x80, (char)0xFF, 0x7F, 0x41 };
    int i;
    for (i = 0; i < 4; i++)
        printf("%d ", bytes[i]);
    printf("\n");
    for (i = 0; i < 4; i++)
        printf("%d ", (unsigned char)bytes[i]);
    printf("\n");
    int x = bytes[1];
    unsigned y = bytes[1];
    printf("%d %x\n", x, y);
    printf("%x\n", bytes[0] & 0xFF);
    return 0;
}
