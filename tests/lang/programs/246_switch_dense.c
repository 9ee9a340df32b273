#include <stdio.h>

static int f(int x)
{
    switch (x) {
    case 0: return 10;
    case 1: return 11;
    case 2: return 12;
    case 3: return 13;
    case 4: return 14;
    case 5: return 15;
    case 6: return 16;
    case 7: return 17;
    case 8: return 18;
    case 9: return 19;
    case 10: return 20;
    case 11: return 21;
    case 12: return 22;
    case 13: return 23;
    case 14: return 24;
    case 15: return 25;
    default: return -1;
    }
}

int main(void)
{
    int i, sum = 0;
    for (i = -3; i < 20; i++)
        sum += f(i);
    printf("%d %d %d %d\n", f(0), f(15), f(16), f(-1));
    printf("%d\n", sum);
    return 0;
}
