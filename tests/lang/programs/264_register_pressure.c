#include <stdio.h>

static int f(int x) { return x + 1; }

int main(void)
{
    int a = 1, b = 2, c = 3, d = 4, e = 5, g = 6, h = 7, i = 8;
    int j = 9, k = 10, l = 11, m = 12, n = 13, o = 14, p = 15, q = 16;
    /* More live values than registers, with calls in the middle. */
    int r = (a + b) * (c + d) - (e + g) * (h + i) + (j + k) * (l + m) - (n + o) * (p + q);
    int s = f(a) * f(b) + f(c) * f(d) + f(e) * f(g) + f(h) * f(i)
          + f(j) * f(k) + f(l) * f(m) + f(n) * f(o) + f(p) * f(q);
    int t = a * b * c + d * e * g - h * i * j + k * l * m - n * o * p + q;
    printf("%d %d %d\n", r, s, t);
    printf("%d\n", a + b + c + d + e + g + h + i + j + k + l + m + n + o + p + q);
    int u = ((a ^ b) | (c & d)) + ((e << 2) >> 1) - ((g % 4) * (h / 2)) + (i > j ? k : l) + (m < n ? o : p) * q;
    printf("%d\n", u);
    return 0;
}
