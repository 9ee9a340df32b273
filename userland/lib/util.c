/* util.c: small helpers the coreutils share (minos.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <minos.h>

void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (p == 0)
        die("out of memory");
    return p;
}

char *xstrdup(const char *s)
{
    char *p = xmalloc(strlen(s) + 1);
    strcpy(p, s);
    return p;
}

char *basename_of(char *path, char *out, int size)
{
    int end = strlen(path), start;
    while (end > 1 && path[end - 1] == '/')
        end--;
    start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    if (end - start >= size)
        end = start + size - 1;
    memmove(out, path + start, end - start);
    out[end - start] = 0;
    return out;
}

char *path_join(char *out, int size, const char *dir, const char *name)
{
    int n = strlen(dir);
    if (n > 0 && dir[n - 1] == '/')
        snprintf(out, size, "%s%s", dir, name);
    else
        snprintf(out, size, "%s/%s", dir, name);
    return out;
}

int parse_int(const char *s, int *out)
{
    char *end;
    long v;

    if (!isdigit(*s) && !((*s == '-' || *s == '+') && isdigit(s[1]))) {
        errno = EINVAL;                 /* not a number (strtol would skip spaces) */
        return -1;
    }
    errno = 0;
    v = strtol(s, &end, 10);
    if (*end) {
        errno = EINVAL;                 /* junk after the digits */
        return -1;
    }
    if (errno == ERANGE)
        return -1;                      /* does not fit in an int */
    *out = (int)v;
    return 0;
}
