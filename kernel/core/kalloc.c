// kalloc.c: the physical page allocator.
//
// Every page of RAM from the end of the kernel image (_end, placed by the
// linker) to the end of RAM is on a free list, threaded through the first
// word of each free page. kalloc() takes one, kfree() gives one back.
// The count of free pages is what sysinfo reports and what leak tests
// compare before and after a workload.

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
} kmem;

void
kinit(uint memsize)
{
  uint pa;

  initlock(&kmem.lock, "kmem");
  kmem.start = PGROUNDUP((uint)_end);
  kmem.end = memsize;
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

// Give back a page that kalloc() returned.
void
kfree(void *pa)
{
  struct run *r;
  uint a = (uint)pa;

  if ((a % PGSIZE) != 0 || a < kmem.start || a >= kmem.end)
    panic("kfree: not a page kalloc manages");

  // Fill with junk so that use after free shows up quickly.
  memset(pa, 0x5A, PGSIZE);

  r = (struct run *)pa;
  acquire(&kmem.lock);
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
  }
  release(&kmem.lock);

  if (r)
    memset((char *)r, 0, PGSIZE);
  return (void *)r;
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
