#include <stdio.h>

static int collatz_len(unsigned n)
{
    int len = 1;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n >> 1;
        len++;
    }
    return len;
}

int main(void)
{
    unsigned best = 1, i;
    int best_len = 1;
    for (i = 1; i < 300; i++) {
        int l = collatz_len(i);
        if (l > best_len) {
            best_len = l;
            best = i;
        }
    }
    printf("%u %d\n", best, best_len);
    printf("%d %d\n", collatz_len(1), collatz_len(97));
    return 0;
}
