// proc.c: processes — creation (fork), death (exit), waiting for
// children (wait), killing, process groups, and the process table.
//
// The per-core scheduling (run queues, sleep/wakeup, the scheduler loop)
// is in sched.c; this file decides what a process *is*.
//
// Locks, in the order they may be taken:
//   wait_lock    the parent/child links (p->parent), so that a parent's
//                wait and its children's exits never miss each other
//   p->lock      a process's state, chan, killed, xstate, pid, pgid
//   a run queue's lock (sched.c)

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "syscall.h"
#include "fs.h"
#include "defs.h"
#include "errnum.h"

struct cpu cpus[NCPU];
int ncpu;

struct proc proc[NPROC];
static char kstacks[NPROC][KSTACKSIZE];   // one kernel stack per process

static struct proc *initproc;

static int nextpid = 1;
static struct spinlock pid_lock;
static struct spinlock wait_lock;

static int fgpgrp;      // the console's foreground process group (0: none)

extern void forkret_entry(void);   // entry.s
void forkret(void);

void
procinit(void)
{
  int i;

  ncpu = r_ncores();
  initlock(&pid_lock, "nextpid");
  initlock(&wait_lock, "wait_lock");
  for (i = 0; i < NPROC; i++) {
    initlock(&proc[i].lock, "proc");
    proc[i].state = UNUSED;
    proc[i].kstack = kstacks[i];
  }
}

// This core's number. Interrupts should be off: a process may move to
// another core at any interrupt.
int
cpuid(void)
{
  return r_coreid();
}

// (Written with the csrr inline: every lock operation asks, so it must
// be cheap.)
struct cpu *
mycpu(void)
{
  uint id;

  asm volatile("csrr %0, coreid" : "=r"(id));
  return &cpus[id];
}

// The process running on this core, or 0 in the scheduler.
struct proc *
myproc(void)
{
  struct proc *p;

  push_off();
  p = mycpu()->proc;
  pop_off();
  return p;
}

static int
allocpid(void)
{
  int pid;

  acquire(&pid_lock);
  pid = nextpid++;
  release(&pid_lock);
  return pid;
}

static void freeproc(struct proc *p);

// Find an unused slot and prepare it to run in the kernel: an empty
// address space with an asid, a zeroed trap frame at the top of its
// kernel stack, and a context that starts in forkret_entry (entry.s),
// which returns to user mode through that trap frame.
// Returns the process with p->lock held, or 0.
static struct proc *
allocproc(void)
{
  struct proc *p;

  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->state == UNUSED)
      goto found;
    release(&p->lock);
  }
  return 0;

found:
  p->pid = allocpid();
  p->state = USED;
  p->killed = 0;
  p->xstate = 0;
  p->chan = 0;
  p->pgid = p->pid;
  p->prio = PRIO_DEFAULT;
  p->slice = 0;
  p->cycles = 0;
  /* BEGIN SOLUTION syscall */
  p->tracemask = 0;         // a reused slot must not trace its new process
  /* END SOLUTION syscall */
  p->sz = USERBASE;
  p->heapbase = USERBASE;
  p->pagetable = uvmcreate();
  p->asid = asidalloc();
  if (p->pagetable == 0 || p->asid == 0) {
    freeproc(p);
    release(&p->lock);
    return 0;
  }
  p->tf = (struct trapframe *)(p->kstack + KSTACKSIZE - sizeof(struct trapframe));
  memset(p->tf, 0, sizeof(struct trapframe));
  memset(&p->context, 0, sizeof(p->context));
  p->context.lr = (uint)forkret_entry;
  p->context.sp = (uint)p->tf;
  p->context.fp = 0;
  return p;
}

// Free everything a process owns except its slot's lock; p->lock held.
static void
freeproc(struct proc *p)
{
  if (p->pagetable)
    uvmfree(p->pagetable);
  if (p->asid)
    asidfree(p->asid);
  p->pagetable = 0;
  p->asid = 0;
  p->sz = 0;
  p->heapbase = 0;
  p->pid = 0;
  p->pgid = 0;
  p->parent = 0;
  p->name[0] = 0;
  p->chan = 0;
  p->killed = 0;
  p->xstate = 0;
  p->state = UNUSED;
}

