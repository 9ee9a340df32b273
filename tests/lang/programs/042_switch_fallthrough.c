#include <stdio.h>

static void show(int n)
{
    printf("%d:", n);
    switch (n) {
    case 0:
        printf(" zero");
    case 1:
        printf(" one");
    case 2:
        printf(" two");
        break;
    case 3:
    case 4:
        printf(" three-or-four");
        break;
    }
    printf("\n");
}

int main(void)
{
    int i;
    for (i = 0; i < 6; i++)
        show(i);
    return 0;
}
