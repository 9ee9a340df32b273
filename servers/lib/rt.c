// rt.c: the few machine-facing functions the C runtime needs, for
// servers (before there is a console driver or a process manager):
// output goes to the kernel's debugging console (SYS_putc), and exit
// ends the calling thread.

#include <stdio.h>
#include <stdlib.h>
#include "mk.h"

int
putchar(int c)
{
  debug_putc(c & 0xFF);
  return c & 0xFF;
}

void
exit(int status)
{
  for (;;)
    thread_exit(status);
}

// malloc's memory (lang/runtime/malloc.c asks __morecore): a fixed arena
// in the server's own data, until servers get heap pages from a pager.
#define ARENA 32768
static char arena[ARENA];
static unsigned int arena_used;

void *
__morecore(unsigned int n)
{
  void *p;

  n = (n + 7) & ~7u;
  if (n > ARENA - arena_used)
    return 0;
  p = arena + arena_used;
  arena_used += n;
  return p;
}
