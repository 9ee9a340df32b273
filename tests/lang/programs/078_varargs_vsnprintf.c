#include <stdio.h>
#include <stdarg.h>

static char logbuf[64];

static int logf_(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(logbuf, sizeof logbuf, fmt, ap);
    va_end(ap);
    return n;
}

static void say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("> ");
    vprintf(fmt, ap);
    va_end(ap);
}

int main(void)
{
    int n = logf_("%s=%d (%x)", "answer", 42, 255);
    printf("%d [%s]\n", n, logbuf);
    say("%d items, %s\n", 3, "ok");
    return 0;
}
