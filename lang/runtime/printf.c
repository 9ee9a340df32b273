/* printf.c: formatted output.
 *
 * One formatter, format(), writes through a `sink`: either the console
 * (printf, vprintf) or a buffer (sprintf and friends). A sink counts every
 * character it is given, even those that do not fit in the buffer, which is
 * what snprintf must return.
 *
 * Supported: %d %i %u %x %X %o %c %s %p %%, the flags - 0 + space #, a
 * width and a precision (either may be *), and the length modifiers hh, h,
 * l and z (long and size_t are 32-bit like int). No floating point.
 * An unknown conversion is printed as it was written. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

struct sink {
    int console;    /* 1: write to the console, 0: to buf */
    char *buf;
    size_t size;    /* room in buf, including the final NUL */
    size_t count;   /* characters produced so far */
};

static void put(struct sink *s, int c)
{
    if (s->console)
        putchar(c);
    else if (s->count + 1 < s->size)
        s->buf[s->count] = (char)c;
    s->count++;
}

static void put_repeat(struct sink *s, int c, int n)
{
    while (n-- > 0)
        put(s, c);
}

/* What one % conversion asked for. */
struct spec {
    int left;       /* '-': pad on the right */
    int zero;       /* '0': pad with zeros */
    int plus;       /* '+': always a sign */
    int space;      /* ' ': a space where the sign would be */
    int alt;        /* '#': 0x prefix / leading 0 */
    int width;      /* minimum field width */
    int precision;  /* -1 when not given */
    int length;     /* 'H' hh, 'h', 'l', or 0 */
};

/* Writes `text` (len characters) padded to the field width. */
static void put_padded(struct sink *s, struct spec *sp, const char *text, int len)
{
    int i;
    if (!sp->left)
        put_repeat(s, ' ', sp->width - len);
    for (i = 0; i < len; i++)
        put(s, text[i]);
    if (sp->left)
        put_repeat(s, ' ', sp->width - len);
}

/* Writes a number: [padding][sign][prefix][zeros][digits][padding]. */
static void put_number(struct sink *s, struct spec *sp, unsigned long value, int negative,
                       unsigned int base, int upper)
{
    const char *digit_chars = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char digits[24];
    const char *prefix = "";
    int ndigits = 0, nzeros, total, prefix_len;
    int is_zero = value == 0;
    char sign = 0;

    while (value != 0) {
        digits[ndigits++] = digit_chars[value % base];
        value /= base;
    }
    if (ndigits == 0 && sp->precision != 0)
        digits[ndigits++] = '0';
    if (negative)
        sign = '-';
    else if (sp->plus)
        sign = '+';
    else if (sp->space)
        sign = ' ';
    if (sp->alt && base == 16 && !is_zero)
        prefix = upper ? "0X" : "0x";
    nzeros = sp->precision > ndigits ? sp->precision - ndigits : 0;
    if (sp->alt && base == 8 && nzeros == 0 && (ndigits == 0 || digits[ndigits - 1] != '0'))
        nzeros = 1;                                 /* octal: a leading 0 */
    prefix_len = (int)strlen(prefix);
    total = (sign != 0) + prefix_len + nzeros + ndigits;
    if (sp->zero && !sp->left && sp->precision < 0 && total < sp->width) {
        nzeros += sp->width - total;
        total = sp->width;
    }
    if (!sp->left)
        put_repeat(s, ' ', sp->width - total);
    if (sign)
        put(s, sign);
    while (*prefix)
        put(s, *prefix++);
    put_repeat(s, '0', nzeros);
    while (ndigits > 0)
        put(s, digits[--ndigits]);
    if (sp->left)
        put_repeat(s, ' ', sp->width - total);
}

/* Reads a decimal number at *fmt (advancing it). */
static int read_number(const char **fmt)
{
    int n = 0;
    while (**fmt >= '0' && **fmt <= '9') {
        n = n * 10 + (**fmt - '0');
        (*fmt)++;
    }
    return n;
}

