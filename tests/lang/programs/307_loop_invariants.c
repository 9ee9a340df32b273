#include <stdio.h>

static int scale = 3;

static void set_scale(int s) { scale = s; }

int main(void)
{
    int i, total = 0;
    int limit = 10;
    for (i = 0; i < limit; i++) {
        total += scale * 2 + 1000;      /* scale changes half way: not invariant */
        if (i == 4)
            set_scale(10);
    }
    printf("%d\n", total);
    int arr[5] = {1, 2, 3, 4, 5};
    int *p = arr;
    total = 0;
    for (i = 0; i < 5; i++) {
        total += *p * 100;
        if (i == 1)
            p = &arr[4];                /* the loaded address changes */
    }
    printf("%d\n", total);
    int n = 0;
    for (i = 0; i < 20; i++)
        n += 0x10000 + 7;               /* a big constant in a loop */
    printf("%d\n", n);
    return 0;
}
