#include <stdio.h>

/* Modular exponentiation with a modulus below 2^16 so products fit in 32 bits. */
static unsigned powmod(unsigned base, unsigned exp, unsigned mod)
{
    unsigned result = 1;
    base %= mod;
    while (exp) {
        if (exp & 1)
            result = result * base % mod;
        base = base * base % mod;
        exp >>= 1;
    }
    return result;
}

int main(void)
{
    printf("%u\n", powmod(2, 10, 1000));
    printf("%u\n", powmod(3, 200, 65521));
    printf("%u\n", powmod(7, 0, 13));
    printf("%u\n", powmod(12345, 65519, 65521));     /* Fermat: inverse of 12345 */
    printf("%u\n", 12345u * powmod(12345, 65519, 65521) % 65521);
    return 0;
}
