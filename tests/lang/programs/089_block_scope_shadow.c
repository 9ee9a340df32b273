#include <stdio.h>

int x = 1;

int main(void)
{
    printf("%d\n", x);
    int x = 2;
    printf("%d\n", x);
    {
        int x = 3;
        printf("%d\n", x);
        {
            x = 4;              /* assigns the middle x */
            int x = 5;
            printf("%d\n", x);
        }
        printf("%d\n", x);
    }
    printf("%d\n", x);
    return 0;
}
