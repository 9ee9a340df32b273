#include <stdio.h>
#include <stdarg.h>

/* A tiny formatter: 'i' int, 's' string, 'c' char (promoted to int), 'u' unsigned. */
static void show(const char *kinds, ...)
{
    va_list ap;
    va_start(ap, kinds);
    for (; *kinds; kinds++) {
        switch (*kinds) {
        case 'i': printf("[%d]", va_arg(ap, int)); break;
        case 's': printf("[%s]", va_arg(ap, char *)); break;
        case 'c': printf("[%c]", va_arg(ap, int)); break;
        case 'u': printf("[%u]", va_arg(ap, unsigned)); break;
        }
    }
    va_end(ap);
    printf("\n");
}

int main(void)
{
    char c = 'z';
    short s = -7;
    show("isc", 42, "text", c);
    show("uis", 3000000000u, s, "end");
    show("");
    return 0;
}
