#include <stdio.h>

/* Division by powers of two must round towards zero, also for negatives. */
static int d2(int x) { return x / 2; }
static int d8(int x) { return x / 8; }
static int m4(int x) { return x % 4; }
static unsigned ud4(unsigned x) { return x / 4; }

int main(void)
{
    int v[] = {-9, -8, -7, -1, 0, 1, 7, 8, 9};
    int i;
    for (i = 0; i < 9; i++)
        printf("%d: %d %d %d\n", v[i], d2(v[i]), d8(v[i]), m4(v[i]));
    printf("%u\n", ud4(0xFFFFFFFFu));
    return 0;
}
