// kalloc.c: the physical page allocator.
//
// Every page of RAM from the end of the kernel image (_end, placed by the
// linker) to the end of RAM is on a free list, threaded through the first
// word of each free page. kalloc() takes one, kfree() gives one back.
// The count of free pages is what sysinfo reports and what leak tests
// compare before and after a workload.
//
// Copy-on-write fork (lab pgtbl) maps one physical page into several
// address spaces, so a page may go back to the free list only when the
// last of them lets go. Hence a reference count per page: 1 when kalloc()
// hands the page out, one more for each extra mapping (kref), one less
// for each kfree().

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "defs.h"

extern char _end[];   // first address after the kernel image (the linker defines it)

struct run {
  struct run *next;
};

static struct {
  struct spinlock lock;
  struct run *freelist;
  uint nfree;
  uint total;
  uint start;       // first page kalloc manages
  uint end;         // first address past RAM
  /* BEGIN SOLUTION pgtbl */
  uint *refs;       // refs[i]: references to page start + i * PGSIZE
  /* END SOLUTION pgtbl */
} kmem;
/* BEGIN SOLUTION pgtbl */

// The reference count of page pa (kmem.lock held).
static uint *
refof(uint pa)
{
  return &kmem.refs[(pa - kmem.start) / PGSIZE];
}
/* END SOLUTION pgtbl */

void
kinit(uint memsize)
{
  uint pa;

  initlock(&kmem.lock, "kmem");
  kmem.start = PGROUNDUP((uint)_end);
  kmem.end = memsize;
  /* BEGIN SOLUTION pgtbl */
  // A count for every page of RAM past the kernel, in the first free
  // pages (which kalloc then does not manage).
  kmem.refs = (uint *)kmem.start;
  memset(kmem.refs, 0, (kmem.end - kmem.start) / PGSIZE * sizeof(uint));
  kmem.start = PGROUNDUP(kmem.start + (kmem.end - kmem.start) / PGSIZE * sizeof(uint));
  /* END SOLUTION pgtbl */
  // Thread the pages onto the list directly, without kfree's junk
  // fill: with 1 GiB of RAM that would cost a quarter million bfills.
  for (pa = kmem.start; pa + PGSIZE <= kmem.end; pa += PGSIZE) {
    struct run *r = (struct run *)pa;
    r->next = kmem.freelist;
    kmem.freelist = r;
    kmem.nfree++;
    kmem.total++;
  }
}

// Give back a page that kalloc() returned. With reference counts this
// drops one reference: the page is free when none is left.
void
kfree(void *pa)
{
  struct run *r;
  uint a = (uint)pa;

  if ((a % PGSIZE) != 0 || a < kmem.start || a >= kmem.end)
    panic("kfree: not a page kalloc manages");

  acquire(&kmem.lock);
  /* BEGIN SOLUTION pgtbl */
  if (*refof(a) == 0)
    panic("kfree: page is already free");
  *refof(a) -= 1;
  if (*refof(a) > 0) {          // still mapped elsewhere (copy-on-write)
    release(&kmem.lock);
    return;
  }
  /* END SOLUTION pgtbl */
  // Fill with junk so that use after free shows up quickly.
  memset(pa, 0x5A, PGSIZE);
  r = (struct run *)pa;
  r->next = kmem.freelist;
  kmem.freelist = r;
  kmem.nfree++;
  release(&kmem.lock);
}

// One page of zeroed physical memory (also its kernel address, since
// the kernel maps RAM identically), or 0 if memory is exhausted.
void *
kalloc(void)
{
  struct run *r;

  acquire(&kmem.lock);
  r = kmem.freelist;
  if (r) {
    kmem.freelist = r->next;
    kmem.nfree--;
    /* BEGIN SOLUTION pgtbl */
    *refof((uint)r) = 1;
    /* END SOLUTION pgtbl */
  }
  release(&kmem.lock);

  if (r)
    memset((char *)r, 0, PGSIZE);
  return (void *)r;
}

// One more reference to page pa: a second address space maps it.
void
kref(void *pa)
{
  /* BEGIN SOLUTION pgtbl */
  uint a = (uint)pa;

  if ((a % PGSIZE) != 0 || a < kmem.start || a >= kmem.end)
    panic("kref: not a page kalloc manages");
  acquire(&kmem.lock);
  if (*refof(a) == 0)
    panic("kref: page is free");
  *refof(a) += 1;
  release(&kmem.lock);
  /* END SOLUTION pgtbl */
  /* STUB pgtbl
  // Lab pgtbl: count the reference (labs/pgtbl/README.md). Without counts,
  // fork must copy every page, as uvmcopy does.
  */
}

// How many references page pa has (how many address spaces map it).
uint
krefcount(void *pa)
{
  /* BEGIN SOLUTION pgtbl */
  uint n;

  acquire(&kmem.lock);
  n = *refof((uint)pa);
  release(&kmem.lock);
  return n;
  /* END SOLUTION pgtbl */
  /* STUB pgtbl
  // Lab pgtbl: every page has exactly one user until you count them.
  return 1;
  */
}

uint
kfreecount(void)
{
  return kmem.nfree;
}

uint
ktotalpages(void)
{
  return kmem.total;
}