// The first process. Its kernel half starts in forkret(), which mounts
// the file system and execs /init.
void
userinit(void)
{
  struct proc *p = allocproc();

  if (p == 0)
    panic("userinit: no process slot");
  initproc = p;
  safestrcpy(p->name, "init", sizeof(p->name));
  p->cwd = 0;            // forkret sets it once the file system is up
  p->cpu = 0;
  make_runnable(p);
  release(&p->lock);
}

// Where a new process first runs (from forkret_entry, holding p->lock
// from the scheduler). The first process also finishes booting here:
// the file system needs a process context, because reading the disk
// sleeps.
void
forkret(void)
{
  static int first = 1;
  struct proc *p = myproc();
  char *argv[2];

  release(&p->lock);

  if (first) {
    first = 0;
    intr_on();
    argv[0] = "init";
    argv[1] = 0;
    fsinit(ROOTDEV);
    p->cwd = namei("/");
    if (exec("/bin/init", argv) < 0 && exec("/init", argv) < 0)
      panic("forkret: cannot exec /bin/init");
  }
}

// Create a copy of the calling process. The child returns 0 from the
// system call; the parent gets the child's pid, or -EAGAIN (no free
// process slot) or -ENOMEM.
int
fork(void)
{
  struct proc *np;
  struct proc *p = myproc();
  int i, pid;

  np = allocproc();
  if (np == 0)
    return -EAGAIN;

  if (uvmcopy(p->pagetable, np->pagetable) < 0) {
    /* BEGIN SOLUTION pgtbl */
    asidstale(p->asid);  // some of our pages may have become copy-on-write
    /* END SOLUTION pgtbl */
    freeproc(np);
    release(&np->lock);
    return -ENOMEM;
  }
  /* BEGIN SOLUTION pgtbl */
  // Our writable pages are read-only now (copy-on-write): the TLBs must
  // forget their writable translations.
  asidstale(p->asid);
  /* END SOLUTION pgtbl */
  np->sz = p->sz;
  np->heapbase = p->heapbase;
  np->pgid = p->pgid;
  np->prio = p->prio;
  /* BEGIN SOLUTION syscall */
  np->tracemask = p->tracemask;     // children are traced too
  /* END SOLUTION syscall */

  *np->tf = *p->tf;
  np->tf->a0 = 0;        // fork returns 0 in the child

  for (i = 0; i < NOFILE; i++)
    if (p->ofile[i])
      np->ofile[i] = filedup(p->ofile[i]);
  np->cwd = idup(p->cwd);
  safestrcpy(np->name, p->name, sizeof(p->name));
  pid = np->pid;
  release(&np->lock);

  acquire(&wait_lock);
  np->parent = p;
  release(&wait_lock);

  acquire(&np->lock);
  place_new(np);         // least loaded core
  release(&np->lock);
  return pid;
}

// Give p's children to init. Caller holds wait_lock.
static void
reparent(struct proc *p)
{
  struct proc *pp;

  for (pp = proc; pp < &proc[NPROC]; pp++) {
    if (pp->parent == p) {
      pp->parent = initproc;
      wakeup(initproc);
    }
  }
}

// End the calling process. It stays a zombie until its parent's wait()
// collects the status and frees its memory. Never returns.
void
exit(int status)
{
  struct proc *p = myproc();
  int fd;

  if (p == initproc)
    panic("init exiting");

  for (fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd]) {
      fileclose(p->ofile[fd]);
      p->ofile[fd] = 0;
    }
  }
  if (p->cwd) {
    begin_op();
    iput(p->cwd);
    end_op();
    p->cwd = 0;
  }

  acquire(&wait_lock);
  reparent(p);
  wakeup(p->parent);     // the parent may be sleeping in wait()
  acquire(&p->lock);
  p->xstate = status;
  p->state = ZOMBIE;
  release(&wait_lock);

  sched();
  panic("zombie exit");
}

