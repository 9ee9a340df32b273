// addrspace.c: address spaces — a page directory, its asid, its size —
// as objects that threads point at and share.
//
// An address space starts with the kernel's mappings only (uvmcreate)
// and one reference. Each thread that runs in it holds a reference
// (t->as); asput() drops one, and the last frees the page directory,
// every user page in it and its asid. The loader (loader.c) builds a new
// one from an image; asdup() copies one for a Unix fork; growproc() moves
// the calling thread's heap break.
//
// Locks: as->lock guards ref only. The other fields change only while
// the address space is private to the thread changing them (exec builds
// a new one before anyone sees it; in mono, each process's is its own).

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"

struct addrspace addrspaces[NTHREAD];

void
asinit(void)
{
  int i;

  for (i = 0; i < NTHREAD; i++)
    initlock(&addrspaces[i].lock, "addrspace");
}

// A new, empty address space with one reference, or 0 if there is no
// free slot, page or asid.
struct addrspace *
asalloc(void)
{
  struct addrspace *as;

  for (as = addrspaces; as < &addrspaces[NTHREAD]; as++) {
    acquire(&as->lock);
    if (as->ref == 0)
      goto found;
    release(&as->lock);
  }
  return 0;

found:
  as->ref = 1;
  release(&as->lock);
  as->sz = USER_BASE;
  as->heapbase = USER_BASE;
  as->pagetable = uvmcreate();
  as->asid = asidalloc();
  if (as->pagetable == 0 || as->asid == 0) {
    asput(as);
    return 0;
  }
  return as;
}

// One more user of as.
void
asget(struct addrspace *as)
{
  acquire(&as->lock);
  as->ref++;
  release(&as->lock);
}

// One user less; the last one frees everything the address space holds.
// No core may be running in it any more (the scheduler switches to the
// kernel's directory after each turn).
//
// The slot is handed back (ref 0) only after its pages are freed: freeing
// may be preempted, and asalloc takes any slot whose ref is 0, so a slot
// marked free first could be reused by another thread and then have its
// new page directory freed under it. Holding the last reference, nobody
// else can reach as in between.
void
asput(struct addrspace *as)
{
  acquire(&as->lock);
  if (as->ref < 1)
    panic("asput: no reference");
  if (as->ref > 1) {
    as->ref--;
    release(&as->lock);
    return;
  }
  release(&as->lock);
  if (as->pagetable)
    uvmfree(as->pagetable);
  if (as->asid)
    asidfree(as->asid);
  as->pagetable = 0;
  as->asid = 0;
  as->sz = 0;
  as->heapbase = 0;
  acquire(&as->lock);
  as->ref = 0;
  release(&as->lock);
}

// A copy of address space old (a Unix fork): same size, and a copy of
// every page (or, with lab pgtbl, the same pages shared copy-on-write).
// Returns the copy, or 0.
struct addrspace *
asdup(struct addrspace *old)
{
  struct addrspace *as = asalloc();

  if (as == 0)
    return 0;
  if (uvmcopy(old->pagetable, as->pagetable) < 0) {
    /* BEGIN SOLUTION pgtbl */
    asidstale(old->asid);  // some of our pages may have become copy-on-write
    /* END SOLUTION pgtbl */
    asput(as);
    return 0;
  }
  /* BEGIN SOLUTION pgtbl */
  // Our writable pages are read-only now (copy-on-write): the TLBs must
  // forget their writable translations.
  asidstale(old->asid);
  /* END SOLUTION pgtbl */
  as->sz = old->sz;
  as->heapbase = old->heapbase;
  return as;
}

// Grow (n > 0) or shrink (n < 0) the calling thread's heap by n bytes.
// Returns 0, or -ENOMEM (past UHEAPMAX or out of memory), or -EINVAL
// (shrinking below the heap's start).
int
growproc(int n)
{
  struct addrspace *as = mythread()->as;
  uint sz = as->sz;
  uint newsz;

  if (n > 0) {
    newsz = sz + n;
    if (newsz < sz || newsz > UHEAPMAX)
      return -ENOMEM;
    /* BEGIN SOLUTION pgtbl */
    // Lazy allocation: only the break moves. Each page is allocated when
    // it is first touched (vmfault), so memory the program never uses
    // costs nothing, and the heap may even be larger than the RAM.
    /* END SOLUTION pgtbl */
    /* STUB pgtbl
    // Lab pgtbl: allocate lazily instead (labs/pgtbl/README.md).
    // Plainly too much: fail now instead of taking every free page first.
    if ((PGROUNDUP(newsz) - PGROUNDUP(sz)) / PGSIZE > kfreecount())
      return -ENOMEM;
    if (uvmalloc(as->pagetable, sz, newsz, PTE_W) == 0)
      return -ENOMEM;
    */
  } else if (n < 0) {
    newsz = sz + n;
    if (newsz > sz || newsz < as->heapbase)
      return -EINVAL;
    uvmdealloc(as->pagetable, sz, newsz);
    asidstale(as->asid);  // the freed pages must leave every TLB
  } else {
    newsz = sz;
  }
  as->sz = newsz;
  return 0;
}
