// proc.c: Unix processes as a library (libos/unix; unix.h has the
// shared region they live in).
//
// fork, its copy-on-write and the heap are in mem.c.
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
// sleep and uptime read the tick count from the exposed page.

#include <string.h>
#include <stdio.h>
#include "param.h"
#include "memlayout.h"
#include "unix.h"

struct uproc *myproc;

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

int
unix_myslot(void)
{
  return thisenv - exoinfo->envs + 1;        // our value in the owner table
}

// Our process-table entry: the one whose env is us.
void
unix_findself(void)
{
  struct uproc *p;
  int me = libos_getenvid();

  ulock();
  for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
    if (p->state != UP_FREE && p->env == me)
      myproc = p;
  uunlock();
}

// ---- the end of a process, and waiting for it ----

// p's descriptors and cwd go: its open files lose a reference each, and
// the inodes of files closed for good, and its cwd, are put after the
// lock (the core's locks come before ulock). Returns holding the lock if
// keep.
void
unix_releaseall(struct uproc *p, int keep)
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
  unix_releaseall(myproc, 1);
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

  libos_set_handler(T_PAGEFAULT, unix_pagefault);
  if (libos_pte(USHARED) & PTE_P) {
    unix_findself();
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