// Wait for a child to exit: pid -1 means any child. Copies its exit
// status to user address addr (unless 0) and returns its pid. With
// WNOHANG, returns 0 if no child has exited yet. Returns -ECHILD if there
// is no such child, -EINTR if the caller was killed, -EFAULT if addr is
// bad.
int
waitpid(int pid, uint addr, int options)
{
  struct proc *pp;
  int havekids, cpid;
  struct proc *p = myproc();

  acquire(&wait_lock);
  for (;;) {
    havekids = 0;
    for (pp = proc; pp < &proc[NPROC]; pp++) {
      if (pp->parent != p)
        continue;
      if (pid != -1 && pp->pid != pid)
        continue;
      // Its lock ensures it is not still on its way out of exit().
      acquire(&pp->lock);
      havekids = 1;
      if (pp->state == ZOMBIE) {
        cpid = pp->pid;
        if (addr != 0 && copyout(p->pagetable, addr, (char *)&pp->xstate, sizeof(pp->xstate)) < 0) {
          release(&pp->lock);
          release(&wait_lock);
          return -EFAULT;
        }
        freeproc(pp);
        release(&pp->lock);
        release(&wait_lock);
        return cpid;
      }
      release(&pp->lock);
    }
    if (!havekids) {
      release(&wait_lock);
      return -ECHILD;
    }
    if (killed(p)) {
      release(&wait_lock);
      return -EINTR;
    }
    if (options & WNOHANG) {
      release(&wait_lock);
      return 0;
    }
    sleep(p, &wait_lock);
  }
}

int
wait(uint addr)
{
  return waitpid(-1, addr, 0);
}

// Ask process pid to die: it exits the next time it heads back to user
// mode. A sleeping process is woken so that it notices. init cannot be
// killed (the kernel cannot go on without it): -EPERM. No such process:
// -ESRCH.
int
kill(int pid)
{
  struct proc *p;

  if (initproc && pid == initproc->pid)
    return -EPERM;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->pid == pid && p->state != UNUSED) {
      p->killed = 1;
      if (p->state == SLEEPING)
        make_runnable(p);
      release(&p->lock);
      return 0;
    }
    release(&p->lock);
  }
  return -ESRCH;
}

// Kill every process of group pgid (the console's ^C). Returns how
// many were signalled, or -1 if none.
int
killpgrp(int pgid)
{
  struct proc *p;
  int n = 0;

  if (pgid <= 0)
    return -1;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->pgid == pgid && p->state != UNUSED && p->state != ZOMBIE && p != initproc) {
      p->killed = 1;
      if (p->state == SLEEPING)
        make_runnable(p);
      n++;
    }
    release(&p->lock);
  }
  return n > 0 ? n : -1;
}

void
setkilled(struct proc *p)
{
  acquire(&p->lock);
  p->killed = 1;
  release(&p->lock);
}

int
killed(struct proc *p)
{
  int k;

  acquire(&p->lock);
  k = p->killed;
  release(&p->lock);
  return k;
}

// Grow (n > 0) or shrink (n < 0) the heap by n bytes. Returns 0, or
// -ENOMEM (past UHEAPMAX or out of memory), or -EINVAL (shrinking below
// the heap's start).
int
growproc(int n)
{
  struct proc *p = myproc();
  uint sz = p->sz;
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
    if (uvmalloc(p->pagetable, sz, newsz, PTE_W) == 0)
      return -ENOMEM;
    */
  } else if (n < 0) {
    newsz = sz + n;
    if (newsz > sz || newsz < p->heapbase)
      return -EINVAL;
    uvmdealloc(p->pagetable, sz, newsz);
    asidstale(p->asid);  // the freed pages must leave every TLB
  } else {
    newsz = sz;
  }
  p->sz = newsz;
  return 0;
}

// ---- process groups and the console's foreground group ----

// Put process pid (0: the caller) into group pgid (0: its own pid as a
// new group). Only the caller itself or one of its children may move
// (-EPERM); -ESRCH if there is no such process, -EINVAL for a negative
// pid or pgid.
int
setpgid(int pid, int pgid)
{
  struct proc *me = myproc();
  struct proc *p;
  int ok;

  if (pid < 0 || pgid < 0)
    return -EINVAL;
  if (pid == 0)
    pid = me->pid;
  if (pgid == 0)
    pgid = pid;
  acquire(&wait_lock);
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->pid == pid && p->state != UNUSED && p->state != ZOMBIE) {
      ok = (p == me || p->parent == me);
      if (ok)
        p->pgid = pgid;
      release(&p->lock);
      release(&wait_lock);
      return ok ? 0 : -EPERM;
    }
    release(&p->lock);
  }
  release(&wait_lock);
  return -ESRCH;
}

int
getpgid(int pid)
{
  struct proc *p;
  int pgid;

  if (pid == 0)
    return myproc()->pgid;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->pid == pid && p->state != UNUSED) {
      pgid = p->pgid;
      release(&p->lock);
      return pgid;
    }
    release(&p->lock);
  }
  return -ESRCH;
}

