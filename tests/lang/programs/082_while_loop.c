#include <stdio.h>

int main(void)
{
    int n = 27, steps = 0;
    while (n != 1) {
        n = n % 2 ? 3 * n + 1 : n / 2;
        steps++;
    }
    printf("%d\n", steps);
    int i = 0;
    while (i < 0)
        i = 100;
    printf("%d\n", i);
    unsigned bits = 0xB6, count = 0;
    while (bits) {
        count += bits & 1;
        bits >>= 1;
    }
    printf("%u\n", count);
    return 0;
}
