// libos.c: the minimal library OS's management of memory and exceptions.
//
// Memory: the library chooses which physical pages it uses. It reads the
// exposed owner table (UINFO + 4096) for a free page number, asks the
// kernel to bind it (exo_page_alloc: another env may have taken it
// meanwhile, then it tries the next), and maps it (exo_page_map). It
// reads its mappings back from the kernel's read-only view of its page
// table (libos_pte).
//
// Exceptions: libos_init maps the exception stack (the page below
// UXSTACKTOP) and names libos_upcall (entry.S) as the env's upcall; the
// upcall calls libos_exception(frame), which runs the handler set for
// the frame's cause. With none, the env prints what happened and ends
// (libos_exit).
//
// Everything here serves both kinds of program linked with libos: bare
// ones (libos/bare: their start, console, heap and dumbfork) and Unix
// ones (libos/unix, the Unix library OS, under libc).

#include <stdio.h>
#include <string.h>
#include "libos.h"

volatile struct exoenvinfo *thisenv;  // our entry in the exposed env table
static exo_handler handlers[EXO_REVOKE + 1];   // by cause: T_ILLEGAL .. T_BREAKPOINT, EXO_REVOKE
static uint nextppn;
uint *libos_pagehint = &nextppn;     // where the search for a free page resumes (libos/unix
                                     // points it into its shared region)

int
libos_freepage(void)
{
  uint i, ppn, n = exoinfo->npages, start = *libos_pagehint;

  for (i = 0; i < n; i++) {        // (the hint may move meanwhile: it is shared in libos/unix)
    ppn = (start + i) % n;
    if (exoowner[ppn] == EXO_OWNER_FREE && exo_page_alloc(ppn) == 0) {
      *libos_pagehint = ppn + 1;
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

// Our own mapping at va (0 if none), read from the kernel's read-only
// view of our page table (UVPT, exoabi.h): no system call.
uint
libos_pte(uint va)
{
  if ((uvpd[va >> 22] & PTE_P) == 0)
    return 0;
  return uvpt[va >> 12];
}

// Our id, read from the exposed env table: no system call (the one
// EXO_getenvid that finds our slot is made once, at start and in a
// child made by a fork).
int
libos_getenvid(void)
{
  return thisenv->id;
}

void
libos_findenv(void)
{
  thisenv = &exoinfo->envs[(exo_getenvid() - 1) % EXO_NENV];
}

void
libos_init(void)
{
  libos_findenv();
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
  libos_exit(-1);
}
