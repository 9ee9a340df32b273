// page.c: secure bindings for physical memory.
//
// Expose allocation and expose names: an environment asks for a page BY
// ITS PHYSICAL NUMBER (it picks a free one from the exposed owner table),
// and the kernel only records who holds it. Authorization happens once,
// at bind time (page_map checks the binding: the page is the target
// env's, or its owner shared it with the target with at least those
// rights); the hardware then checks every later use through the page
// table entry the kernel wrote (the cheap check at each use).
//
// Invariants (under envlock):
//   - owner[ppn] is EXO_OWNER_FREE, EXO_OWNER_KERNEL, EXO_OWNER_ORPHAN
//     or the slot + 1 of the env holding the page;
//   - nmap[ppn] is the number of user page-table entries naming ppn; a
//     free page has none (page_free refuses a mapped page, and an owner's
//     death leaves a still-mapped page ORPHAN until its last unmap);
//   - every user PTE the kernel writes names a page whose binding allowed
//     it at that moment.
// The pages exo manages start as a pool taken from kalloc at boot; pages
// the loader gave the first env join it when released. They never go
// back to kalloc.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "exo.h"

#define NPOOL 512               // pages taken from kalloc at boot (2 MiB)

struct exoinfo *info;
uchar *owner;
static uchar guest[EXO_MAXPPN];      // slot + 1 of the env it is shared with (0: none)
static uchar guestperm[EXO_MAXPPN];  // what that env may do: PTE_W, PTE_X
static ushort nmap[EXO_MAXPPN];      // user mappings of the page
static uint bindseq[EXO_MAXPPN];     // when it was bound (page_alloc order; 0: by the loader)
static uint nextseq = 1;

// Boot: the two exposed pages and the pool.
void
pageinit(void)
{
  int i;
  char *pa;

  info = kalloc();
  owner = kalloc();
  if (info == 0 || owner == 0)
    panic("pageinit: no memory");
  info->npages = r_memsize() / PGSIZE;
  for (i = 0; i < EXO_MAXPPN; i++)
    owner[i] = EXO_OWNER_KERNEL;
  for (i = 0; i < NPOOL; i++) {
    if ((pa = kalloc()) == 0)
      break;
    owner[(uint)pa / PGSIZE] = EXO_OWNER_FREE;
    info->nfree++;
  }
}

// The read-only view of page table pdx of pd at UVPT + pdx * PGSIZE
// (exoabi.h), if pd has that page table and the view is missing.
// 0, or -ENOMEM.
static int
viewpt(pagetable_t pd, uint pdx)
{
  pte_t *v;

  if ((pd[pdx] & PTE_P) == 0 || pdx == PDX(UVPT))
    return 0;
  if ((v = walk(pd, UVPT + pdx * PGSIZE, 1)) == 0)
    return -ENOMEM;
  if ((*v & PTE_P) == 0)
    *v = PTE_ADDR(pd[pdx]) | PTE_U | PTE_P;
  return 0;
}

// Map the exposed pages, read-only, at UINFO in a new address space
// (exofork's: empty but for them), and the view of its page tables: the
// directory at UVPD, UINFO's page table at UVPT (setpte adds the views
// of the page tables it creates).
int
mapinfo(pagetable_t pd)
{
  if (mappages(pd, UINFO, PGSIZE, (uint)info, PTE_U) < 0
      || mappages(pd, UINFO + PGSIZE, PGSIZE, (uint)owner, PTE_U) < 0
      || mappages(pd, UVPD, PGSIZE, (uint)pd, PTE_U) < 0)
    return -1;
  return viewpt(pd, PDX(UINFO));
}

// The views of every user page table of pd: for the first env, whose
// image core's loader mapped (main.c). 0, or -ENOMEM.
int
viewall(pagetable_t pd)
{
  uint i;

  for (i = PDX(USER_BASE); i <= PDX(USERTOP - 1); i++)
    if (viewpt(pd, i) < 0)
      return -ENOMEM;
  return 0;
}

static int
slotof(struct env *e)
{
  return (e - envs) + 1;
}

// Pages the loader mapped for e's image and stack become e's.
void
claimpages(struct env *e)
{
  pagetable_t pd = e->t->as->pagetable;
  pte_t *pt;
  uint i, j, ppn;

  acquire(&envlock);
  for (i = PDX(USER_BASE); i <= PDX(USERTOP - 1); i++) {
    if ((pd[i] & PTE_P) == 0 || i == PDX(UVPT))
      continue;
    pt = (pte_t *)PTE_ADDR(pd[i]);
    for (j = 0; j < 1024; j++) {
      ppn = pt[j] / PGSIZE;
      if ((pt[j] & PTE_P) && owner[ppn] == EXO_OWNER_KERNEL && (uint)ppn != (uint)info / PGSIZE
          && ppn != (uint)owner / PGSIZE) {
        owner[ppn] = slotof(e);
        e->held++;
        bindseq[ppn] = 0;
        nmap[ppn] = 1;
      }
    }
  }
  release(&envlock);
}

