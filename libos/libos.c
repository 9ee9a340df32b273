// libos.c: the minimal library OS's management of memory and exceptions.
//
// Memory: the library chooses which physical pages it uses. It reads the
// exposed owner table (UINFO + 4096) for a free page number, asks the
// kernel to bind it (exo_page_alloc: another env may have taken it
// meanwhile, then it tries the next), and maps it (exo_page_map).
//
// fork, the simplest way (JOS's dumbfork): exofork an empty child, then
// for every page the parent has mapped (its image, its stack, its
// exception stack, its heap and the pages it mapped itself), bind a fresh page,
// copy into it through a scratch mapping, and map it into the child
// at the same address (the page is the child's once shared with it).
// User-level copy-on-write (the libos lab) replaces the copying.
//
// Exceptions: libos_init maps the exception stack (the page below
// UXSTACKTOP) and names libos_upcall (entry.S) as the env's upcall; the
// upcall calls libos_exception(frame), which runs the handler set for
// the frame's cause. With none, the env prints what happened and exits.

#include <stdio.h>
#include <string.h>
#include "libos.h"

volatile struct exoenvinfo *thisenv;  // our entry in the exposed env table
static exo_handler handlers[EXO_REVOKE + 1];   // by cause: T_ILLEGAL .. T_BREAKPOINT, EXO_REVOKE
static uint nextppn;                 // where the search for a free page resumes

int
libos_freepage(void)
{
  uint i, ppn, n = exoinfo->npages;

  for (i = 0; i < n; i++) {
    ppn = (nextppn + i) % n;
    if (exoowner[ppn] == EXO_OWNER_FREE && exo_page_alloc(ppn) == 0) {
      nextppn = ppn + 1;
      return ppn;
    }
  }
  return -1;
}

int
libos_alloc_map(uint va, uint perm)
{
  int ppn = libos_freepage();

  if (ppn < 0)
    return -1;
  if (exo_page_map(0, va, ppn, perm) < 0) {
    exo_page_free(ppn);
    return -1;
  }
  return ppn;
}

// Our id, read from the exposed env table: no system call (the one
// EXO_getenvid that finds our slot is made once, at start and in a
// child of libos_dumbfork).
int
libos_getenvid(void)
{
  return thisenv->id;
}

static void
findthisenv(void)
{
  thisenv = &exoinfo->envs[(exo_getenvid() - 1) % EXO_NENV];
}

void
libos_init(void)
{
  findthisenv();
  if (libos_alloc_map(UXSTACKTOP - 4096, PTE_W) < 0) {
    exo_cputs("libos: no page for the exception stack\n", 39);
    exo_exit(1);
  }
  exo_set_upcall(0, libos_upcall);
}

void
libos_set_handler(uint cause, exo_handler h)
{
  if (cause <= EXO_REVOKE)
    handlers[cause] = h;
}

void
libos_exception(struct exoframe *f)
{
  if (f->cause <= EXO_REVOKE && handlers[f->cause]) {
    handlers[f->cause](f);
    return;
  }
  printf("env %d: unhandled exception %d at pc %p (address %p)\n",
         exo_getenvid(), f->cause, f->epc, f->badaddr);
  libos_flush();
  exo_exit(-1);
}

void
libos_exit(int status)
{
  libos_flush();
  exo_exit(status);
}

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
#define SCRATCH 0xDFFFF000           // a free address to copy pages through
#define USTACKLOW (0xEFFFF000 - 16 * 4096)   // the lowest stack page libos copies

// Copy our page at va (mapped with pte) into child env c.
static int
copypage(int c, uint va, uint pte)
{
  int ppn = libos_freepage();
  uint perm = pte & (PTE_W | PTE_X);

  if (ppn < 0 || exo_page_map(0, SCRATCH, ppn, PTE_W) < 0)
    return -1;
  memcpy((char *)SCRATCH, (char *)va, 4096);
  exo_page_unmap(0, SCRATCH);
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
    pte = exo_pte(0, va);
    if ((pte & PTE_P) && copypage(c, va, pte) < 0)
      return -1;
  }
  return 0;
}

// Also copied: the pages a program mapped in [UOWNLOW, UOWNHIGH)
// (the test programs' own region).
#define UOWNLOW  0x50000000
#define UOWNHIGH 0x50010000

int
libos_dumbfork(void)
{
  int c;

  libos_flush();
  c = exo_exofork();
  if (c == 0)
    findthisenv();             // the child: its own slot
  if (c <= 0)
    return c;                  // the child (0), or an error
  if (copyrange(c, USER_BASE, ((brk ? brk : (uint)_end) + 4095) & ~4095) < 0
      || copyrange(c, UOWNLOW, UOWNHIGH) < 0
      || copyrange(c, USTACKLOW, UXSTACKTOP) < 0
      || exo_set_upcall(c, libos_upcall) < 0
      || exo_env_run(c) < 0)
    return -1;
  return c;
}

// The C library's abort (malloc calls it on a corrupt heap).
void
abort(void)
{
  printf("env %d: abort\n", exo_getenvid());
  libos_exit(134);
}
