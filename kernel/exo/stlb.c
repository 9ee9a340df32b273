// stlb.c: the software TLB — an environment that manages its own
// translations (Aegis's software-refill mode and its STLB).
//
// An env chooses its mode (tlbmode, EXO_tlbmode): EXO_TLB_PAGETABLE,
// the default, where the machine walks the env's page table (written by
// the kernel in page_map, page.c), or EXO_TLB_SOFT, where the env runs
// with the machine's SWTLB bit set: the machine walks nothing and every
// TLB miss traps. A miss is then answered, in order, by
//   1. the STLB: a direct-mapped cache, in the kernel, of translations
//      the kernel has already checked (stlb[], NSTLB entries, tagged
//      asid << 20 | vpn). swtlb.S looks there first, in assembly, and
//      writes the entry with tlbwr: no C, no trap frame (29 instructions);
//   2. the env's page table, for the pages the library mapped through the
//      kernel (page_map: its code, stack and exception stack, which must
//      never need the library to be reached) — stlbmiss, in C;
//   3. the library: an upcall with cause T_TLBMISS (env.c upcall). Its
//      handler (libos/stlb.c) walks the library's OWN page table, whose
//      format is the library's business, and asks for the entry with
//      EXO_tlb_install (tlb_install, page.c). The kernel checks the secure
//      binding (the page is the env's, or shared with it with those
//      rights), caches the entry here and writes it.
//
// Revocation must reach the TLBs: an entry in the STLB names a page the
// env held when it was installed. Whenever a binding goes (page_free,
// repossess, the owner's death) or a mapping changes (page_map,
// page_unmap), the STLB entries concerned go (stlbforget*) and the env's
// TLB entries with them (core's asidstale).
//
// The way into and out of ring 3 in this mode is swtlb.S; swtlbexit()
// below arranges the way out for every return to user mode.
//
// Invariants (envlock for the tables): a slot is empty iff tag == 0 (user
// addresses have vpn >= 0x40000, so no real tag is 0); every non-empty
// slot holds a PTE with PTE_P and ring 3 naming a page the env with that
// asid held (or was shared) when it was written; stlbused[ppn] is set
// while an STLB or TLB entry may name ppn.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "exo.h"

// The STLB; swtlb.S reads it too (its slot function is stlbslot's).
struct stlbent stlb[NSTLB];
static uchar stlbused[EXO_MAXPPN];

// The global TLB entry of swtlb.S's page, written on every way out
// (swtlb.S), and the statistics the tests and `minos bench` read.
uint exoswpte;
struct stlbstats stlbstats;

extern char exoswvectors[];       // swtlb.S
extern char exo_swexit[];

void
stlbinit(void)
{
  exoswpte = PGROUNDDOWN((uint)exoswvectors) | PTE_P | PTE_X | PTE_G | PTE_A;
}

static uint
stlbtag(uint asid, uint va)
{
  return asid << 20 | va >> 12;
}

// Which slot a tag goes in (swtlb.S computes the same: keep them equal).
static struct stlbent *
stlbslot(uint tag)
{
  return &stlb[(tag ^ (tag >> 17)) & (NSTLB - 1)];
}

static void
tlbwr(uint va, uint pte)
{
  asm volatile("tlbwr %0, %1" : : "r"(va), "r"(pte));
}

// Cache a checked translation of va for the running env and write it
// into this core's TLB. Caller holds envlock.
void
stlbfill(uint va, uint pte)
{
  struct stlbent *s;
  uint tag = stlbtag(r_asid(), va);

  pte |= PTE_A | PTE_D;            // nothing for a walker to set: there is none
  s = stlbslot(tag);
  s->tag = tag;
  s->pte = pte;
  stlbused[pte / PGSIZE] = 1;
  tlbwr(va, pte);
}

// Forget e's translation of va (its mapping there changed). Caller holds
// envlock; the caller also makes e's TLB entries stale (asidstale).
void
stlbforget(struct env *e, uint va)
{
  struct stlbent *s;
  uint tag;

  if (e->tlbmode != EXO_TLB_SOFT)
    return;
  tag = stlbtag(e->t->as->asid, va);
  s = stlbslot(tag);
  if (s->tag == tag)
    s->tag = 0;
}

