// vm.c: page tables — the kernel's, and each process's.
//
// The machine walks a two-level table: a page directory of 1024 entries,
// each pointing at a page table of 1024 page-table entries (PTEs). Only
// leaf PTEs carry permissions (present, writable, executable, and the
// least privileged ring allowed); a directory entry is just the table's
// physical address with the present bit.
//
// Every address space shares the kernel's part: RAM and the device pages,
// mapped identically (virtual == physical), ring 0 only, global. Those
// mappings live in directory slots below USER_BASE (RAM, at most 1 GiB)
// and at DEVBASE; uvmcreate() copies the kernel's directory entries into
// each new directory, so the kernel's page tables themselves are shared
// and never freed. User mappings live in the slots for [USER_BASE, USERTOP).
//
// Lab pgtbl adds two ways of not doing work early: sbrk only moves the
// break, and a heap page is allocated when it is first touched (lazy
// allocation); fork shares the pages instead of copying them, read-only
// and marked PTE_COW, and the first write to such a page copies it
// (copy-on-write). Both end in vmfault(): from a page fault in user mode
// (trap.c), or from copyin/copyout when the kernel touches such a page.
//
// The TLB tags user translations with an address-space id (asid), so a
// switch between processes needs no flush. An asid whose old translations
// may still sit in some core's TLB is "stale": each core remembers the
// generation of every asid it has flushed, and vmswitch() flushes an asid
// when its generation has moved on (recycled by asidalloc, or pages
// removed by asidstale).

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "syscall.h"
#include "defs.h"
#include "errnum.h"

static pagetable_t kpgdir;      // the kernel's page directory

// The memory counters that the vmstats system call reports. Any core may
// add to them at any time, hence the lock.
static struct {
  struct spinlock lock;
  struct vmstats s;
} vmstat;

struct {                        // (not static: a personality's switch in assembly reads gen)
  struct spinlock lock;
  char used[NASID];
  uint gen[NASID];              // bumped whenever old translations must go
} asids;

// Is directory slot i part of user space?
static int
user_slot(int i)
{
  return i >= (int)PDX(USER_BASE) && i <= (int)PDX(USERTOP - 1);
}

// ---- the kernel page table ----

void
kvminit(uint memsize)
{
  kpgdir = (pagetable_t)kalloc();
  if (kpgdir == 0)
    panic("kvminit: out of memory");
  initlock(&asids.lock, "asids");
  initlock(&vmstat.lock, "vmstat");
  asids.used[0] = 1;            // asid 0 is the kernel's

  // RAM from the kernel image up, and the devices. [0, KERNEL_BASE) stays
  // unmapped so that a kernel NULL dereference faults.
  if (mappages(kpgdir, KERNEL_BASE, memsize - KERNEL_BASE, KERNEL_BASE, PTE_W | PTE_X | PTE_G) < 0)
    panic("kvminit: mapping RAM");
  if (mappages(kpgdir, DEVBASE, NDEVPAGES * PGSIZE, DEVBASE, PTE_W | PTE_G) < 0)
    panic("kvminit: mapping devices");
}

// Turn paging on for this core with the kernel page table.
void
kvminithart(void)
{
  w_ptbr((uint)kpgdir);
  w_asid(0);
  tlbflush();
  w_status(r_status() | STATUS_PG);
}

// ---- counters ----

// Add n to one of the counters in vmstat.s.
static void
vmcount(uint *counter, uint n)
{
  acquire(&vmstat.lock);
  *counter += n;
  release(&vmstat.lock);
}

// A copy of the counters, with the free pages now.
void
vmstatsget(struct vmstats *st)
{
  acquire(&vmstat.lock);
  *st = vmstat.s;
  release(&vmstat.lock);
  st->freepages = kfreecount();
}

// ---- walking and mapping ----

// The address of the PTE for va in directory pd. With alloc, create the
// page table if it is missing; without, return 0 if it is.
pte_t *
walk(pagetable_t pd, uint va, int alloc)
{
  pte_t *pde = &pd[PDX(va)];
  pte_t *pt;

  if (*pde & PTE_P) {
    pt = (pte_t *)PTE_ADDR(*pde);
  } else {
    if (!alloc)
      return 0;
    pt = (pte_t *)kalloc();
    if (pt == 0)
      return 0;
    *pde = (uint)pt | PTE_P;
  }
  return &pt[PTX(va)];
}

