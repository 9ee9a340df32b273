// mem.c: a Unix process's memory as a library (libos/unix; proc.c has
// the rest of a process's life): fork with user-level copy-on-write,
// and the heap.
//
// fork, user-level copy-on-write (JOS lab 4's design on minos's
// bindings): exofork makes an empty child; for every page the parent
// maps, the library passes its own binding on (EXO_page_pass): a
// read-only page as it is, a writable one read-only with the library's
// COW bit, in the child and then in the parent itself. Nothing is copied
// at fork. The first write to such a page, by either, is a page fault
// the kernel delivers to the library (libos_upcall, then unix_pagefault()
// here): the library binds a fresh page, copies, and maps the copy
// writable in place. The library counts the copy-on-write mappings of
// each page in its own table (cowref[ppn], in the shared region): a
// write by the last holder, when it owns the page, just makes it
// writable again. The counts, and vmstats' counters, change by atomic
// adds (uatomic_add), never under the lock: the fault handler may run
// while the lock is held (a write to a copy-on-write stack page), so it
// must never take the lock.
//
// The heap: sbrk maps pages the library binds itself above the image.

#include <string.h>
#include <stdio.h>
#include "param.h"
#include "memlayout.h"
#include "unix.h"

extern char _end[];
static uint brk;                    // the program's break (0: not asked yet: _end)
static int dropped;                 // unix_dropall ran: we are leaving

static uint
heapend(void)
{
  if (brk == 0)
    brk = (uint)_end;
  return (brk + 4095) & ~4095;
}

// A write to a copy-on-write page: copy it, or, if we are its last
// holder and its owner, make it writable again. Anything else is the
// program's fault: it ends as mono ends it, status -1.
void
unix_pagefault(struct exoframe *f)
{
  /* BEGIN SOLUTION libos */
  uint va = f->badaddr & ~4095, pte, ppn, perm;
  int np;

  pte = libos_pte(va);
  if (f->access != 1 || (pte & LIBOS_PTE_COW) == 0) {
    printf("pid %d (%s): page fault at %p (pc %p): killed\n", myproc->pid, myproc->name,
           f->badaddr, f->epc);
    unix_exit(-1);
  }
  ppn = pte / 4096;
  perm = PTE_W | (pte & PTE_X);
  // (The kernel has the last word on "owner": a fork's child faults on
  // its stack before it has found its own env (libos_findenv), while
  // thisenv still names its parent's; the map is then refused, and the
  // child copies.)
  if (!dropped && ux->cowref[ppn] == 1 && exoowner[ppn] == unix_myslot()
      && exo_page_map(0, va, ppn, perm) == 0) {
    ux->cowref[ppn] = 0;
    uatomic_add((int *)&ux->vm.cowreused, 1);
    return;
  }
  np = libos_freepage();             // (may fault on a copy-on-write data page itself)
  if (np < 0 && !unix_building && unix_reclaim() > 0)
    np = libos_freepage();
  if (np < 0) {
    printf("pid %d (%s): out of memory copying a page: killed\n", myproc->pid, myproc->name);
    unix_exit(-1);
  }
  uatomic_add((int *)&ux->vm.cowcopied, 1);
  exo_page_map(0, LIBOS_SCRATCH, np, PTE_W);
  memcpy((char *)LIBOS_SCRATCH, (char *)va, 4096);
  exo_page_map(0, va, np, perm);
  exo_page_unmap(0, LIBOS_SCRATCH);
  if (!dropped && uatomic_add(&ux->cowref[ppn], -1) == 0 && exoowner[ppn] == unix_myslot())
    exo_page_free(ppn);
  /* END SOLUTION libos */
  /* STUB libos
  // Lab libos: a write to a copy-on-write page gets its own copy (labs/libos/README.md).
  printf("pid %d (%s): page fault at %p (pc %p): killed\n", myproc->pid, myproc->name,
         f->badaddr, f->epc);
  unix_exit(-1);
  */
}

// Pages we own that no one maps any more go back to the kernel: a
// copy-on-write page whose other holders all copied it or ended is ours
// still, mapped nowhere (only its owner may free it, and it cannot see
// when the last holder lets go). EXO_page_free refuses every page still
// mapped somewhere, so trying them all is safe. Called when memory runs
// out (a copy, sbrk, exec), never while exec builds a program
// (unix_building: its pages are ours and mapped nowhere for a moment).
// Returns how many came back.
int unix_building;