// One mapping of ppn is gone.
static void
unref(uint ppn)
{
  if (owner[ppn] == EXO_OWNER_KERNEL)
    return;                       // the exposed pages
  nmap[ppn]--;
  if (owner[ppn] == EXO_OWNER_ORPHAN && nmap[ppn] == 0) {
    owner[ppn] = EXO_OWNER_FREE;
    info->nfree++;
  }
}

// Remove every user mapping of e's address space. Caller holds envlock.
void
unmapall(struct env *e)
{
  pagetable_t pd = e->t->as->pagetable;
  pte_t *pt;
  uint i, j;

  for (i = PDX(USER_BASE); i <= PDX(USERTOP - 1); i++) {
    if ((pd[i] & PTE_P) == 0)
      continue;
    pt = (pte_t *)PTE_ADDR(pd[i]);
    for (j = 0; j < 1024; j++) {
      if (pt[j] & PTE_P) {
        unref(pt[j] / PGSIZE);
        pt[j] = 0;
      }
    }
  }
  stlbforgetenv(e);               // (also makes its TLB entries stale)
}

// e is gone: its pages go back to the pool, or become orphans while
// another env still maps them. Caller holds envlock, after unmapall(e).
void
releasepages(struct env *e)
{
  uint ppn;
  int s = slotof(e);

  for (ppn = 0; ppn < info->npages && ppn < EXO_MAXPPN; ppn++) {
    if (guest[ppn] == s)
      guest[ppn] = 0;
    if (owner[ppn] != s)
      continue;
    guest[ppn] = 0;
    e->held--;
    stlbforgetpage(ppn);
    if (nmap[ppn] > 0) {
      owner[ppn] = EXO_OWNER_ORPHAN;
    } else {
      owner[ppn] = EXO_OWNER_FREE;
      info->nfree++;
    }
  }
}

static int
badppn(uint ppn)
{
  return ppn >= info->npages || ppn >= EXO_MAXPPN;
}

// Bind free page ppn to the caller (zeroed).
int
page_alloc(uint ppn)
{
  int r = 0;

  if (badppn(ppn))
    return -EINVAL;
  acquire(&envlock);
  if (owner[ppn] != EXO_OWNER_FREE) {
    r = -EBUSY;
  } else {
    owner[ppn] = slotof(myenv());
    myenv()->held++;
    bindseq[ppn] = nextseq++;
    info->nfree--;
    memset((char *)(ppn * PGSIZE), 0, PGSIZE);
  }
  release(&envlock);
  return r;
}

// Give back page ppn; it must be the caller's and mapped nowhere.
int
page_free(uint ppn)
{
  int r = 0;

  if (badppn(ppn))
    return -EINVAL;
  acquire(&envlock);
  if (owner[ppn] != slotof(myenv()))
    r = -EPERM;
  else if (nmap[ppn] > 0)
    r = -EBUSY;
  else {
    owner[ppn] = EXO_OWNER_FREE;
    myenv()->held--;
    guest[ppn] = 0;
    info->nfree++;
    stlbforgetpage(ppn);          // the software TLB's entries of it go too
  }
  release(&envlock);
  return r;
}

// The owner of ppn lets env id map it with at most perm.
int
page_share(uint ppn, int id, uint perm)
{
  struct env *e;
  int r = 0;

  if (badppn(ppn) || (perm & ~(PTE_W | PTE_X)))
    return -EINVAL;
  acquire(&envlock);
  if (owner[ppn] != slotof(myenv()))
    r = -EPERM;
  else if ((e = envlookup(id)) == 0)
    r = -ESRCH;
  else {
    guest[ppn] = slotof(e);
    guestperm[ppn] = perm;
  }
  release(&envlock);
  return r;
}

// The env a mapping call may change: the caller, or a child it made.
// Caller holds envlock. Returns 0 and sets *err if there is none.
static struct env *
target(int id, int *err)
{
  struct env *e = envlookup(id);
  struct env *me = myenv();

  *err = -ESRCH;
  if (e == 0)
    return 0;
  *err = -EPERM;
  if (e != me && e->parent != me->id)
    return 0;
  return e;
}

// The secure binding's check: may env e use page ppn with perm (PTE_W,
// PTE_X)? It is e's, or its owner shared it with e with those rights.
// Caller holds envlock.
static int
mayuse(struct env *e, uint ppn, uint perm)
{
  int s = slotof(e);

  return owner[ppn] == s || (guest[ppn] == s && (perm & (PTE_W | PTE_X) & ~guestperm[ppn]) == 0);
}

