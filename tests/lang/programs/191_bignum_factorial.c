#include <stdio.h>

/* 30! in decimal, one digit per array element, least significant first. */
int main(void)
{
    unsigned char digits[40] = {1};
    int len = 1, n, i;
    for (n = 2; n <= 30; n++) {
        int carry = 0;
        for (i = 0; i < len; i++) {
            int v = digits[i] * n + carry;
            digits[i] = v % 10;
            carry = v / 10;
        }
        while (carry) {
            digits[len++] = carry % 10;
            carry /= 10;
        }
    }
    for (i = len - 1; i >= 0; i--)
        putchar('0' + digits[i]);
    printf("\n%d digits\n", len);
    return 0;
}
