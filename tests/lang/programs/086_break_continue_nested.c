#include <stdio.h>

int main(void)
{
    int i, j;
    for (i = 0; i < 5; i++) {
        for (j = 0; j < 5; j++) {
            if (j == i)
                break;          /* leaves the inner loop only */
            if ((i + j) % 2)
                continue;
            printf("(%d,%d)", i, j);
        }
    }
    printf("\n");
    int n = 0;
    while (1) {
        n++;
        switch (n) {
        case 2:
            continue;           /* continues the while loop */
        case 5:
            break;              /* leaves the switch only */
        }
        if (n >= 6)
            break;
        printf("%d ", n);
    }
    printf("\n");
    return 0;
}
