/* string.c: memory blocks and NUL-terminated strings. Plain byte loops,
 * easy to read and to step through in the debugger, except for the block
 * copy and fill below. */
#include <string.h>
#include <stdlib.h>

/* memcpy, memmove and memset are the hot spots of most programs (and of a
 * kernel copying pages). On the minos machine the bcopy and bfill
 * instructions do the whole block in one instruction, at 4 bytes a cycle;
 * elsewhere (the runtime's host tests) the plain loops below do the same. */

void *memcpy(void *dst, const void *src, size_t n)
{
    return memmove(dst, src, n);
}

/* Like memcpy, but the blocks may overlap: copy backwards when the
 * destination starts inside the source. */
void *memmove(void *dst, const void *src, size_t n)
{
#ifdef __minos__
    asm volatile ("bcopy %0, %1, %2" : : "r"(dst), "r"(src), "r"(n) : "memory");
#else
    char *d = dst;
    const char *s = src;
    if (d < s || d >= s + n) {
        while (n--)
            *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--)
            *--d = *--s;
    }
#endif
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
#ifdef __minos__
    asm volatile ("bfill %0, %1, %2" : : "r"(dst), "r"(c), "r"(n) : "memory");
#else
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)c;
#endif
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a;
    const unsigned char *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n; n--, p++)
        if (*p == (unsigned char)c)
            return (void *)p;
    return NULL;
}

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

char *strcpy(char *dst, const char *src)
{
    char *d = dst;
    while ((*d++ = *src++) != 0)
        ;
    return dst;
}

/* Copies at most n bytes and pads with NULs up to n; the result is not
 * terminated when src has n or more characters (as the standard says). */
char *strncpy(char *dst, const char *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = 0;
    return dst;
}

char *strcat(char *dst, const char *src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

/* Appends at most n characters of src, and always a terminating NUL. */
char *strncat(char *dst, const char *src, size_t n)
{
    char *d = dst + strlen(dst);
    while (n-- && *src)
        *d++ = *src++;
    *d = 0;
    return dst;
}

/* Compares as unsigned char, as the standard requires. */
int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (*a == 0)
            return 0;
    }
    return 0;
}

/* strchr(s, 0) finds the terminating NUL. */
char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (*s == 0)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *found = NULL;
    for (;; s++) {
        if (*s == (char)c)
            found = s;
        if (*s == 0)
            return (char *)found;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return (char *)haystack;
    for (; *haystack; haystack++)
        if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    return NULL;
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;
    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;
    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

/* Splits a string into tokens separated by characters of delim. The first
 * call passes the string, later calls NULL to continue where the last one
 * stopped. It writes NULs into the string and remembers its place in a
 * static variable, so only one string can be split at a time. */
char *strtok(char *s, const char *delim)
{
    static char *rest;
    char *token;
    if (s == NULL)
        s = rest;
    if (s == NULL)
        return NULL;
    s += strspn(s, delim);
    if (*s == 0) {
        rest = NULL;
        return NULL;
    }
    token = s;
    s += strcspn(s, delim);
    if (*s) {
        *s = 0;
        rest = s + 1;
    } else {
        rest = NULL;
    }
    return token;
}
