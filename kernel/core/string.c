// string.c: memory and string helpers for the kernel.
//
// memset and memmove use the machine's block instructions (bfill and
// bcopy), which move a whole range in one instruction.

#include "types.h"
#include "defs.h"

void *
memset(void *dst, int c, uint n)
{
  if (n > 0)
    asm volatile("bfill %0, %1, %2" : : "r"(dst), "r"(c), "r"(n) : "memory");
  return dst;
}

// Copy n bytes; the ranges may overlap.
void *
memmove(void *dst, const void *src, uint n)
{
  if (n > 0)
    asm volatile("bcopy %0, %1, %2" : : "r"(dst), "r"(src), "r"(n) : "memory");
  return dst;
}

void *
memcpy(void *dst, const void *src, uint n)
{
  return memmove(dst, src, n);
}

int
memcmp(const void *a, const void *b, uint n)
{
  const uchar *p = a;
  const uchar *q = b;

  while (n-- > 0) {
    if (*p != *q)
      return *p - *q;
    p++;
    q++;
  }
  return 0;
}

int
strlen(const char *s)
{
  int n = 0;

  while (s[n])
    n++;
  return n;
}

int
strncmp(const char *p, const char *q, uint n)
{
  while (n > 0 && *p && *p == *q) {
    n--;
    p++;
    q++;
  }
  if (n == 0)
    return 0;
  return (uchar)*p - (uchar)*q;
}

// Copy at most n bytes; like the C library's, the result may lack a 0.
char *
strncpy(char *s, const char *t, int n)
{
  char *start = s;

  while (n > 0 && *t) {
    *s++ = *t++;
    n--;
  }
  while (n > 0) {
    *s++ = 0;
    n--;
  }
  return start;
}

// Like strncpy, but the result always ends with a 0 (n > 0).
char *
safestrcpy(char *s, const char *t, int n)
{
  char *start = s;

  if (n <= 0)
    return start;
  while (--n > 0 && *t)
    *s++ = *t++;
  *s = 0;
  return start;
}