// The physical address of the user page holding va, or 0 if va is not
// a present user page.
uint
walkaddr(pagetable_t pd, uint va)
{
  pte_t *pte;

  if (va < USER_BASE || va >= USERTOP)
    return 0;
  pte = walk(pd, va, 0);
  if (pte == 0 || (*pte & PTE_P) == 0 || PTE_RING(*pte) != 3)
    return 0;
  return PTE_ADDR(*pte);
}

// Map [va, va+size) to [pa, pa+size) with permissions perm (PTE_P is
// added). va and size need not be page aligned. Returns 0, or -1 if a
// page table could not be allocated.
int
mappages(pagetable_t pd, uint va, uint size, uint pa, int perm)
{
  uint a, last;
  pte_t *pte;

  if (size == 0)
    panic("mappages: size 0");
  a = PGROUNDDOWN(va);
  last = PGROUNDDOWN(va + size - 1);
  for (;;) {
    pte = walk(pd, a, 1);
    if (pte == 0)
      return -1;
    if (*pte & PTE_P)
      panic("mappages: page already mapped");
    *pte = pa | perm | PTE_P;
    if (a == last)
      break;
    a += PGSIZE;
    pa += PGSIZE;
  }
  return 0;
}

// Remove npages of mappings from va (page aligned), freeing the physical
// pages if do_free. Pages that are not mapped are skipped, and a range
// with no page table is skipped whole (4 MiB at a time), so the time
// this takes follows what is mapped, not the size of the range: a user
// can ask for a range of 2 GiB (sbrk) but map only what RAM holds.
void
uvmunmap(pagetable_t pd, uint va, uint npages, int do_free)
{
  uint a;
  uint end = va + npages * PGSIZE;
  pte_t *pte;

  for (a = va; a < end; a += PGSIZE) {
    if ((pd[PDX(a)] & PTE_P) == 0) {
      // No page table: nothing up to the next directory slot is mapped.
      if (PDX(a) == 1023)
        break;                  // the last slot: nothing after it
      a = PDXADDR(PDX(a) + 1) - PGSIZE;   // the loop adds PGSIZE
      continue;
    }
    pte = walk(pd, a, 0);
    if ((*pte & PTE_P) == 0)
      continue;
    if (do_free)
      kfree((void *)PTE_ADDR(*pte));
    *pte = 0;
  }
}

// ---- user address spaces ----

// A new, empty user page directory (sharing the kernel's mappings), or 0.
pagetable_t
uvmcreate(void)
{
  pagetable_t pd = (pagetable_t)kalloc();
  int i;

  if (pd == 0)
    return 0;
  for (i = 0; i < 1024; i++)
    if (!user_slot(i))
      pd[i] = kpgdir[i];
  return pd;
}

// Grow user memory from oldsz to newsz (addresses, not sizes: the memory
// is [USER_BASE, sz)), with pages of permission perm (PTE_U is added).
// Returns newsz, or 0 if memory ran out (nothing is left allocated).
uint
uvmalloc(pagetable_t pd, uint oldsz, uint newsz, int perm)
{
  uint a;
  char *mem;

  if (newsz <= oldsz)
    return oldsz;
  for (a = PGROUNDUP(oldsz); a < newsz; a += PGSIZE) {
    mem = kalloc();
    if (mem == 0) {
      uvmdealloc(pd, a, oldsz);
      return 0;
    }
    if (mappages(pd, a, PGSIZE, (uint)mem, perm | PTE_U) < 0) {
      kfree(mem);
      uvmdealloc(pd, a, oldsz);
      return 0;
    }
  }
  return newsz;
}

// Free the page tables for [start, end) that no longer map anything.
static void
freeemptytables(pagetable_t pd, uint start, uint end)
{
  int i, j;
  pte_t *pt;

  for (i = PDX(start); i <= (int)PDX(end - 1); i++) {
    if (!user_slot(i) || (pd[i] & PTE_P) == 0)
      continue;
    pt = (pte_t *)PTE_ADDR(pd[i]);
    for (j = 0; j < 1024; j++)
      if (pt[j] & PTE_P)
        break;
    if (j == 1024) {
      pd[i] = 0;
      kfree(pt);
    }
  }
}

// Shrink user memory from oldsz to newsz, freeing the pages, and the page
// tables left empty. Returns newsz. The caller makes the removed
// translations leave the TLBs (asidstale).
uint
uvmdealloc(pagetable_t pd, uint oldsz, uint newsz)
{
  if (newsz >= oldsz)
    return oldsz;
  if (PGROUNDUP(newsz) < PGROUNDUP(oldsz)) {
    uvmunmap(pd, PGROUNDUP(newsz), (PGROUNDUP(oldsz) - PGROUNDUP(newsz)) / PGSIZE, 1);
    freeemptytables(pd, PGROUNDUP(newsz), PGROUNDUP(oldsz));
  }
  return newsz;
}

