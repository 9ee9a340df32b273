#include <stdio.h>

int main(void)
{
    printf("%s has %d items costing %u total (%#x)\n", "cart", 3, 1500u, 1500);
    printf("%c%c|%5.2s|%-4d|%04x|%+d%%\n", 'o', 'k', "xyz", 7, 0xab, 50);
    printf("%d %s %d %s %d\n", 1, "two", 3, "four", 5);
    printf("%%d literally, then %d\n", 9);
    printf("%o %X %i\n", 64, 0xfade, -0);
    return 0;
}
