#include <stdio.h>

static int mix(int a, int b)
{
    int t1 = a * 3 + b, t2 = a - b * 2, t3 = a ^ b, t4 = a | b;
    return t1 + t2 + t3 - t4;
}

int main(void)
{
    /* Many values live across calls: they must survive in callee-saved
       registers or stack slots. */
    int a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10;
    int r1 = mix(a, b);
    int r2 = mix(c, d) + r1;
    int r3 = mix(e, f) + r2;
    int r4 = mix(g, h) + r3;
    int r5 = mix(i, j) + r4;
    printf("%d %d %d %d %d\n", r1, r2, r3, r4, r5);
    printf("%d\n", a + b + c + d + e + f + g + h + i + j);
    int k, acc = 0;
    for (k = 0; k < 5; k++)
        acc += mix(k, acc) + a * j - b * i + c * h - d * g + e * f;
    printf("%d\n", acc);
    return 0;
}
