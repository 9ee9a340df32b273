// mem.c: pm as the pager — every page of every process is a frame pm
// lends, and copy-on-write fork is pm's decision, not the kernel's.
//
// Frames. pm keeps each page it lends mapped in its own address space,
// frame k at FRAMEVA(k) (its "window"), and maps it from there into
// processes (the kernel's map: pm's mapping is the root of the page's
// tree in the mapping database, kernel/micro/mem.c). count[k] is how
// many process pages use frame k; 0 means the window slot is empty. A
// frame whose count drops to 0 is unmapped from the window, which frees
// it and — the unmap being recursive — takes it from any task that
// still maps it (a process pm killed whose thread has not ended yet).
//
// Pages. pages[] records, for every task pm made, each page it has:
// the address, the frame, and two flags — PG_W, the process may write it
// (a writable segment, the heap, the stack), and PG_MAPW, it is mapped
// writable now. A page with PG_W but not PG_MAPW is copy-on-write. Each
// task's pages are a list (tpages[], by pm's task slot), and a hash on
// (slot, address) finds one page at a fault.
//
// fork (memfork) gives the child every page of the parent, read-only,
// on the same frames (count + 1 each), and makes the parent's writable
// ones read-only too: two mapmany traps whatever the size. The first
// write to such a page is a fault to pm (pagefault): if the frame is
// shared (count > 1) pm copies it into a new frame and maps that one
// writable; if the other side has gone (count 1) it maps the same frame
// writable again. A task's end (pagesfree, from slotfree) drops its
// pages' counts. The vmstats counters (PM_VMSTATS) are counted here.
//
// What the kernel does not do: copy a page, keep a count, or decide
// anything at a fault — it only maps, unmaps, and sends the fault to pm.
//
// Invariant: for every frame k, count[k] = the number of pages[] entries
// naming k, and a process maps a page at va only as pages[] says (its
// frame, writable only with PG_MAPW).

#include "pm.h"

#define FRAMES      0x80000000u  // pm's window: frame k at FRAMES + k * PGSIZE
#define FRAMEVA(k)  (FRAMES + (unsigned int)(k) * PGSIZE)
#define NFRAME      8192         // frames pm can lend at once (32 MiB of RAM)
#define NPAGE       12288        // pages of all tasks at once (pages[0] is unused)
#define NHASH       1024
#define HASH(s, va) ((((va) >> 12) ^ ((s) << 5)) & (NHASH - 1))   // of task slot s's page va
#define NVEC        256          // maps in one mapmany trap


struct page {
  unsigned int va;               // the page's address | PG_*
  unsigned short frame;
  unsigned short tnext;          // the task's next page, or the next free entry (0: none)
  unsigned short hnext;          // the hash chain
  unsigned char slot;            // the task's slot - TASK0
};

static struct page pages[NPAGE];
static unsigned short freepages;   // freed entries (through tnext)
static int nextpage = 1;           // entries from here up were never used
static unsigned short tpages[NTASKSLOT];
static unsigned short hash[NHASH];
static unsigned char count[NFRAME];
static int lowfree;               // no free frame below it (the window stays compact)
static unsigned int forkshared, cowcopied, cowreused, lazyalloc;

// ---- batches of maps (the kernel's mapmany) ----

static unsigned int vec[2 * NVEC];
static int nvec, vectask;

static int
vecflush(void)
{
  int n = nvec, r;

  if (n == 0)
    return 0;
  nvec = 0;
  r = page_mapmany(vectask, vec, n);
  return r < 0 ? r : 0;
}

// Add one map (src | perm, or 0: unmap only) of task's page dst.
static int
vecadd(int task, unsigned int src, unsigned int dst)
{
  int r = 0;

  if (nvec > 0 && (task != vectask || nvec == NVEC))
    r = vecflush();
  vectask = task;
  vec[2 * nvec] = src;
  vec[2 * nvec + 1] = dst;
  nvec++;
  return r;
}

// ---- frames and pages ----

