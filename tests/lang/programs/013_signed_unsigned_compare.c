#include <stdio.h>

int main(void)
{
    int m = -1;
    unsigned u = 1;
    printf("%d\n", m < u);          /* -1 converts to UINT_MAX: 0 */
    printf("%d\n", m < (int)u);     /* 1 */
    printf("%d\n", -1 < 0u);        /* 0 */
    printf("%d\n", m == 0xFFFFFFFFu);
    unsigned char uc = 1;
    printf("%d\n", m < uc);         /* unsigned char promotes to int: 1 */
    unsigned short us = 1;
    printf("%d\n", m < us);         /* 1 */
    if (-5 > 3u)
        printf("surprise\n");
    return 0;
}
