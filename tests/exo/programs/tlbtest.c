// tlbtest.c: the software-TLB mode (kernel/exo/stlb.c, libos/stlb.c).
//
// The program enters the mode, then keeps NPAGES pages in the library's
// OWN page table only (stlb_map: bound to it, never page_map'ed): the
// first touch of each is a miss the kernel hands to the library (an
// upcall); the second pass, after the TLB (64 entries) has forgotten the
// early ones, finds them in the kernel's STLB, without the library.
// Then the bindings the kernel must refuse, and what revocation does to
// an installed entry. Each check prints "ok NAME ... VALUE" (exo_helpers
// checks), and the last line is "tlbtest: PASSED".

#include <stdio.h>
#include "libos.h"
#include "stlb.h"

#define REGION 0x60100000       // the library's own pages (their STLB slots miss the image's)
#define NPAGES 100

static int failed;
static int ppns[NPAGES];
static volatile int faults;     // misses the library table could not answer
static volatile int wfaults;    // writes to a read-only page

static void
check(const char *name, int ok, int value)
{
  printf("%s %s ... %d\n", ok ? "ok" : "FAIL", name, value);
  if (!ok)
    failed = 1;
}

// A miss the table cannot answer, or one the kernel refused: give the
// address a fresh page of ours, so the program goes on.
static void
fresh(struct exoframe *f)
{
  int ppn = libos_freepage();

  faults++;
  stlb_map(f->badaddr & ~4095, ppn, PTE_W);
  exo_tlb_install(f->badaddr & ~4095, ppn, PTE_W);
}

// A write to a page we mapped read-only: make it writable in our table;
// drop the read-only entry from the TLBs; the write misses again.
static void
readonly(struct exoframe *f)
{
  uint va = f->badaddr & ~4095;
  uint pte = stlb_lookup(va);

  wfaults++;
  stlb_map(va, pte >> 12, PTE_W);
  exo_page_unmap(0, va);
}

int
main(void)
{
  volatile int *p;
  int i, r, ok, q;

  check("install_needs_mode", exo_tlb_install(REGION, 0, 0) == -1, exo_tlb_install(REGION, 0, 0));
  check("bad_mode", exo_tlbmode(0, 7) == -22, exo_tlbmode(0, 7));
  r = stlb_init();
  check("mode", r == 0, r);
  printf("tlbtest: upcall at %p\n", libos_upcall);

  for (i = 0; i < NPAGES; i++) {
    ppns[i] = libos_freepage();
    stlb_map(REGION + i * 4096, ppns[i], PTE_W);
  }
  // pass 1: every page is new to the kernel: one upcall each
  for (i = 0; i < NPAGES; i++)
    *(volatile int *)(REGION + i * 4096) = i * 7;
  check("upcalls_first_pass", stlb_upcalls == NPAGES, stlb_upcalls);
  // pass 2: the TLB holds 64 entries; the others come from the STLB
  ok = 1;
  for (i = 0; i < NPAGES; i++) {
    if (*(volatile int *)(REGION + i * 4096) != i * 7)
      ok = 0;
  }
  check("values", ok, ok);
  check("upcalls_second_pass", stlb_upcalls == NPAGES, stlb_upcalls);
  printf("tlbtest: pass 2 done\n");

  // bindings the kernel refuses
  q = libos_freepage();
  exo_page_free(q);
  r = exo_tlb_install(REGION + NPAGES * 4096, q, PTE_W);
  check("refuse_not_owned", r == -13, r);
  r = exo_tlb_install(REGION + NPAGES * 4096, 20, 0);      // a kernel page
  check("refuse_kernel", r == -13, r);
  r = exo_tlb_install(USER_BASE, ppns[0], 0);             // the kernel maps it (page_map)
  check("refuse_pagetable_va", r == -17, r);
  r = exo_tlb_install(UINFO, ppns[0], 0);
  check("refuse_info", r == -22, r);
  r = exo_tlb_install(REGION + NPAGES * 4096, ppns[1], PTE_W | 0x20);   // a bit it may not set
  check("refuse_bits", r == -22, r);

  // revocation reaches the TLB: a page given back is unreachable at once
  stlb_set_fault(fresh);
  p = (volatile int *)REGION;
  exo_page_free(ppns[0]);
  r = *p;                       // a fresh page now: the old binding was refused
  check("freed_page_refused", faults == 1 && stlb_refused == -13 && r == 0, stlb_refused);
  stlb_unmap(REGION + 4096);
  r = *(volatile int *)(REGION + 4096);
  check("unmap_forgets", faults == 2 && stlb_refused == 0 && r == 0, faults);

  // an exception in the mode: a write to a page mapped read-only
  libos_set_handler(T_PAGEFAULT, readonly);
  stlb_map(REGION + 2 * 4096, ppns[2], 0);
  exo_page_unmap(0, REGION + 2 * 4096);
  r = *(volatile int *)(REGION + 2 * 4096);
  *(volatile int *)(REGION + 2 * 4096) = 5;
  check("readonly_fault", wfaults == 1 && r == 14 && *(volatile int *)(REGION + 2 * 4096) == 5,
        wfaults);

  printf("tlbtest: %s\n", failed ? "FAILED" : "PASSED");
  return failed;
}