// Give a child the user pages of its parent, with the same permissions.
// Returns 0, or -1 if memory ran out (the caller frees new). With
// copy-on-write (lab pgtbl) the pages are shared, not copied, and the
// parent's writable pages become read-only: the caller must then make
// their old writable translations leave the TLBs (asidstale).
int
uvmcopy(pagetable_t old, pagetable_t new)
{
  /* BEGIN SOLUTION pgtbl */
  int i, j, n = 0;
  pte_t *pt;
  uint va, pa, flags;

  for (i = PDX(USER_BASE); i <= (int)PDX(USERTOP - 1); i++) {
    if ((old[i] & PTE_P) == 0)
      continue;
    pt = (pte_t *)PTE_ADDR(old[i]);
    for (j = 0; j < 1024; j++) {
      if ((pt[j] & PTE_P) == 0)
        continue;
      va = PDXADDR(i) | (j << PGSHIFT);
      pa = PTE_ADDR(pt[j]);
      // A writable page becomes read-only in both spaces, marked so that
      // a write fault copies it (vmfault). Read-only pages (text) are
      // simply shared.
      if (pt[j] & PTE_W)
        pt[j] = (pt[j] & ~PTE_W) | PTE_COW;
      flags = pt[j] & (PTE_P | PTE_W | PTE_X | PTE_U | PTE_COW);
      if (mappages(new, va, PGSIZE, pa, flags) < 0)
        return -1;
      kref((void *)pa);
      n++;
    }
  }
  vmcount(&vmstat.s.forkshared, n);
  return 0;
  /* END SOLUTION pgtbl */
  /* STUB pgtbl
  // Lab pgtbl: share the pages copy-on-write instead of copying them
  // (labs/pgtbl/README.md). Until then fork copies every page.
  int i, j, n = 0;
  pte_t *pt;
  uint va, flags;
  char *mem;

  for (i = PDX(USER_BASE); i <= (int)PDX(USERTOP - 1); i++) {
    if ((old[i] & PTE_P) == 0)
      continue;
    pt = (pte_t *)PTE_ADDR(old[i]);
    for (j = 0; j < 1024; j++) {
      if ((pt[j] & PTE_P) == 0)
        continue;
      va = PDXADDR(i) | (j << PGSHIFT);
      flags = pt[j] & (PTE_P | PTE_W | PTE_X | PTE_U);
      mem = kalloc();
      if (mem == 0)
        return -1;
      memmove(mem, (char *)PTE_ADDR(pt[j]), PGSIZE);
      if (mappages(new, va, PGSIZE, (uint)mem, flags) < 0) {
        kfree(mem);
        return -1;
      }
      n++;
    }
  }
  vmcount(&vmstat.s.forkcopied, n);
  return 0;
  */
}

// Free every user page, every user page table, and the directory.
// (The kernel's page tables, shared by all directories, stay.)
void
uvmfree(pagetable_t pd)
{
  int i, j;
  pte_t *pt;

  for (i = PDX(USER_BASE); i <= (int)PDX(USERTOP - 1); i++) {
    if ((pd[i] & PTE_P) == 0)
      continue;
    pt = (pte_t *)PTE_ADDR(pd[i]);
    for (j = 0; j < 1024; j++)
      if (pt[j] & PTE_P)
        kfree((void *)PTE_ADDR(pt[j]));
    kfree(pt);
    pd[i] = 0;
  }
  kfree(pd);
}

// ---- lazy allocation and copy-on-write (lab pgtbl) ----
/* BEGIN SOLUTION pgtbl */

// No page for a lazy or copy-on-write fault: say why the process dies
// (or why its system call fails).
static int
outofmemory(struct thread *t)
{
  printf("pid %d (%s): out of memory\n", t->tid, t->name);
  return -1;
}

// A heap page that sbrk promised and nobody has touched yet: give it a
// zeroed page now. Only [heapbase, sz) is heap; anything else is a real
// fault (below the break there may be gaps between image segments).
static int
lazyalloc(struct thread *t, uint va)
{
  char *mem;

  if (va < t->as->heapbase || va >= t->as->sz)
    return -1;
  mem = kalloc();
  if (mem == 0)
    return outofmemory(t);
  if (mappages(t->as->pagetable, va, PGSIZE, (uint)mem, PTE_W | PTE_U) < 0) {
    kfree(mem);
    return outofmemory(t);
  }
  vmcount(&vmstat.s.lazyalloc, 1);
  return 0;
}