int
unix_reclaim(void)
{
  uint ppn;
  int n = 0, me = unix_myslot();

  for (ppn = 0; ppn < exoinfo->npages; ppn++)
    if (exoowner[ppn] == me && ux->cowref[ppn] == 0 && exo_page_free(ppn) == 0)
      n++;
  return n;
}

// Pass our pages in [lo, hi) on to child c: read-only ones as they are,
// writable ones copy-on-write in both.
static int
passrange(int c, uint lo, uint hi)
{
  /* BEGIN SOLUTION libos */
  uint va, pte, ppn, cow;

  for (va = lo; va < hi; va += 4096) {
    pte = libos_pte(va);
    if ((pte & PTE_P) == 0)
      continue;
    if ((pte & (PTE_W | LIBOS_PTE_COW)) == 0) {
      if (exo_page_pass(c, va, va, pte & PTE_X) < 0)
        return -1;
      continue;
    }
    ppn = pte / 4096;
    cow = LIBOS_PTE_COW | (pte & PTE_X);
    uatomic_add(&ux->cowref[ppn], (pte & LIBOS_PTE_COW) ? 1 : 2);
    if (exo_page_pass(c, va, va, cow) < 0 || exo_page_pass(0, va, va, cow) < 0)
      return -1;
    uatomic_add((int *)&ux->vm.forkshared, 1);
  }
  return 0;
  /* END SOLUTION libos */
  /* STUB libos
  // Lab libos: share the pages copy-on-write (labs/libos/README.md).
  // This fork copies every writable page at once, as dumbfork does.
  uint va, pte;
  int np;

  for (va = lo; va < hi; va += 4096) {
    pte = libos_pte(va);
    if ((pte & PTE_P) == 0)
      continue;
    if ((pte & PTE_W) == 0) {
      if (exo_page_pass(c, va, va, pte & PTE_X) < 0)
        return -1;
      continue;
    }
    if ((np = libos_freepage()) < 0 && (unix_reclaim() == 0 || (np = libos_freepage()) < 0))
      return -1;
    if (exo_page_map(0, LIBOS_SCRATCH, np, PTE_W) < 0)
      return -1;
    memcpy((char *)LIBOS_SCRATCH, (char *)va, 4096);
    if (exo_page_pass(c, va, LIBOS_SCRATCH, PTE_W | (pte & PTE_X)) < 0)
      return -1;
    exo_page_unmap(0, LIBOS_SCRATCH);
    uatomic_add((int *)&ux->vm.forkcopied, 1);
  }
  return 0;
  */
}

#define FORKSTACK 0xDFFFC000        // a page of our own to run passrange on
static uint forkend;                // the end of the image and heap being passed

static int
passall(int c)
{
  if (passrange(c, USER_BASE, forkend) < 0 || passrange(c, USTACKBOTTOM, USTACKTOP) < 0)
    return -1;
  return 0;
}

// Pass every page to child c. passrange runs on a stack of its own
// (FORKSTACK, never passed): had it run on ours, a write to our stack
// between counting a page and passing it would copy the page (a
// copy-on-write fault) and the child would get the copy, counted
// nowhere — and an owner that sees a count of 1 makes the page writable
// under the child's feet. It writes nothing else of ours. The page is
// ours only for the length of the fork (a page kept would be one less
// free page after every first fork: usertests' leak).
static int
sharepages(int c)
{
  int ppn, r;

  if ((ppn = libos_alloc_map(FORKSTACK, PTE_W)) < 0)
    return -1;
  forkend = heapend();               // (passall reads it: it writes nothing of ours)
  r = uonstack(passall, c, FORKSTACK + 4096);
  exo_page_unmap(0, FORKSTACK);
  exo_page_free(ppn);
  return r;
}

// We let go of our copy-on-write mappings in [lo, hi) (exit, exec, a
// shrinking heap): their counts drop.
static void
droprange(uint lo, uint hi)
{
  /* BEGIN SOLUTION libos */
  uint va, pte;

  for (va = lo; va < hi; va += 4096) {
    pte = libos_pte(va);
    if ((pte & PTE_P) && (pte & LIBOS_PTE_COW))
      uatomic_add(&ux->cowref[pte / 4096], -1);
  }
  /* END SOLUTION libos */
  /* STUB libos
  // Lab libos: our copy-on-write mappings no longer count (labs/libos/README.md).
  */
}

