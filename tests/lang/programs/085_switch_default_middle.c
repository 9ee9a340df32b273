#include <stdio.h>

static int classify(int v)
{
    int r = 0;
    switch (v) {
    case 1:
        r += 1;
        break;
    default:
        r += 100;
    case 2:
        r += 2;
        break;
    case 3:
        r += 3;
    }
    return r;
}

int main(void)
{
    int i;
    for (i = 0; i < 5; i++)
        printf("%d ", classify(i));
    printf("\n");
    switch (7) {
    case 1:
        printf("never\n");
    }
    switch ('b') {
    case 'a': printf("a\n"); break;
    case 'b': printf("b\n"); break;
    }
    return 0;
}
