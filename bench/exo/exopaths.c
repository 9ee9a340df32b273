// exopaths.c: the exokernel's kernel paths, each taken a few times, for
// `minos bench`'s exo rows (shell/perf/exo_paths.py measures them from
// the machine's hooks: from each trap to the next user instruction).
//
//   - exceptions to the library's handler (a breakpoint the handler skips);
//   - the null system call (EXO_getenvid) and its exposed-page twin;
//   - binding and mapping a page (EXO_page_alloc, EXO_page_map);
//   - protected control transfers between two envs (ping-pong);
//   - in the software-TLB mode: misses the library answers from its own
//     page table (the first touch of each page), and misses the kernel's
//     STLB answers (the second pass, after the TLB forgot them).
// It prints "exopaths: upcall at ADDR" (where exceptions arrive) and
// "exopaths: done" at the end.

#include <stdio.h>
#include "libos.h"
#include "stlb.h"

#define ROUNDS 5
#define OWN 0x50000000          // pages bound and mapped through the kernel
#define REGION 0x60100000       // the library's own pages (software-TLB mode)
#define NPAGES 80               // more than the TLB's 64 entries

static void
skip(struct exoframe *f)
{
  f->epc += 8;                  // past the brk
}

int
main(void)
{
  int i, child, ppn, sender;
  uint words[3];

  printf("exopaths: upcall at %p\n", libos_upcall);
  libos_set_handler(T_BREAKPOINT, skip);
  for (i = 0; i < ROUNDS; i++)
    asm volatile("brk");
  for (i = 0; i < ROUNDS; i++)
    exo_getenvid();
  for (i = 0; i < ROUNDS; i++) {
    ppn = libos_freepage();                     // EXO_page_alloc
    exo_page_map(0, OWN + i * 4096, ppn, PTE_W);
  }

  // ping-pong: each pct runs the other env at once
  child = libos_dumbfork();
  if (child == 0) {
    sender = exo_recv(words);
    for (;;)
      sender = exo_pct(sender, 0, 0, 0);
  }
  while (exo_pct(child, 0, 0, 0) == -11)
    exo_yield();
  for (i = 0; i < ROUNDS; i++)
    exo_pct(child, i, 0, 0);

  // the software-TLB mode
  stlb_init();
  for (i = 0; i < NPAGES; i++)
    stlb_map(REGION + i * 4096, libos_freepage(), PTE_W);
  for (i = 0; i < NPAGES; i++)
    *(volatile int *)(REGION + i * 4096) = i;   // the library is asked
  for (i = 0; i < NPAGES; i++)
    (void)*(volatile int *)(REGION + i * 4096);  // the STLB answers the early ones
  printf("exopaths: done\n");
  return 0;
}
