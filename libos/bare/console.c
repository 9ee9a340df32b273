// console.c: a bare program's console output, and its end. putchar()
// (the runtime's printf writes through it) buffers a line; a full line,
// a full buffer or libos_flush() writes it with one EXO_cputs call.

#include <stdio.h>
#include "libos.h"

static char line[128];
static uint n;

void
libos_flush(void)
{
  if (n > 0)
    exo_cputs(line, n);
  n = 0;
}

int
putchar(int c)
{
  line[n++] = c;
  if (c == '\n' || n == sizeof(line))
    libos_flush();
  return (unsigned char)c;
}

void
libos_exit(int status)
{
  libos_flush();
  exo_exit(status);
}
