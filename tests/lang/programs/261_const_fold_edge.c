#include <stdio.h>

/* Constant expressions the compiler folds at compile time must give the
   same answers as the same operations done at run time. */
static int id(int x) { return x; }
static unsigned uid(unsigned x) { return x; }

int main(void)
{
    printf("%d %d | %d %d\n", -7 / 2, -7 % 2, id(-7) / id(2), id(-7) % id(2));
    printf("%d %d\n", 2147483647 + 1, id(2147483647) + id(1));
    printf("%u %u\n", (unsigned)-1 / 2, uid(-1) / uid(2));
    printf("%d %d\n", (char)200, (char)id(200));
    printf("%d %d\n", -1 >> 1, id(-1) >> id(1));
    printf("%u %u\n", 1u << 31, uid(1) << id(31));
    printf("%d %d\n", -1 < 1u, id(-1) < uid(1));
    printf("%d %d\n", (unsigned char)-3 * 2, (unsigned char)id(-3) * 2);
    printf("%d %d\n", (short)65535 + 1, (short)id(65535) + 1);
    printf("%d %d\n", ~0u > 0, ~uid(0) > 0);
    printf("%d %d\n", 10 / 3 * 3 + 10 % 3, id(10) / 3 * 3 + id(10) % 3);
    return 0;
}