// A write to the copy-on-write page at *pte of thread t's address space. If another
// address space still maps the page, copy it and drop our reference;
// if not, the page is ours alone and simply becomes writable again.
static int
cowcopy(struct thread *t, pte_t *pte)
{
  uint pa = PTE_ADDR(*pte);
  uint flags = (PTE_FLAGS(*pte) | PTE_W) & ~PTE_COW;
  char *mem;

  if (krefcount((void *)pa) == 1) {
    *pte = pa | flags;
    vmcount(&vmstat.s.cowreused, 1);
  } else {
    mem = kalloc();
    if (mem == 0)
      return outofmemory(t);
    memmove(mem, (char *)pa, PGSIZE);
    *pte = (uint)mem | flags;
    kfree((void *)pa);          // our reference to the shared page
    vmcount(&vmstat.s.cowcopied, 1);
  }
  // Any TLB may still hold the read-only translation: on this core it
  // would fault again, on another it could read the old page.
  asidstale(t->as->asid);
  return 0;
}
/* END SOLUTION pgtbl */

// Thread t touched user address va (write: for writing), and the page
// is missing or not writable: a fault in user mode (trap.c), or
// copyin/copyout for a system call. Make the access possible if it is
// a lazy heap page or a copy-on-write page. Returns 0 if the access
// can be retried, -1 if it is really bad (the thread is killed, or the
// system call fails).
int
vmfault(struct thread *t, uint va, int write)
{
  /* BEGIN SOLUTION pgtbl */
  pte_t *pte;

  if (va < USER_BASE || va >= USERTOP)
    return -1;
  va = PGROUNDDOWN(va);
  pte = walk(t->as->pagetable, va, 0);
  if (pte == 0 || (*pte & PTE_P) == 0)
    return lazyalloc(t, va);
  if (write && (*pte & PTE_COW))
    return cowcopy(t, pte);
  return -1;
  /* END SOLUTION pgtbl */
  /* STUB pgtbl
  // Lab pgtbl: allocate lazy heap pages and copy copy-on-write pages
  // here (labs/pgtbl/README.md). Until then every fault is fatal.
  return -1;
  */
}

// ---- printing a page table (lab pgtbl) ----
/* BEGIN SOLUTION pgtbl */

// c if bit is set in pte, else '-'.
static int
letter(pte_t pte, uint bit, int c)
{
  return (pte & bit) ? c : '-';
}
/* END SOLUTION pgtbl */

// Print the user part of page directory pd on the console: a line for
// the directory, one for each directory entry in use, and under it one
// for each page mapped. The format is in labs/pgtbl/README.md:
//
//   pgdir 0x003a6000
//     [256] 0x003a9001 table 0x003a9000 va 0x40000000
//       [0] 0x003aa03d page 0x003aa000 va 0x40000000 r-xu a-
void
vmprint(pagetable_t pd)
{
  /* BEGIN SOLUTION pgtbl */
  int i, j;
  pte_t *pt;

  printf("pgdir %p\n", (uint)pd);
  for (i = PDX(USER_BASE); i <= (int)PDX(USERTOP - 1); i++) {
    if ((pd[i] & PTE_P) == 0)
      continue;
    pt = (pte_t *)PTE_ADDR(pd[i]);
    printf("  [%d] %p table %p va %p\n", i, pd[i], (uint)pt, PDXADDR(i));
    for (j = 0; j < 1024; j++) {
      if ((pt[j] & PTE_P) == 0)
        continue;
      // One printf per line: another core's output cannot cut into it.
      printf("    [%d] %p page %p va %p r%c%c%c %c%c\n", j, pt[j], PTE_ADDR(pt[j]),
             PDXADDR(i) | (j << PGSHIFT), letter(pt[j], PTE_W, 'w'),
             letter(pt[j], PTE_X, 'x'), PTE_RING(pt[j]) == 3 ? 'u' : '-',
             letter(pt[j], PTE_A, 'a'), letter(pt[j], PTE_D, 'd'));
    }
  }
  /* END SOLUTION pgtbl */
  /* STUB pgtbl
  // Lab pgtbl: print the page table (labs/pgtbl/README.md).
  */
}

// ---- copying between the kernel and user space ----
//
// Every user address the kernel is handed is checked here: it must lie
// in [USER_BASE, USERTOP), be mapped, be a ring-3 page, and (for copyout)
// be writable. Anything else returns -1, never a fault in the kernel.
// The kernel reaches user pages through its own mapping of RAM, so the
// hardware never faults for it: a lazy or copy-on-write page of the
// calling process must be dealt with here, as vmfault does for a fault.

