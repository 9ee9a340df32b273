// proc.c: Unix processes as a library (libos/unix; unix.h has the
// shared region they live in).
//
// fork, user-level copy-on-write (JOS lab 4's design on minos's
// bindings): exofork makes an empty child; for every page the parent
// maps, the library passes its own binding on (EXO_page_pass): a
// read-only page as it is, a writable one read-only with the library's
// COW bit, in the child and then in the parent itself. Nothing is copied
// at fork. The first write to such a page, by either, is a page fault
// the kernel delivers to the library (libos_upcall, then pagefault()
// here): the library binds a fresh page, copies, and maps the copy
// writable in place. The library counts the copy-on-write mappings of
// each page in its own table (cowref[ppn], in the shared region): a
// write by the last holder, when it owns the page, just makes it
// writable again. The counts, and vmstats' counters, change by atomic
// adds (uatomic_add), never under the lock: the fault handler may run
// while the lock is held (a write to a copy-on-write stack page), so it
// must never take the lock.
//
// How a parent learns of a child's end: the child's exit writes its
// status into its process-table entry, marks it UP_ZOMBIE and wakes its
// parent; a parent in wait() finds it there, and sleeps between looks.
// Sleep and wakeup are xv6's, built on the kernel's one-way EXO_notify:
// usleep(chan) notes chan in our entry, lets the lock go and waits in
// EXO_recv; uwakeup(chan) notifies every process sleeping on chan. A
// notification sent between the unlock and the recv is kept by the
// kernel, so no wakeup is lost; a spurious one only means another look.
// kill() sets the entry's killed flag and wakes the process if it
// sleeps; it ends (status -1) at its next library call that checks it
// (every wait does): the library cannot stop a process that never calls
// it.
//
// The heap: sbrk maps pages the library binds itself above the image.
// sleep and uptime read the tick count from the exposed page.

#include <string.h>
#include <stdio.h>
#include "param.h"
#include "memlayout.h"
#include "unix.h"

struct uproc *myproc;
static int dropped;                 // unix_dropall ran: we are leaving
extern char _end[];
static uint brk;                   // the program's break (0: not asked yet: _end)
static void releaseall(struct uproc *p, int keep);

// A spinlock on a word of shared memory: take it with swap, yielding
// the processor while another process holds it (it may be preempted
// holding it). ulock's, and the file-system core's locks (fsport.c).
void
unix_spin(volatile uint *w)
{
  int old, one = 1;

  for (;;) {
    asm volatile("swap %0, %1, %2" : "=r"(old) : "r"(w), "r"(one) : "memory");
    if (old == 0)
      return;
    exo_yield();
  }
}

void
unix_unspin(volatile uint *w)
{
  asm volatile("swap zero, %0, zero" : : "r"(w) : "memory");
}

void
ulock(void)
{
  unix_spin((volatile uint *)&ux->lock);
}

void
uunlock(void)
{
  unix_unspin((volatile uint *)&ux->lock);
}

int
ukilled(void)
{
  return myproc->killed;
}

// Wait a little: give the processor away with the lock released. -EINTR
// if we were killed meanwhile (the lock is held again either way). (A
// waiter polls: the kernel's EXO_pct is a call, which parks the sender
// until a pct comes back, so it cannot serve as a wakeup: docs/exo.md.)
int
uyield(void)
{
  uunlock();
  exo_yield();
  ulock();
  return myproc->killed ? -EINTR : 0;
}

// Sleep until a uwakeup(chan) (or a kill): the caller holds the lock,
// which is released while we wait and held again when we return. -EINTR
// if we were killed.
int
usleep(void *chan)
{
  myproc->chan = (uint)chan;
  uunlock();
  exo_recv(0);
  ulock();
  myproc->chan = 0;
  return myproc->killed ? -EINTR : 0;
}

// Wake every process sleeping on chan. Caller holds the lock.
void
uwakeup(void *chan)
{
  struct uproc *p;

  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->state != UP_FREE && p->chan == (uint)chan) {
      p->chan = 0;
      exo_notify(p->env);
    }
}

// kill: p ends at its next library call (every wait checks); if it
// sleeps, it wakes to look. Caller holds the lock.
void
unix_killproc(struct uproc *p)
{
  p->killed = 1;
  if (p->chan != 0) {
    p->chan = 0;
    exo_notify(p->env);
  }
}

static int
myslot(void)
{
  return thisenv - exoinfo->envs + 1;        // our value in the owner table
}