/* Parses flags, width, precision and length; returns the conversion char. */
static int parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
    const char *f = *fmt;
    memset(sp, 0, sizeof(*sp));
    sp->precision = -1;
    for (;; f++) {
        if (*f == '-')
            sp->left = 1;
        else if (*f == '0')
            sp->zero = 1;
        else if (*f == '+')
            sp->plus = 1;
        else if (*f == ' ')
            sp->space = 1;
        else if (*f == '#')
            sp->alt = 1;
        else
            break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0) {                        /* a negative width means '-' */
            sp->left = 1;
            sp->width = -sp->width;
        }
        f++;
    } else {
        sp->width = read_number(&f);
    }
    if (*f == '.') {
        f++;
        if (*f == '*') {
            sp->precision = va_arg(*ap, int);
            if (sp->precision < 0)
                sp->precision = -1;                 /* as if not given */
            f++;
        } else {
            sp->precision = read_number(&f);
        }
    }
    if (f[0] == 'h' && f[1] == 'h') {
        sp->length = 'H';
        f += 2;
    } else if (*f == 'h' || *f == 'l' || *f == 'z') {
        sp->length = *f == 'z' ? 0 : *f;
        f++;
    }
    *fmt = f;
    return *f;
}

/* Fetches a signed argument of the spec's length. */
static long signed_arg(struct spec *sp, va_list *ap)
{
    if (sp->length == 'l')
        return va_arg(*ap, long);
    if (sp->length == 'h')
        return (short)va_arg(*ap, int);
    if (sp->length == 'H')
        return (signed char)va_arg(*ap, int);
    return va_arg(*ap, int);
}

static unsigned long unsigned_arg(struct spec *sp, va_list *ap)
{
    if (sp->length == 'l')
        return va_arg(*ap, unsigned long);
    if (sp->length == 'h')
        return (unsigned short)va_arg(*ap, unsigned int);
    if (sp->length == 'H')
        return (unsigned char)va_arg(*ap, unsigned int);
    return va_arg(*ap, unsigned int);
}

static void format(struct sink *s, const char *fmt, va_list *ap)
{
    struct spec sp;
    const char *start;
    const char *str;
    char c;
    long v;
    int len;

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(s, *fmt);
            continue;
        }
        start = fmt;
        fmt++;
        switch (parse_spec(&fmt, &sp, ap)) {
        case 'd':
        case 'i':
            v = signed_arg(&sp, ap);
            put_number(s, &sp, v < 0 ? 0ul - (unsigned long)v : (unsigned long)v, v < 0, 10, 0);
            break;
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            sp.plus = 0;                            /* only signed conversions have a sign */
            sp.space = 0;
            put_number(s, &sp, unsigned_arg(&sp, ap), 0,
                       *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16, *fmt == 'X');
            break;
        case 'p':
            sp.alt = 1;
            sp.plus = 0;
            sp.space = 0;
            put_number(s, &sp, (unsigned long)va_arg(*ap, void *), 0, 16, 0);
            break;
        case 'c':
            c = (char)va_arg(*ap, int);
            put_padded(s, &sp, &c, 1);
            break;
        case 's':
            str = va_arg(*ap, const char *);
            if (str == NULL)
                str = "(null)";
            len = 0;
            while (str[len] && (sp.precision < 0 || len < sp.precision))
                len++;
            put_padded(s, &sp, str, len);
            break;
        case '%':
            put(s, '%');
            break;
        default:                                    /* unknown: print it as written */
            if (*fmt == 0)
                fmt--;                              /* '%' at the very end */
            while (start <= fmt)
                put(s, *start++);
            break;
        }
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s;
    va_list copy;
    s.console = 0;
    s.buf = buf;
    s.size = size;
    s.count = 0;
    va_copy(copy, ap);
    format(&s, fmt, &copy);
    va_end(copy);
    if (size > 0)
        buf[s.count < size ? s.count : size - 1] = 0;
    return (int)s.count;
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return vsnprintf(buf, (size_t)-1 / 2, fmt, ap);
}

int vprintf(const char *fmt, va_list ap)
{
    struct sink s;
    va_list copy;
    s.console = 1;
    s.buf = NULL;
    s.size = 0;
    s.count = 0;
    va_copy(copy, ap);
    format(&s, fmt, &copy);
    va_end(copy);
    return (int)s.count;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsprintf(buf, fmt, ap);
    va_end(ap);
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