// A fresh zeroed frame in the window (count 0 until a page takes it),
// or -ENOMEM. The lowest free one: the window's page tables (pm's own)
// do not spread.
static int
framenew(int perm)
{
  int k;

  vecflush();                     // window slots freed just now must be empty
  for (k = lowfree; k < NFRAME; k++) {
    if (count[k] == 0) {
      if (page_alloc(-1, FRAMEVA(k), perm) < 0)
        return -ENOMEM;
      lowfree = k + 1;
      return k;
    }
  }
  return -ENOMEM;
}

// One page fewer uses frame k: the last one gives it back (batched).
static void
framedrop(int k)
{
  if (--count[k] == 0) {
    vecadd(-1, 0, FRAMEVA(k));
    if (k < lowfree)
      lowfree = k;
  }
}

static struct page *
pagefind(int s, unsigned int va)
{
  int i;

  for (i = hash[HASH(s, va)]; i != 0; i = pages[i].hnext)
    if (pages[i].slot == s && (pages[i].va & ~(PGSIZE - 1)) == va)
      return &pages[i];
  return 0;
}

// Task slot s has page va (| PG_*) on frame k. 0, or -ENOMEM.
static int
pageadd(int s, unsigned int va, int k)
{
  struct page *p;
  int i, h;

  if ((i = freepages) != 0)
    freepages = pages[i].tnext;
  else if (nextpage < NPAGE)
    i = nextpage++;
  else
    return -ENOMEM;
  p = &pages[i];
  p->va = va;
  p->frame = k;
  p->slot = s;
  p->tnext = tpages[s];
  tpages[s] = i;
  h = HASH(s, va);
  p->hnext = hash[h];
  hash[h] = i;
  count[k]++;
  return 0;
}

// Forget page entry i (its task's list is the caller's business).
static void
pageforget(int i)
{
  unsigned short *pp = &hash[HASH(pages[i].slot, pages[i].va)];

  while (*pp != i)
    pp = &pages[*pp].hnext;
  *pp = pages[i].hnext;
  framedrop(pages[i].frame);
  pages[i].tnext = freepages;
  freepages = i;
}

// Drop the pages of task slot `slot` in [from, to) — first unmapped
// from the task if unmap (sbrk; a task that ends loses them with its
// address space), then their frames' counts.
static void
pagesdrop(int slot, unsigned int from, unsigned int to, int unmap)
{
  unsigned short *pp;
  unsigned int va;
  int i;

  for (i = tpages[slot - TASK0]; unmap && i != 0; i = pages[i].tnext)
    if ((va = pages[i].va & ~(PGSIZE - 1)) >= from && va < to)
      vecadd(slot, 0, va);
  vecflush();
  for (pp = &tpages[slot - TASK0]; (i = *pp) != 0; ) {
    va = pages[i].va & ~(PGSIZE - 1);
    if (va < from || va >= to) {
      pp = &pages[i].tnext;
      continue;
    }
    *pp = pages[i].tnext;
    pageforget(i);
  }
  vecflush();
}

// The task in slot ends, or has ended: its pages go.
void
pagesfree(int slot)
{
  pagesdrop(slot, 0, 0xFFFFFFFFu, 0);
}

// sbrk: the heap pages in [from, to) go.
void
pagesshrink(int slot, unsigned int from, unsigned int to)
{
  pagesdrop(slot, from, to, 1);
}

// A new page of the task in slot at va (| PG_*), filled by fill (0:
// zeroes; fill may fail with -error) and mapped writable if PG_MAPW.
// 0, or -error.
int
pagenew(int slot, unsigned int va, int (*fill)(void *, char *), void *arg)
{
  int k = framenew(MAP_W | ((va & PG_X) ? MAP_X : 0)), r;

  if (k < 0)
    return k;
  if (fill && (r = fill(arg, (char *)FRAMEVA(k))) < 0) {
    page_unmap(-1, FRAMEVA(k));
    return r;
  }
  r = page_map(slot, FRAMEVA(k), va & ~(PGSIZE - 1), (va & PG_MAPW) ? MAP_W : MAP_R);
  if (r < 0 || (r = pageadd(slot - TASK0, va, k)) < 0) {
    page_unmap(-1, FRAMEVA(k));   // (from the task too: the unmap is recursive)
    return -ENOMEM;
  }
  return 0;
}