static int
badva(uint va)
{
  return (va % PGSIZE) != 0 || va < USER_BASE || va >= USERTOP
         || (va >= UINFO && va < UINFO + 2 * PGSIZE) || PDX(va) == PDX(UVPT);
}

// Is e's exception stack (the page below UXSTACKTOP) mapped writable?
// Caller holds envlock.
int
xstackmapped(struct env *e)
{
  pte_t *pte = walk(e->t->as->pagetable, UXSTACKTOP - PGSIZE, 0);

  return pte && (*pte & PTE_P) && (*pte & PTE_W);
}

// While e has an upcall, entry.s stores into its exception stack in
// ring 0: the page must stay mapped writable.
static int
guardsxstack(struct env *e, uint va, uint perm)
{
  return va == UXSTACKTOP - PGSIZE && e->t->tf->pad != 0 && (perm & PTE_W) == 0;
}

// Write e's page-table entry at va: page ppn with perm, whose binding
// the caller checked. The software TLB forgets what va meant. A page
// table made for it gets its read-only view at UVPT (viewpt). Caller
// holds envlock. 0, or -ENOMEM (no page for the page table or its view).
static int
setpte(struct env *e, uint va, uint ppn, uint perm)
{
  pagetable_t pd = e->t->as->pagetable;
  int fresh = (pd[PDX(va)] & PTE_P) == 0;   // walk makes the page table: its view too
  pte_t *pte = walk(pd, va, 1);

  if (pte == 0)
    return -ENOMEM;
  if (fresh && viewpt(pd, PDX(va)) < 0) {
    kfree((void *)PTE_ADDR(pd[PDX(va)]));   // no page table without its view
    pd[PDX(va)] = 0;
    return -ENOMEM;
  }
  nmap[ppn]++;                    // first: the old mapping may be this page's last
  if (*pte & PTE_P)
    unref(*pte / PGSIZE);
  *pte = ppn * PGSIZE | perm | PTE_U | PTE_P;
  stlbforget(e, va);
  asidstale(e->t->as->asid);
  return 0;
}

// The secure binding: map page ppn at va in env id with perm.
int
page_map(int id, uint va, uint ppn, uint perm)
{
  struct env *e;
  int r;

  if (badva(va) || badppn(ppn) || (perm & ~(PTE_W | PTE_X | EXO_PTE_LIB)))
    return -EINVAL;
  acquire(&envlock);
  if ((e = target(id, &r)) == 0)
    goto out;
  r = -EBUSY;
  if (guardsxstack(e, va, perm))
    goto out;
  // The check at bind time: the page is e's, or shared with e for this.
  r = -EACCES;
  if (!mayuse(e, ppn, perm))
    goto out;
  r = setpte(e, va, ppn, perm);
out:
  release(&envlock);
  return r;
}

int
page_unmap(int id, uint va)
{
  struct env *e;
  pte_t *pte;
  int r;

  if (badva(va))
    return -EINVAL;
  acquire(&envlock);
  if ((e = target(id, &r)) == 0)
    goto out;
  r = -EBUSY;
  if (guardsxstack(e, va, 0))
    goto out;
  pte = walk(e->t->as->pagetable, va, 0);
  if (pte && (*pte & PTE_P)) {
    unref(*pte / PGSIZE);
    *pte = 0;
    asidstale(e->t->as->asid);
  } else if (e->tlbmode == EXO_TLB_SOFT) {
    asidstale(e->t->as->asid);    // the library's own mapping (tlb_install) goes
  }
  stlbforget(e, va);
  r = 0;
out:
  release(&envlock);
  return r;
}

// The mapping at va in env id (the caller or its child), or 0.
uint
page_pte(int id, uint va)
{
  struct env *e;
  pte_t *pte;
  uint r = 0;
  int err;

  if (va < USER_BASE || va >= USERTOP)
    return 0;
  acquire(&envlock);
  if ((e = target(id, &err)) != 0 && (pte = walk(e->t->as->pagetable, va, 0)) != 0)
    r = *pte;
  release(&envlock);
  return r;
}

// EXO_tlb_install: in the software-TLB mode, the library's miss handler
// (libos/stlb.c) found va -> ppn in its own page table and asks for the
// entry. The same check as page_map (mayuse), then the kernel caches it
// in the STLB and writes this core's TLB. A va the kernel maps in the
// env's page table (page_map) is the kernel's to refill: -EEXIST.
int
tlb_install(uint va, uint ppn, uint perm)
{
  struct env *e = myenv();
  pte_t *pte;
  int r = 0;

  if (badva(va) || badppn(ppn) || (perm & ~(PTE_W | PTE_X | EXO_PTE_LIB)))
    return -EINVAL;
  acquire(&envlock);
  pte = walk(e->t->as->pagetable, va, 0);
  if (e->tlbmode != EXO_TLB_SOFT)
    r = -EPERM;
  else if (pte && (*pte & PTE_P))
    r = -EEXIST;
  else if (!mayuse(e, ppn, perm))
    r = -EACCES;
  else
    stlbfill(va, ppn * PGSIZE | perm | PTE_U | PTE_P);
  release(&envlock);
  return r;
}

