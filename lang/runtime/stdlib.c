/* stdlib.c: number conversions and integer arithmetic helpers. */
#include <stdlib.h>
#include <ctype.h>
#include <limits.h>
#include <errno.h>

/* The value of digit character c in bases up to 36, or 36 if it is none. */
static int digit_value(int c)
{
    if (isdigit(c))
        return c - '0';
    if (islower(c))
        return c - 'a' + 10;
    if (isupper(c))
        return c - 'A' + 10;
    return 36;
}

/* The shared part of strtol and strtoul: skips spaces and a sign, works out
 * the base (0 means: 0x... hex, 0... octal, else decimal), and reads digits
 * until one does not belong to the base. The magnitude saturates at `limit`
 * (*overflow is set). *endptr gets the first unused character, or s itself
 * when there were no digits. */
static unsigned long parse_number(const char *s, char **endptr, int base, int *negative,
                                  unsigned long limit, int *overflow)
{
    const char *p = s;
    unsigned long value = 0;
    int any = 0;
    *negative = 0;
    *overflow = 0;
    while (isspace(*p))
        p++;
    if (*p == '-' || *p == '+') {
        *negative = *p == '-';
        p++;
    }
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')
        && digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    if (base >= 2 && base <= 36) {
        for (; digit_value(*p) < base; p++) {
            unsigned long d = (unsigned long)digit_value(*p);
            any = 1;
            if (value > (limit - d) / (unsigned long)base) {
                *overflow = 1;
                value = limit;
            } else if (!*overflow) {
                value = value * (unsigned long)base + d;
            }
        }
    }
    if (endptr != NULL)
        *endptr = (char *)(any ? p : s);
    return value;
}

/* Out of range: LONG_MAX or LONG_MIN, and errno = ERANGE. */
long strtol(const char *s, char **endptr, int base)
{
    int negative, overflow;
    unsigned long limit = (unsigned long)LONG_MAX + 1;   /* |LONG_MIN| */
    unsigned long value = parse_number(s, endptr, base, &negative, limit, &overflow);
    if (overflow || (!negative && value > (unsigned long)LONG_MAX))
        errno = ERANGE;
    if (!negative && value > (unsigned long)LONG_MAX)
        return LONG_MAX;
    if (negative)
        return value == limit ? LONG_MIN : -(long)value;
    return (long)value;
}

/* As in the standard, "-1" gives ULONG_MAX (the negation is done unsigned).
 * Out of range: ULONG_MAX, and errno = ERANGE. */
unsigned long strtoul(const char *s, char **endptr, int base)
{
    int negative, overflow;
    unsigned long value = parse_number(s, endptr, base, &negative, ULONG_MAX, &overflow);
    if (overflow) {
        errno = ERANGE;
        return ULONG_MAX;
    }
    return negative ? (ULONG_MAX - value) + 1 : value;
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

int abs(int x)
{
    return x < 0 ? -x : x;
}

long labs(long x)
{
    return x < 0 ? -x : x;
}

div_t div(int num, int den)
{
    div_t r;
    r.quot = num / den;
    r.rem = num % den;
    return r;
}

ldiv_t ldiv(long num, long den)
{
    ldiv_t r;
    r.quot = num / den;
    r.rem = num % den;
    return r;
}
