// stlb.c: the library's side of the software TLB (kernel/exo/stlb.c).
//
// An env that opts into the software-TLB mode (stlb_init) keeps its own
// page table, in its own memory, in the format it likes: here, a hash
// table of (virtual page -> physical page and rights), open addressing,
// LPT_SIZE entries. The kernel never reads it. When a translation is in
// neither the TLB, nor the kernel's STLB, nor the env's kernel page table
// (page_map), the kernel upcalls with cause T_TLBMISS; stlb_miss walks
// this table and asks the kernel for the entry (exo_tlb_install), which
// the kernel grants only if the page is bound to us (or shared with us
// with those rights). The faulting instruction then runs again.
//
// What must never need this handler is mapped through the kernel's page
// table instead (page_map): the library's code, its stack and exception
// stack, and this table itself (in the image's bss). Otherwise a miss in
// the miss handler would need the miss handler.
//
// A miss on a page the table does not hold, or one the kernel refuses,
// goes to the handler the program set with stlb_set_fault (or kills the
// env): f->cause is T_TLBMISS, and stlb_refused says why it failed.

#include <stdio.h>
#include "stlb.h"

#define LPT_SIZE 1024                  // entries, a power of two

struct lpte {
  uint vpn;                            // 0: empty (user pages have vpn >= 0x40000)
  uint pte;                            // ppn << 12 | rights (PTE_W, PTE_X)
};

static struct lpte lpt[LPT_SIZE];
static exo_handler onfault;
uint stlb_upcalls;                     // misses this handler answered
int stlb_refused;                      // the kernel's answer to the last refused install

int
exo_tlbmode(int env, int mode)
{
  asm volatile("li t0, %2\n syscall" : "+r"(env) : "r"(mode), "i"(EXO_tlbmode));
  return env;
}

int
exo_tlb_install(uint va, uint ppn, uint perm)
{
  asm volatile("li t0, %3\n syscall" : "+r"(va) : "r"(ppn), "r"(perm), "i"(EXO_tlb_install));
  return va;
}

// The slot holding vpn, or the empty one where it would go.
static struct lpte *
slot(uint vpn)
{
  uint i = (vpn * 2654435761u) >> 22;  // Fibonacci hashing: 10 bits
  uint n;

  for (n = 0; n < LPT_SIZE; n++) {
    struct lpte *p = &lpt[(i + n) & (LPT_SIZE - 1)];
    if (p->vpn == vpn || p->vpn == 0)
      return p;
  }
  return 0;
}

// Record va -> ppn with perm in our table (no system call: it is ours).
int
stlb_map(uint va, uint ppn, uint perm)
{
  struct lpte *p = slot(va >> 12);

  if (p == 0)
    return -1;
  p->vpn = va >> 12;
  p->pte = ppn << 12 | (perm & (PTE_W | PTE_X));
  return 0;
}

// Our translation of va: ppn << 12 | perm, or 0.
uint
stlb_lookup(uint va)
{
  struct lpte *p = slot(va >> 12);

  return p && p->vpn == va >> 12 ? p->pte : 0;
}

// Forget va: out of our table, and out of the kernel's STLB and the TLB
// (exo_page_unmap drops the software-TLB entry too). (A removed slot is
// marked with an impossible vpn, so later probes go past it.)
int
stlb_unmap(uint va)
{
  struct lpte *p = slot(va >> 12);

  if (p == 0 || p->vpn != va >> 12)
    return -1;
  p->vpn = 1;
  p->pte = 0;
  return exo_page_unmap(0, va & ~4095);
}

// The T_TLBMISS upcall: walk our table, ask the kernel for the entry.
static void
stlb_miss(struct exoframe *f)
{
  uint pte = stlb_lookup(f->badaddr);
  int r;

  if (pte != 0) {
    r = exo_tlb_install(f->badaddr & ~4095, pte >> 12, pte & 4095);
    if (r == 0) {
      stlb_upcalls++;
      return;                          // resume: the instruction runs again
    }
    stlb_refused = r;
  } else {
    stlb_refused = 0;
  }
  if (onfault) {
    onfault(f);
    return;
  }
  printf("env %d: no translation for %p (pc %p): %d\n", libos_getenvid(), f->badaddr, f->epc,
         stlb_refused);
  libos_exit(-1);
}

// What runs for a miss this table cannot answer (0: the env dies).
void
stlb_set_fault(exo_handler h)
{
  onfault = h;
}

// Enter the software-TLB mode: from now on this table is consulted.
int
stlb_init(void)
{
  libos_set_handler(T_TLBMISS, stlb_miss);
  return exo_tlbmode(0, EXO_TLB_SOFT);
}