// ---- for revocation (revoke.c); caller holds envlock ----

// How many pages e holds.
int
pagesheld(struct env *e)
{
  return e->held;
}

int
holds(struct env *e, uint ppn)
{
  return !badppn(ppn) && owner[ppn] == slotof(e);
}

// The page the abort protocol takes when the library chose none: the one
// e bound last (the least likely to hold the library's own code, which
// the loader bound first), never its exception stack. -1 if none.
int
youngest(struct env *e)
{
  uint ppn, xs = 0, best = 0;
  int found = -1, s = slotof(e);
  pte_t *pte = walk(e->t->as->pagetable, UXSTACKTOP - PGSIZE, 0);

  if (pte && (*pte & PTE_P))
    xs = *pte / PGSIZE;
  for (ppn = 0; ppn < info->npages && ppn < EXO_MAXPPN; ppn++) {
    if (owner[ppn] == s && ppn != xs && (found < 0 || bindseq[ppn] >= best)) {
      found = ppn;
      best = bindseq[ppn];
    }
  }
  return found;
}

// Remove every mapping of ppn, in every env.
static void
unmapeverywhere(uint ppn)
{
  struct env *o;
  pagetable_t pd;
  pte_t *pt;
  uint i, j;

  for (o = envs; o < &envs[EXO_NENV]; o++) {
    if (o->id == 0 || *o->status == ENV_DEAD || o->t == 0 || o->t->as == 0)
      continue;
    pd = o->t->as->pagetable;
    for (i = PDX(USER_BASE); i <= PDX(USERTOP - 1) && nmap[ppn] > 0; i++) {
      if ((pd[i] & PTE_P) == 0)
        continue;
      pt = (pte_t *)PTE_ADDR(pd[i]);
      for (j = 0; j < 1024; j++) {
        if ((pt[j] & PTE_P) && pt[j] / PGSIZE == ppn) {
          pt[j] = 0;
          nmap[ppn]--;
          stlbforget(o, PDXADDR(i) + j * PGSIZE);
          asidstale(o->t->as->asid);
          // Without its exception stack an env cannot take exceptions:
          // entry.s must not store there any more (it would fault in
          // ring 0), so the env loses its upcall and dies of the next one.
          if (PDXADDR(i) + j * PGSIZE == UXSTACKTOP - PGSIZE)
            o->t->tf->pad = 0;
        }
      }
    }
  }
}

// The abort protocol: take page ppn from e by force. Its mappings go,
// it becomes free, and e's repossession vector (in the exposed page)
// records it, so the library's next touch of it is a page fault its
// handler can explain.
void
repossess(struct env *e, uint ppn)
{
  struct exoenvinfo *ei = &info->envs[e - envs];

  unmapeverywhere(ppn);
  stlbforgetpage(ppn);
  owner[ppn] = EXO_OWNER_FREE;
  e->held--;
  guest[ppn] = 0;
  info->nfree++;
  ei->repo[ei->nrepo % EXO_NREPO] = ppn;
  ei->nrepo++;
}

// Pass on a binding (libos/unix's fork and exec): map in env id (the
// caller or its child) at dstva the page the caller maps at srcva, with
// at most the rights of the caller's own mapping. The caller's page-table
// entry is the proof of its binding, checked when it was written; so a
// page can reach an env only through envs that hold it. (Self with
// dstva == srcva drops rights: copy-on-write marks a page read-only.)
int
page_pass(int id, uint dstva, uint srcva, uint perm)
{
  struct env *e;
  pte_t *src;
  uint ppn;
  int r;

  if (badva(dstva) || badva(srcva) || (perm & ~(PTE_W | PTE_X | EXO_PTE_LIB)))
    return -EINVAL;
  acquire(&envlock);
  if ((e = target(id, &r)) == 0)
    goto out;
  r = -EBUSY;
  if (guardsxstack(e, dstva, perm))
    goto out;
  r = -EFAULT;
  src = walk(myenv()->t->as->pagetable, srcva, 0);
  if (src == 0 || (*src & PTE_P) == 0)
    goto out;
  r = -EACCES;
  if (perm & (PTE_W | PTE_X) & ~*src)
    goto out;
  ppn = *src / PGSIZE;
  r = setpte(e, dstva, ppn, perm);
out:
  release(&envlock);
  return r;
}
