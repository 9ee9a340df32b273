// heap.c: a bare program's heap and fork (libos/bare; a Unix program has
// libc's, over libos/unix).
//
// The heap: __morecore (malloc's source, lang/runtime/malloc.c) maps
// pages above the image that the library binds itself.
//
// fork, the simplest way (JOS's dumbfork): exofork an empty child, then
// for every page the parent has mapped (its image, its stack, its
// exception stack, its heap and the pages it mapped itself), bind a fresh
// page, copy into it through a scratch mapping, and map it into the child
// at the same address (the page is the child's once shared with it).
// libos/unix's fork shares the pages copy-on-write instead.

#include <stdio.h>
#include <string.h>
#include "libos.h"

extern char _end[];                  // the linker's: the end of the image
static uint brk;                     // the heap: [_end, brk), pages mapped as it grows

// malloc's source of memory (lang/runtime/malloc.c): n more bytes above
// the image, in pages the library binds and maps itself. NULL if none.
void *
__morecore(uint n)
{
  uint old, va;

  if (brk == 0)
    brk = ((uint)_end + 7) & ~7;
  old = brk;
  if (n > UINFO - brk)
    return 0;
  for (va = (brk + 4095) & ~4095; va < brk + n; va += 4096)
    if (libos_alloc_map(va, PTE_W) < 0)
      return 0;
  brk += (n + 7) & ~7;
  return (void *)old;
}
#define USTACKLOW (0xEFFFF000 - 16 * 4096)   // the lowest stack page libos copies

// Copy our page at va (mapped with pte) into child env c.
static int
copypage(int c, uint va, uint pte)
{
  int ppn = libos_freepage();
  uint perm = pte & (PTE_W | PTE_X);

  if (ppn < 0 || exo_page_map(0, LIBOS_SCRATCH, ppn, PTE_W) < 0)
    return -1;
  memcpy((char *)LIBOS_SCRATCH, (char *)va, 4096);
  exo_page_unmap(0, LIBOS_SCRATCH);
  if (exo_page_share(ppn, c, perm) < 0 || exo_page_map(c, va, ppn, perm) < 0)
    return -1;
  return 0;
}

// Copy every mapped page of [lo, hi) into child c.
static int
copyrange(int c, uint lo, uint hi)
{
  uint va, pte;

  for (va = lo; va < hi; va += 4096) {
    pte = libos_pte(va);
    if ((pte & PTE_P) && copypage(c, va, pte) < 0)
      return -1;
  }
  return 0;
}

// Also copied: the pages a program mapped in [UOWNLOW, UOWNHIGH)
// (the test programs' own region).
#define UOWNLOW  0x50000000
#define UOWNHIGH 0x50010000

// dumbfork up to the start: the child is filled and has our upcall, but
// has not run, so the caller may still set it up (EXO_disk_grant,
// EXO_tlbmode) before it starts it with exo_env_run.
int
libos_dumbfork_stopped(void)
{
  int c;

  libos_flush();
  c = exo_exofork();
  if (c == 0)
    libos_findenv();             // the child: its own slot
  if (c <= 0)
    return c;                  // the child (0), or an error
  if (copyrange(c, USER_BASE, ((brk ? brk : (uint)_end) + 4095) & ~4095) < 0
      || copyrange(c, UOWNLOW, UOWNHIGH) < 0
      || copyrange(c, USTACKLOW, UXSTACKTOP) < 0
      || exo_set_upcall(c, libos_upcall) < 0)
    return -1;
  return c;
}

int
libos_dumbfork(void)
{
  int c = libos_dumbfork_stopped();

  if (c > 0 && exo_env_run(c) < 0)
    return -1;
  return c;
}

// The pages dumbfork bound for children stay ours (the kernel binds a
// page to the env that allocated it; a child only maps it): when the
// children have ended, they are ours and mapped nowhere. Give every such
// page back (EXO_page_free refuses a page still mapped somewhere, ours
// included, so trying them all is safe). Returns how many came back.
int
libos_reclaim(void)
{
  uint ppn;
  int n = 0;
  int me = thisenv - exoinfo->envs + 1;     // our owner-table value

  for (ppn = 0; ppn < exoinfo->npages; ppn++)
    if (exoowner[ppn] == me && exo_page_free(ppn) == 0)
      n++;
  return n;
}

// The C library's abort (malloc calls it on a corrupt heap).
void
abort(void)
{
  printf("env %d: abort\n", exo_getenvid());
  libos_exit(134);
}