// Our process-table entry: the one whose env is us.
static void
findself(void)
{
  struct uproc *p;
  int me = libos_getenvid();

  ulock();
  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->state != UP_FREE && p->env == me)
      myproc = p;
  uunlock();
}

static uint
heapend(void)
{
  if (brk == 0)
    brk = (uint)_end;
  return (brk + 4095) & ~4095;
}

// ---- copy-on-write ----

// A write to a copy-on-write page: copy it, or, if we are its last
// holder and its owner, make it writable again. Anything else is the
// program's fault: it ends as mono ends it, status -1.
static void
pagefault(struct exoframe *f)
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
  if (!dropped && ux->cowref[ppn] == 1 && exoowner[ppn] == myslot()
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
  if (!dropped && uatomic_add(&ux->cowref[ppn], -1) == 0 && exoowner[ppn] == myslot())
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
  int n = 0, me = myslot();

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
    findself();
    return 0;
  }

  if (c < 0 || sharepages(c) < 0 || unix_equip(c) < 0) {
    // (a child that exofork made stays, never run: the kernel has no
    // call to end another env; its pages are freed when we end)
    releaseall(np, 0);
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

// ---- the end of a process, and waiting for it ----

// p's descriptors and cwd go: its open files lose a reference each, and
// the inodes of files closed for good, and its cwd, are put after the
// lock (the core's locks come before ulock). Returns holding the lock if
// keep.
static void
releaseall(struct uproc *p, int keep)
{
  struct inode *ips[NUFD + 1];
  int n, i;

  ulock();
  n = unix_closeall(p, ips);
  ips[n++] = p->cwd;
  p->cwd = 0;
  uunlock();
  for (i = 0; i < n; i++)
    unix_fsput(ips[i]);
  if (keep)
    ulock();
}

void
unix_exit(int status)
{
  struct uproc *p;

  myproc->killed = 0;                // (the flush below must not end us again)
  libos_flush();
  unix_dropall();                    // before the parent can see us end
  releaseall(myproc, 1);
  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->state != UP_FREE && p->ppid == myproc->pid)
      p->ppid = 1;                   // init collects orphans (and may find a zombie now)
  myproc->status = status;
  myproc->state = UP_ZOMBIE;
  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->state != UP_FREE && (p->pid == myproc->ppid || p->pid == 1))
      uwakeup(p);                    // the parent, and init, if they wait
  uunlock();
  exo_exit(status);
}

int
unix_waitpid(int pid, int *status, int options)
{
  struct uproc *p;
  int found, r, st;

  ulock();
  for (;;) {
    found = 0;
    for (p = ux->procs; p < &ux->procs[NUPROC]; p++) {
      if (p->state == UP_FREE || p->ppid != myproc->pid || (pid != -1 && p->pid != pid))
        continue;
      found = 1;
      if (p->state == UP_ZOMBIE) {
        r = p->pid;
        st = p->status;
        p->state = UP_FREE;
        uunlock();
        if (status)
          *status = st;
        return r;
      }
    }
    if (!found) {
      uunlock();
      return -ECHILD;
    }
    if (options & WNOHANG) {
      uunlock();
      return 0;
    }
    if (usleep(myproc) < 0) {        // a child's exit wakes us (unix_exit)
      uunlock();
      unix_exit(-1);
    }
  }
}

int
unix_kill(int pid)
{
  struct uproc *p;
  int r = -ESRCH;

  ulock();
  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->pid == pid && (p->state == UP_RUN || p->state == UP_EMBRYO)) {
      unix_killproc(p);
      r = 0;
    }
  uunlock();
  return r;
}

// Power off with status: every other process is asked to end first (the
// kernel powers off when the last env ends, with that env's status).
void
unix_halt(int status)
{
  struct uproc *p;
  int others;

  ulock();
  do {
    others = 0;
    for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
      if (p != myproc && p->state == UP_RUN) {
        unix_killproc(p);
        others++;
      }
    uunlock();
    exo_yield();
    ulock();
  } while (others > 0 && !myproc->killed);
  uunlock();
  libos_flush();
  exo_exit(status);
}

// ---- what a process reads about itself and the others ----

int
unix_getpid(void)
{
  return myproc->pid;
}

int
unix_getppid(void)
{
  return myproc->ppid;
}

static struct uproc *
lookup(int pid)
{
  struct uproc *p;

  if (pid == 0)
    return myproc;
  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->state != UP_FREE && p->pid == pid)
      return p;
  return 0;
}

