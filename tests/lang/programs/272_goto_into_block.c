#include <stdio.h>

int main(void)
{
    int state = 0, i;
    goto middle;
    {
        int x;
    top:
        printf("top %d\n", state);
    middle:
        x = ++state;
        if (x < 3)
            goto top;
        printf("x=%d\n", x);
    }
    for (i = 0; i < 3; i++) {
        if (i == 1)
            goto next;
        printf("i=%d\n", i);
    next:
        ;
    }
    return 0;
}