// We are leaving (exit, exec): our copy-on-write mappings no longer
// count. Still, we run until exo_exit, and write our stack: a write to a
// page we counted out just copies it (dropped), and counts nothing again
// (else the count would fall below the holders, and an owner that saw 1
// would make the page writable under another holder's feet).
void
unix_dropall(void)
{
  dropped = 1;
  droprange(USER_BASE, heapend());
  droprange(USTACKBOTTOM, USTACKTOP);
}

// The shared region, writable, in child c.
int
unix_passshared(int env)
{
  uint va;

  for (va = USHARED; va < USHARED + NSHARED * 4096; va += 4096)
    if (exo_page_pass(env, va, va, PTE_W) < 0)
      return -1;
  return 0;
}

// Give child c an exception stack and our upcall, our disk domain and the
// shared region.
int
unix_equip(int c)
{
  int ppn = libos_freepage();

  if (ppn < 0 || exo_page_share(ppn, c, PTE_W) < 0
      || exo_page_map(c, UXSTACKTOP - 4096, ppn, PTE_W) < 0
      || exo_set_upcall(c, libos_upcall) < 0)
    return -1;
  if (exo_disk_grant(c) < 0 || unix_passshared(c) < 0 || unix_passfs(c) < 0)
    return -1;
  return 0;
}

int
unix_fork(void)
{
  struct uproc *np = 0, *p;
  int c;

  if (ukilled())
    unix_exit(-1);
  unix_fsdup(myproc->cwd);               // the child's cwd (the core's lock: not under ulock)
  ulock();
  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->state == UP_FREE) {
      np = p;
      break;
    }
  if (np == 0) {
    uunlock();
    unix_fsput(myproc->cwd);
    return -EAGAIN;
  }
  memmove(np, myproc, sizeof(*np));  // descriptors, group and name
  np->state = UP_EMBRYO;
  np->pid = ux->nextpid++;
  np->ppid = myproc->pid;
  np->env = 0;
  np->killed = 0;
  np->status = 0;
  unix_dupall(np);
  uunlock();

  c = exo_exofork();
  if (c == 0) {                      // the child, once its parent ran it
    libos_findenv();
    unix_findself();
    return 0;
  }

  if (c < 0 || sharepages(c) < 0 || unix_equip(c) < 0) {
    // (a child that exofork made stays, never run: the kernel has no
    // call to end another env; its pages are freed when we end)
    unix_releaseall(np, 0);
    ulock();
    np->state = UP_FREE;
    uunlock();
    return c < 0 ? -EAGAIN : -ENOMEM;
  }
  ulock();
  np->env = c;
  np->state = UP_RUN;
  uunlock();
  exo_env_run(c);
  return np->pid;
}

// ---- the heap ----

char *
unix_sbrk(int n)
{
  uint old, va, top, pte;

  heapend();
  old = brk;
  if (n > 0) {
    if ((uint)n > UHEAPMAX - brk)
      return (char *)-ENOMEM;
    for (va = (brk + 4095) & ~4095; va < brk + n; va += 4096)
      if (libos_alloc_map(va, PTE_W) < 0 && (unix_reclaim() == 0 || libos_alloc_map(va, PTE_W) < 0)) {
        top = va;                    // give back what this call mapped
        for (va = (brk + 4095) & ~4095; va < top; va += 4096) {
          pte = libos_pte(va);
          exo_page_unmap(0, va);
          exo_page_free(pte / 4096);
        }
        return (char *)-ENOMEM;
      }
  } else if (n < 0) {
    if ((uint)-n > brk - (uint)_end)
      return (char *)-EINVAL;
    top = heapend();
    for (va = (brk + n + 4095) & ~4095; va < top; va += 4096) {
      pte = libos_pte(va);
      droprange(va, va + 4096);
      exo_page_unmap(0, va);
      if (exoowner[pte / 4096] == unix_myslot())
        exo_page_free(pte / 4096);   // -EBUSY while a child still maps it
    }
  }
  brk += n;
  return (char *)old;
}
