#include <stdio.h>

int main(void)
{
    int i = 0;
    for (; i < 3;)
        printf("%d ", i++);
    printf("\n");
    int n = 0;
    for (;;) {
        n += 7;
        if (n > 30)
            break;
    }
    printf("%d\n", n);
    int j;
    for (j = 0; j < 5; j++)
        ;
    printf("%d\n", j);
    for (i = 10; i; i /= 2)
        printf("%d ", i);
    printf("\n");
    return 0;
}