// Forget every translation of e (it died, or changed its mode).
void
stlbforgetenv(struct env *e)
{
  struct stlbent *s;
  uint asid = e->t->as->asid;

  for (s = stlb; s < &stlb[NSTLB]; s++)
    if (s->tag != 0 && s->tag >> 20 == asid)
      s->tag = 0;
  asidstale(asid);
}

// Page ppn is no longer bound as it was (freed, repossessed, its owner
// died): no STLB or TLB entry may name it any more. Caller holds envlock.
void
stlbforgetpage(uint ppn)
{
  struct stlbent *s;
  struct env *e;

  if (ppn >= EXO_MAXPPN || !stlbused[ppn])
    return;
  for (s = stlb; s < &stlb[NSTLB]; s++)
    if (s->tag != 0 && s->pte / PGSIZE == ppn)
      s->tag = 0;
  // An entry the STLB has since dropped may still be in a TLB: every
  // env of this mode forgets its TLB entries (rare: a page freed after
  // it was installed).
  for (e = envs; e < &envs[EXO_NENV]; e++)
    if (e->id != 0 && e->tlbmode == EXO_TLB_SOFT && e->t && e->t->as)
      asidstale(e->t->as->asid);
  stlbused[ppn] = 0;
}

// EXO_tlbmode: env id (the caller, or its child not yet run) takes mode.
int
tlbmode(int id, int mode)
{
  struct env *e;
  int r = 0;

  if (mode != EXO_TLB_PAGETABLE && mode != EXO_TLB_SOFT)
    return -EINVAL;
  acquire(&envlock);
  e = envlookup(id);
  if (e == 0)
    r = -ESRCH;
  else if (e != myenv() && (e->parent != myenv()->id || *e->status != ENV_NOT_RUNNABLE))
    r = -EPERM;
  else if (e->tlbmode != mode) {
    stlbforgetenv(e);
    e->tlbmode = mode;
  }
  release(&envlock);
  return r;
}

// A TLB miss the STLB did not answer (swtlb.S went on to core's path,
// which calls personality_fault). 0: answered or handed to the library
// (the faulting instruction runs again, or the upcall runs); -1: the env
// has no way to handle it.
int
stlbmiss(struct thread *t, struct trapframe *tf)
{
  uint va = tf->badaddr;
  pte_t *pte;

  acquire(&envlock);
  pte = va >= USER_BASE && va < USERTOP ? walk(t->as->pagetable, va, 0) : 0;
  if (pte && (*pte & PTE_P) && PTE_RING(*pte) == 3) {
    stlbstats.pagetable++;
    stlbfill(va, *pte);
    release(&envlock);
    return 0;
  }
  release(&envlock);
  if (va < USER_BASE || va >= USERTOP)
    return upcall(t, T_PAGEFAULT, va, tf->access);   // the kernel's or nothing: a fault
  stlbstats.upcalls++;
  return upcall(t, T_TLBMISS, va, tf->access);
}

// The way back to ring 3 of an env in the software-TLB mode goes through
// swtlb.S's exo_swexit, which sets SWTLB as its last act: core's trapret
// irets to it in ring 0 instead of to the user, and it finds where the
// user goes in the frame's badaddr and access words (dead on the way
// out). Called last on every path back to ring 3 (syscall, a fault, the
// timer, a new thread's start), with interrupts off or before trapret.
void
swtlbexit(struct thread *t)
{
  struct trapframe *tf = t->tf;
  struct env *e = t->owner;

  if (e == 0 || e->tlbmode != EXO_TLB_SOFT || STATUS_RING(tf->estatus) != 3)
    return;
  tf->badaddr = tf->epc;
  tf->access = tf->estatus;
  tf->epc = (uint)exo_swexit;
  tf->estatus = 0;                 // ring 0, interrupts off
}
