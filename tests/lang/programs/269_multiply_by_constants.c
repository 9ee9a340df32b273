#include <stdio.h>

int main(void)
{
    int v[] = {-5, -1, 0, 1, 3, 1000, 65536, -2147483647 - 1};
    int i;
    for (i = 0; i < 8; i++) {
        int x = v[i];
        printf("%d %d %d %d %d %d\n", x * 2, x * 8, x * 10, x * -1, x * 0, x * 1024);
    }
    unsigned u = 0x80000001u;
    printf("%u %u\n", u * 2, u * 3);
    return 0;
}