int
unix_setpgid(int pid, int pgid)
{
  struct uproc *p;
  int r = -ESRCH;

  if (pid < 0 || pgid < 0)
    return -EINVAL;
  ulock();
  if ((p = lookup(pid)) != 0 && p->state != UP_ZOMBIE) {
    r = -EPERM;                      // (mono's rule: ourselves or a child of ours)
    if (p == myproc || p->ppid == myproc->pid) {
      p->pgid = pgid ? pgid : p->pid;
      r = 0;
    }
  }
  uunlock();
  return r;
}

int
unix_getpgid(int pid)
{
  struct uproc *p;
  int r;

  ulock();
  p = lookup(pid);
  r = p ? p->pgid : -ESRCH;
  uunlock();
  return r;
}

int
unix_tcsetpgrp(int pgid)
{
  ux->fgpgid = pgid;
  return 0;
}

int
unix_tcgetpgrp(void)
{
  return ux->fgpgid;
}

int
unix_uptime(void)
{
  return exoinfo->ticks;
}

int
unix_sleep(int ticks)
{
  uint start = exoinfo->ticks;

  if (ticks < 0)
    return -EINVAL;
  while (exoinfo->ticks - start < (uint)ticks) {
    if (ukilled())
      unix_exit(-1);               // (mono's killed sleeper ends at its return to user)
    exo_yield();
  }
  return 0;
}

int
unix_getprocs(struct procinfo *buf, int max)
{
  struct uproc *p;
  struct procinfo pi;
  int n = 0;

  ulock();
  for (p = ux->procs; p < &ux->procs[NUPROC] && n < max; p++) {
    if (p->state == UP_FREE)
      continue;
    memset(&pi, 0, sizeof(pi));
    pi.pid = p->pid;
    pi.ppid = p->ppid;
    pi.pgid = p->pgid;
    if (p->state == UP_ZOMBIE)
      pi.state = PROC_ZOMBIE;
    else if (p->state != UP_RUN)
      pi.state = PROC_USED;
    else if (p->chan != 0)
      pi.state = PROC_SLEEPING;       // in usleep: waiting for a child, a pipe, the console...
    else
      pi.state = PROC_RUNNABLE;
    pi.prio = PRIO_DEFAULT;
    memmove(pi.name, p->name, sizeof(pi.name));
    buf[n++] = pi;
  }
  uunlock();
  return n;
}

int
unix_vmstats(struct vmstats *st)
{
  *st = ux->vm;
  st->freepages = exoinfo->nfree;
  return 0;
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
      if (exoowner[pte / 4096] == myslot())
        exo_page_free(pte / 4096);   // -EBUSY while a child still maps it
    }
  }
  brk += n;
  return (char *)old;
}

// ---- start ----

// p's name (for ps): the last component of path.
void
unix_setname(struct uproc *p, char *path)
{
  char *s = strrchr(path, '/');

  s = s ? s + 1 : path;
  memset(p->name, 0, sizeof(p->name));
  memmove(p->name, s, strlen(s) < sizeof(p->name) - 1 ? strlen(s) : sizeof(p->name) - 1);
}

// After libos_init, before main: join the Unix, or, for its first
// process, make it: bind and map the shared region, and become pid 1
// with the console on descriptors 0-2.
void
unix_start(int argc, char **argv)
{
  uint va;

  libos_set_handler(T_PAGEFAULT, pagefault);
  if (libos_pte(USHARED) & PTE_P) {
    findself();
  } else {
    if (sizeof(struct ushared) > NSHARED * 4096) {
      exo_cputs("libos: the shared region is too small (unix.h NSHARED)\n", 55);
      exo_exit(1);
    }
    for (va = USHARED; va < USHARED + NSHARED * 4096; va += 4096)
      if (libos_alloc_map(va, PTE_W) < 0) {
        exo_cputs("libos: no pages for the shared region\n", 38);
        exo_exit(1);
      }
    myproc = &ux->procs[0];
    myproc->state = UP_RUN;
    myproc->pid = 1;
    myproc->pgid = 1;
    myproc->env = libos_getenvid();
    ux->nextpid = 2;
    unix_setname(myproc, argc > 0 ? argv[0] : "init");
    unix_fileinit();
    unix_fsinit();
  }
  libos_pagehint = &ux->pagehint;   // the free-page search's hint: shared, never copy-on-write
  if (myproc == 0) {
    exo_cputs("libos: this env is no Unix process\n", 35);
    exo_exit(1);
  }
}
