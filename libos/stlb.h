// stlb.h: the software-TLB mode, the library's side (libos/stlb.c; the
// kernel's is kernel/exo/stlb.c, docs/exo.md explains both).

#ifndef MINOS_LIBOS_STLB_H
#define MINOS_LIBOS_STLB_H

#include "libos.h"

int  exo_tlbmode(int env, int mode);                 // EXO_TLB_PAGETABLE or EXO_TLB_SOFT
int  exo_tlb_install(uint va, uint ppn, uint perm);  // checked like exo_page_map
int  stlb_init(void);                                // enter the mode, with stlb_miss as the handler
int  stlb_map(uint va, uint ppn, uint perm);         // into our own page table (no system call)
uint stlb_lookup(uint va);                           // ppn << 12 | perm, or 0
int  stlb_unmap(uint va);                            // out of our table and the TLBs
void stlb_set_fault(exo_handler h);                  // for a miss we cannot answer
extern uint stlb_upcalls;                            // misses the library answered
extern int stlb_refused;                             // why the last install was refused

#endif // MINOS_LIBOS_STLB_H
