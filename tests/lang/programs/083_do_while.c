#include <stdio.h>

int main(void)
{
    int i = 10;
    do {
        printf("%d ", i);
        i += 10;
    } while (i < 5);          /* body runs once */
    printf("\n");
    int n = 12345, digits = 0;
    do {
        digits++;
        n /= 10;
    } while (n);
    printf("%d\n", digits);
    int k = 0;
    do {
        k++;
        if (k % 2)
            continue;           /* goes to the condition */
        printf("%d ", k);
    } while (k < 7);
    printf("\n");
    return 0;
}
