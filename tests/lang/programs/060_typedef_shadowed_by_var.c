#include <stdio.h>

typedef int count;

int main(void)
{
    count x = 4;
    {
        int count = 7;      /* a variable named like the typedef */
        count = count * x;
        printf("%d\n", count);
    }
    count y = 9;            /* the typedef is visible again */
    printf("%d %d\n", x, y);
    return 0;
}