int
getppid(void)
{
  struct proc *p = myproc();
  int ppid = 0;

  acquire(&wait_lock);
  if (p->parent)
    ppid = p->parent->pid;
  release(&wait_lock);
  return ppid;
}

void
tcsetpgrp(int pgid)
{
  fgpgrp = pgid;
}

int
tcgetpgrp(void)
{
  return fgpgrp;
}

// ---- listing ----

int
nprocs(void)
{
  struct proc *p;
  int n = 0;

  for (p = proc; p < &proc[NPROC]; p++)
    if (p->state != UNUSED)
      n++;
  return n;
}

// Copy a struct procinfo for each process (at most max) to user address
// addr. Returns how many, or -EFAULT if addr is bad.
int
getprocs(uint addr, int max)
{
  struct proc *p;
  struct procinfo info;
  int n = 0;

  for (p = proc; p < &proc[NPROC] && n < max; p++) {
    acquire(&wait_lock);
    acquire(&p->lock);
    if (p->state == UNUSED) {
      release(&p->lock);
      release(&wait_lock);
      continue;
    }
    info.pid = p->pid;
    info.ppid = p->parent ? p->parent->pid : 0;
    info.pgid = p->pgid;
    info.state = p->state;      // enum procstate matches PROC_* (syscall.h)
    info.core = p->cpu;
    info.size = p->sz - USERBASE;
    safestrcpy(info.name, p->name, sizeof(info.name));
    info.prio = p->prio;
    info.cycles = p->cycles;
    release(&p->lock);
    release(&wait_lock);
    if (copyout(myproc()->pagetable, addr + n * sizeof(info), (char *)&info, sizeof(info)) < 0)
      return -EFAULT;
    n++;
  }
  return n;
}

// Set the priority of process pid (0: the caller) to prio, which must be
// in [PRIO_MIN, PRIO_MAX]. Returns the old priority, -EINVAL for a prio
// out of range, or -ESRCH if there is no such process. The
// scheduler reads p->prio at each tick (slice_over in sched.c).
int
setprio(int pid, int prio)
{
  struct proc *p;
  int old;

  if (prio < PRIO_MIN || prio > PRIO_MAX)
    return -EINVAL;
  if (pid == 0)
    pid = myproc()->pid;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->pid == pid && p->state != UNUSED && p->state != ZOMBIE) {
      old = p->prio;
      p->prio = prio;
      release(&p->lock);
      return old;
    }
    release(&p->lock);
  }
  return -ESRCH;
}

// ---- copying for code that serves both kernel and user buffers ----

int
either_copyout(int user_dst, uint dst, void *src, uint len)
{
  if (user_dst)
    return copyout(myproc()->pagetable, dst, src, len);
  memmove((char *)dst, src, len);
  return 0;
}

int
either_copyin(void *dst, int user_src, uint src, uint len)
{
  if (user_src)
    return copyin(myproc()->pagetable, dst, src, len);
  memmove(dst, (char *)src, len);
  return 0;
}

// Print the page table of process pid (0: the caller) on the console
// (vmprint, lab pgtbl). Returns 0, or -ESRCH if there is no such process,
// or -EBUSY if it is running on another core (its table could change under us). Its
// lock keeps it from being freed, or from running, while we print.
int
procvmprint(int pid)
{
  struct proc *me = myproc();
  struct proc *p;

  if (pid == 0)
    pid = me->pid;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->pid == pid && p->state != UNUSED && p->pagetable != 0) {
      if (p != me && p->state == RUNNING) {
        release(&p->lock);
        return -EBUSY;
      }
      vmprint(p->pagetable);
      release(&p->lock);
      return 0;
    }
    release(&p->lock);
  }
  return -ESRCH;
}

// Print the process table on the console (debugging; no locks, so it
// works even when the kernel is wedged).
void
procdump(void)
{
  static char *states[] = { "unused", "used", "sleep", "runnable", "run", "zombie" };
  struct proc *p;

  printf("\n");
  for (p = proc; p < &proc[NPROC]; p++) {
    if (p->state == UNUSED)
      continue;
    printf("%d %s core %d %s\n", p->pid, states[p->state], p->cpu, p->name);
  }
}
