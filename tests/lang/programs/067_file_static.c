#include <stdio.h>

static int total = 100;
static int table[4] = {1, 2, 3, 4};

static void bump(int by)
{
    total += by;
    table[by % 4] += by;
}

int main(void)
{
    bump(5);
    bump(2);
    printf("%d\n", total);
    printf("%d %d %d %d\n", table[0], table[1], table[2], table[3]);
    return 0;
}
