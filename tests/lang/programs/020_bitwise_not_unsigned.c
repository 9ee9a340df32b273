#include <stdio.h>

int main(void)
{
    unsigned char c = 0x0F;
    printf("%d\n", ~c);             /* int: -16 */
    printf("%d\n", (unsigned char)~c);
    unsigned u = 0;
    printf("%u\n", ~u);
    int i = 0;
    printf("%d\n", ~i);
    printf("%d\n", !0 + !5);
    return 0;
}