// ---- fork ----

// The child (slot child, unstarted) gets every page of the parent's
// task, read-only on the same frames; the parent's writable ones become
// read-only. 0, or -ENOMEM (the caller ends the child: slotfree).
int
memfork(int parent, int child)
{
  int i, r = 0, n = 0;
  struct page *p;

  for (i = tpages[parent - TASK0]; i != 0 && r >= 0; i = p->tnext) {
    p = &pages[i];
    if ((r = pageadd(child - TASK0, p->va & ~PG_MAPW, p->frame)) == 0)
      r = vecadd(child, FRAMEVA(p->frame) | MAP_R, p->va & ~(PGSIZE - 1));
    n++;
  }
  if (r >= 0)
    r = vecflush();
  for (i = tpages[parent - TASK0]; i != 0 && r >= 0; i = p->tnext) {
    p = &pages[i];
    if (p->va & PG_MAPW) {
      p->va &= ~PG_MAPW;
      r = vecadd(parent, FRAMEVA(p->frame) | MAP_R, p->va & ~(PGSIZE - 1));
    }
  }
  if (r >= 0)
    r = vecflush();
  nvec = 0;
  if (r < 0) {
    // Which of the parent's pages are read-only now is not known: say
    // writable (a write fault then just maps it writable again).
    for (i = tpages[parent - TASK0]; i != 0; i = pages[i].tnext)
      if (pages[i].va & PG_W)
        pages[i].va |= PG_MAPW;
    return -ENOMEM;
  }
  forkshared += n;
  return 0;
}

// ---- page faults ----

// Process p touched va (write: for writing). Map what it may have: a
// fresh page in its heap (below the break) or its stack; its own copy of
// a copy-on-write page, or the same frame writable again if nobody else
// has it any more. 0 (the instruction runs again) or -1 (the kernel
// kills the thread).
int
pagefault(struct proc *p, unsigned int va, int write)
{
  unsigned int page = PGROUNDDOWN(va);
  struct page *pg;
  int k, old;

  if (p == 0 || p->state != P_ALIVE)
    return -1;
  if ((pg = pagefind(p->slot - TASK0, page)) == 0) {
    if (va >= p->heapbase && va < p->brk) {
      if (page + PGSIZE > p->heaptop)
        p->heaptop = page + PGSIZE;
    } else if (va < USTACKBOTTOM || va >= USTACKTOP) {
      return -1;
    }
    lazyalloc++;
    return pagenew(p->slot, page | PG_W | PG_MAPW, 0, 0) < 0 ? -1 : 0;
  }
  if (!write || (pg->va & PG_W) == 0)
    return -1;                    // a read fault on a page it has, or a write it may not do
  old = pg->frame;
  if (count[old] > 1) {
    if ((k = framenew(MAP_W | ((pg->va & PG_X) ? MAP_X : 0))) < 0)
      return -1;
    memmove((void *)FRAMEVA(k), (void *)FRAMEVA(old), PGSIZE);
    count[k]++;
    framedrop(old);               // still used by another: nothing to unmap
    pg->frame = k;
    cowcopied++;
  } else {
    cowreused++;
  }
  pg->va |= PG_MAPW;
  vecadd(p->slot, FRAMEVA(pg->frame) | MAP_W, page);
  return vecflush() < 0 ? -1 : 0;
}

// PM_TOUCH: make page va of p ready for the kernel to copy into (write)
// or from, as a fault would — libc asks when the kernel said -EFAULT
// (userland/lib/backend/micro/proc.c: __faultin). 0, or -EFAULT.
int
pagetouch(struct proc *p, unsigned int va, int write)
{
  struct page *pg = pagefind(p->slot - TASK0, PGROUNDDOWN(va));

  if (pg && (!write || (pg->va & PG_MAPW)))
    return 0;
  return pagefault(p, va, write) == 0 ? 0 : -EFAULT;
}

// PM_VMSTATS: the counters in m's words.
void
vmstats(struct msg *m)
{
  m->w[0] = forkshared;
  m->w[1] = cowcopied;
  m->w[2] = cowreused;
  m->w[3] = lazyalloc;
}
