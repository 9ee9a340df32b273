// revoketest.c: visible revocation and the abort protocol (issue 16, B).
// Three phases; before each the program prints "phase N ready ..." and
// waits: the test then sets the kernel's revocation knob (exo_revoke).
//   1 cooperative: the library gives back the pages asked for;
//   2 ignoring:    it does nothing, so the kernel repossesses by force;
//                  touching a repossessed page reaches the fault handler;
//   3 wrong page:  asked for one particular page, it frees another; the
//                  kernel takes the one it asked for;
//   4 the exception stack taken: the env dies of its next exception.

#include <stdio.h>
#include "libos.h"

#define SPARE 0x50000000        // NSPARE pages the library can give up
#define NSPARE 6

static int mode;                // the phase: how the library answers
static int spare[NSPARE];       // their page numbers (0: given back)
static volatile int asked;      // revocation upcalls seen
static volatile int touched;    // faults on repossessed pages

static int myslot(void) { return (exo_getenvid() - 1) % EXO_NENV; }

static int
giveback(int k)
{
  exo_page_unmap(0, SPARE + k * 4096);
  if (exo_page_free(spare[k]) < 0)
    return -1;
  printf("library: gave back page %d\n", spare[k]);
  spare[k] = 0;
  return 0;
}

// The kernel asks: f->badaddr pages, f->access the page it wants (-1: any).
static void
revoke(struct exoframe *f)
{
  int k, n = f->badaddr, want = f->access;

  asked++;
  printf("library: asked for %d page(s), page %d\n", n, want);
  if (mode == 1) {
    for (k = 0; k < NSPARE && n > 0; k++)
      if (spare[k] && giveback(k) == 0)
        n--;
  } else if (mode == 3) {
    for (k = 0; k < NSPARE; k++)
      if (spare[k] && spare[k] != want) {
        giveback(k);    // the wrong one
        break;
      }
  }
  // mode 2: ignore the request
  libos_flush();
}

// A fault on a spare page: the kernel must have repossessed it; the
// repossession vector says which page it was. Map a fresh one.
static void
pagefault(struct exoframe *f)
{
  volatile struct exoenvinfo *ei = &exoinfo->envs[myslot()];
  int k = (f->badaddr - SPARE) / 4096, i;

  if (f->badaddr < SPARE || k >= NSPARE) {
    printf("unexpected fault at %p\n", f->badaddr);
    libos_exit(1);
  }
  for (i = 0; i < ei->nrepo && i < EXO_NREPO; i++)
    if (ei->repo[i] == spare[k])
      printf("library: page %d at %p was repossessed\n", spare[k], f->badaddr);
  touched++;
  spare[k] = libos_alloc_map(f->badaddr & ~4095, PTE_W);
}

static void
waitfor(volatile int *what, int value)
{
  while (*what < value)
    ;
}

int
main(void)
{
  volatile struct exoenvinfo *ei = &exoinfo->envs[myslot()];
  volatile int *p;
  int k, held;

  libos_set_handler(EXO_REVOKE, revoke);
  libos_set_handler(T_PAGEFAULT, pagefault);
  for (k = 0; k < NSPARE; k++) {
    spare[k] = libos_alloc_map(SPARE + k * 4096, PTE_W);
    *(volatile int *)(SPARE + k * 4096) = k;
  }

  mode = 1;
  printf("phase 1 ready env %d\n", exo_getenvid());
  libos_flush();
  waitfor(&asked, 1);
  held = 0;
  for (k = 0; k < NSPARE; k++)
    held += spare[k] != 0;
  printf("phase 1 done: %d spare pages left, repossessed %d\n", held, ei->nrepo);

  mode = 2;
  printf("phase 2 ready env %d\n", exo_getenvid());
  libos_flush();
  while (ei->nrepo < 1)
    ;
  printf("phase 2 repossessed %d page(s), last %d\n", ei->nrepo, ei->repo[(ei->nrepo - 1) % EXO_NREPO]);
  for (k = 0; k < NSPARE; k++) {
    p = (volatile int *)(SPARE + k * 4096);
    if (spare[k] && *p != k && *p != 0)
      printf("FAIL page %d holds %d\n", k, *p);
  }
  printf("phase 2 done: %d fault(s) on repossessed pages\n", touched);

  mode = 3;
  for (k = NSPARE - 1; k >= 0 && spare[k] == 0; k--)
    ;
  printf("phase 3 ready env %d page %d\n", exo_getenvid(), spare[k]);
  libos_flush();
  held = ei->nrepo;
  while (ei->nrepo == held)
    ;
  printf("phase 3 done: repossessed %d (asked for %d)\n", ei->repo[held % EXO_NREPO], spare[k]);

  // 4: the kernel takes the exception stack itself. Then the env has no
  // upcall any more, and dies of its next exception (not the kernel).
  mode = 2;
  printf("phase 4 ready env %d page %d\n", exo_getenvid(), exo_pte(0, UXSTACKTOP - 4096) >> 12);
  libos_flush();
  held = ei->nrepo;
  while (ei->nrepo == held)
    ;
  printf("phase 4: exception stack repossessed; a breakpoint now\n");
  libos_flush();
  asm volatile("brk");
  printf("FAIL phase 4: the breakpoint returned\n");
  return 0;
}