// The kernel address of user address va (any offset), or 0 if the page
// is not a user page (writable, if write). (Also kernel/micro's, to copy
// a long message from one address space straight into another.)
char *
uservirt(pagetable_t pd, uint va, int write)
{
  pte_t *pte;

  if (va < USER_BASE || va >= USERTOP)
    return 0;
  pte = walk(pd, va, 0);
  /* BEGIN SOLUTION pgtbl */
  if (pte == 0 || (*pte & PTE_P) == 0 || (write && (*pte & PTE_W) == 0)) {
    // (exec copies into a new directory, not yet the process's: it maps
    // every page at once, so it never needs this.)
    if (mythread() == 0 || pd != mythread()->as->pagetable || vmfault(mythread(), va, write) < 0)
      return 0;
    pte = walk(pd, va, 0);
  }
  /* END SOLUTION pgtbl */
  if (pte == 0 || (*pte & PTE_P) == 0 || PTE_RING(*pte) != 3)
    return 0;
  if (write && (*pte & PTE_W) == 0)
    return 0;
  return (char *)(PTE_ADDR(*pte) | (va & (PGSIZE - 1)));
}

int
copyout(pagetable_t pd, uint dstva, char *src, uint len)
{
  uint n;
  char *dst;

  while (len > 0) {
    dst = uservirt(pd, dstva, 1);
    if (dst == 0)
      return -1;
    n = PGSIZE - (dstva & (PGSIZE - 1));
    if (n > len)
      n = len;
    memmove(dst, src, n);
    len -= n;
    src += n;
    dstva += n;
  }
  return 0;
}

int
copyin(pagetable_t pd, char *dst, uint srcva, uint len)
{
  uint n;
  char *src;

  while (len > 0) {
    src = uservirt(pd, srcva, 0);
    if (src == 0)
      return -1;
    n = PGSIZE - (srcva & (PGSIZE - 1));
    if (n > len)
      n = len;
    memmove(dst, src, n);
    len -= n;
    dst += n;
    srcva += n;
  }
  return 0;
}

// Copy a 0-terminated string of at most max bytes (with the 0) from user
// space. Returns 0, -EFAULT if the address is bad, or -ENAMETOOLONG if no
// 0 came in time.
int
copyinstr(pagetable_t pd, char *dst, uint srcva, uint max)
{
  char *src;
  uint n;

  while (max > 0) {
    src = uservirt(pd, srcva, 0);
    if (src == 0)
      return -EFAULT;
    n = PGSIZE - (srcva & (PGSIZE - 1));
    if (n > max)
      n = max;
    while (n > 0) {
      *dst = *src;
      if (*src == 0)
        return 0;
      dst++;
      src++;
      srcva++;
      n--;
      max--;
    }
  }
  return -ENAMETOOLONG;
}

// ---- address-space ids ----

// A free asid (1..NASID-1), or 0 if every one is in use.
uint
asidalloc(void)
{
  uint a;

  acquire(&asids.lock);
  for (a = 1; a < NASID; a++) {
    if (!asids.used[a]) {
      asids.used[a] = 1;
      asids.gen[a]++;           // a new owner: no core may use old entries
      release(&asids.lock);
      return a;
    }
  }
  release(&asids.lock);
  return 0;
}

void
asidfree(uint asid)
{
  acquire(&asids.lock);
  asids.used[asid] = 0;
  release(&asids.lock);
}

// Translations of asid were removed (pages unmapped): every core must
// flush it before using it again. This core flushes at once if it is
// running that asid.
void
asidstale(uint asid)
{
  struct cpu *c;

  push_off();
  acquire(&asids.lock);
  asids.gen[asid]++;
  c = mycpu();
  if (r_asid() == asid) {
    tlbflushasid(asid);
    c->asidgen[asid] = asids.gen[asid];
  }
  release(&asids.lock);
  pop_off();
}

// Run with page directory pd and TLB tag asid on this core (interrupts off).
void
vmswitch(pagetable_t pd, uint asid)
{
  struct cpu *c = mycpu();

  w_ptbr((uint)pd);
  w_asid(asid);
  if (c->asidgen[asid] != asids.gen[asid]) {
    tlbflushasid(asid);
    c->asidgen[asid] = asids.gen[asid];
  }
}

// Back to the kernel's own page directory (the scheduler runs on it, so
// that a process's directory can be freed once the process is off a core).
void
vmswitchkernel(void)
{
  w_ptbr((uint)kpgdir);
  w_asid(0);
}
