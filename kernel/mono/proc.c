// proc.c: Unix processes — creation (fork), death (exit), waiting for
// children (wait), killing, process groups, and the process table.
//
// A process is a kernel/core thread and address space plus the Unix
// state in struct proc (proc.h). Slot i of proc[] always goes with
// thread i (procinit pairs them), so a process is in use exactly when
// its thread is: p->thread->state says which.
//
// Locks, in the order they may be taken:
//   wait_lock        the parent/child links (p->parent), so that a parent's
//                    wait and its children's exits never miss each other
//   p->thread->lock  a process's state, chan, killed, xstate, pid, pgid
//   a run queue's lock (kernel/core/sched.c)

#include "types.h"
#include "monoparam.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "proc.h"
#include "syscall.h"
#include "personality.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

struct proc proc[NPROC];

static struct proc *initproc;
static struct spinlock wait_lock;

static int fgpgrp;      // the console's foreground process group (0: none)

// Pair every process slot with its thread.
void
procinit(void)
{
  int i;

  initlock(&wait_lock, "wait_lock");
  for (i = 0; i < NPROC; i++) {
    proc[i].thread = &threads[i];
    threads[i].owner = &proc[i];
  }
}

// A new process: a thread (with t->lock held, as threadalloc returns it)
// and an empty address space, or 0. Its pid is its thread's id.
static struct proc *
allocproc(void)
{
  struct thread *t = threadalloc();
  struct proc *p;

  if (t == 0)
    return 0;
  p = t->owner;
  p->pid = t->tid;
  p->pgid = p->pid;
  p->xstate = 0;
  p->parent = 0;
  p->cwd = 0;
  /* BEGIN SOLUTION syscall */
  p->tracemask = 0;         // a reused slot must not trace its new process
  /* END SOLUTION syscall */
  return p;
}

// The calling thread's process, as a function for the debugger (proc.h);
// the parentheses around the name keep the macro from expanding here.
struct proc *
(myproc)(void)
{
  return myproc();
}

// The calling process's current directory: where the file-system core
// (fs.c's namex, through fsport.h) starts a relative path.
struct inode *
fs_cwd(void)
{
  return myproc()->cwd;
}

// Free everything a process owns except its slot's lock; its thread's
// lock held.
static void
freeproc(struct proc *p)
{
  p->pid = 0;
  p->pgid = 0;
  p->parent = 0;
  p->xstate = 0;
  threadfree(p->thread);
}

// The first process. Its kernel half starts in forkret(), which ends in
// personality_threadstart() below: it mounts the file system and execs
// /init.
void
personality_start(void)
{
  struct proc *p = allocproc();

  if (p == 0 || (p->thread->as = asalloc()) == 0)
    panic("userinit: no process slot");
  initproc = p;
  safestrcpy(p->thread->name, "init", sizeof(p->thread->name));
  p->thread->cpu = 0;
  make_runnable(p->thread);
  release(&p->thread->lock);
}

// A new process's first moment in the kernel. The first process also
// finishes booting here: the file system needs a process context,
// because reading the disk sleeps.
void
personality_threadstart(void)
{
  static int first = 1;
  struct proc *p = myproc();
  char *argv[2];
  int err;

  if (first) {
    first = 0;
    intr_on();
    argv[0] = "init";
    argv[1] = 0;
    fsinit(ROOTDEV);
    p->cwd = namei("/", &err);
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
  struct thread *nt;
  int i, pid;

  np = allocproc();
  if (np == 0)
    return -EAGAIN;
  nt = np->thread;
  nt->as = asdup(p->thread->as);
  if (nt->as == 0) {
    freeproc(np);
    release(&nt->lock);
    return -ENOMEM;
  }
  np->pgid = p->pgid;
  nt->prio = p->thread->prio;
  /* BEGIN SOLUTION syscall */
  np->tracemask = p->tracemask;     // children are traced too
  /* END SOLUTION syscall */

  *nt->tf = *p->thread->tf;
  nt->tf->a0 = 0;        // fork returns 0 in the child

  for (i = 0; i < NOFILE; i++)
    if (p->ofile[i])
      np->ofile[i] = filedup(p->ofile[i]);
  np->cwd = idup(p->cwd);
  safestrcpy(nt->name, p->thread->name, sizeof(nt->name));
  pid = np->pid;
  release(&nt->lock);

  acquire(&wait_lock);
  np->parent = p;
  release(&wait_lock);

  acquire(&nt->lock);
  place_new(nt);         // least loaded core
  release(&nt->lock);
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
  acquire(&p->thread->lock);
  p->xstate = status;
  p->thread->state = ZOMBIE;
  release(&wait_lock);

  sched();
  panic("zombie exit");
}

// core's trap path ends a killed thread here (personality.h).
void
personality_exit(int status)
{
  exit(status);
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
      acquire(&pp->thread->lock);
      havekids = 1;
      if (pp->thread->state == ZOMBIE) {
        cpid = pp->pid;
        if (addr != 0 && copyout(p->thread->as->pagetable, addr, (char *)&pp->xstate,
                                 sizeof(pp->xstate)) < 0) {
          release(&pp->thread->lock);
          release(&wait_lock);
          return -EFAULT;
        }
        freeproc(pp);
        release(&pp->thread->lock);
        release(&wait_lock);
        return cpid;
      }
      release(&pp->thread->lock);
    }
    if (!havekids) {
      release(&wait_lock);
      return -ECHILD;
    }
    if (killed(p->thread)) {
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
  struct thread *t;

  if (initproc && pid == initproc->pid)
    return -EPERM;
  for (p = proc; p < &proc[NPROC]; p++) {
    t = p->thread;
    acquire(&t->lock);
    if (p->pid == pid && t->state != UNUSED) {
      t->killed = 1;
      if (t->state == SLEEPING)
        make_runnable(t);
      release(&t->lock);
      return 0;
    }
    release(&t->lock);
  }
  return -ESRCH;
}

// Kill every process of group pgid (the console's ^C). Returns how
// many were signalled, or -1 if none.
int
killpgrp(int pgid)
{
  struct proc *p;
  struct thread *t;
  int n = 0;

  if (pgid <= 0)
    return -1;
  for (p = proc; p < &proc[NPROC]; p++) {
    t = p->thread;
    acquire(&t->lock);
    if (p->pgid == pgid && t->state != UNUSED && t->state != ZOMBIE && p != initproc) {
      t->killed = 1;
      if (t->state == SLEEPING)
        make_runnable(t);
      n++;
    }
    release(&t->lock);
  }
  return n > 0 ? n : -1;
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
    acquire(&p->thread->lock);
    if (p->pid == pid && p->thread->state != UNUSED && p->thread->state != ZOMBIE) {
      ok = (p == me || p->parent == me);
      if (ok)
        p->pgid = pgid;
      release(&p->thread->lock);
      release(&wait_lock);
      return ok ? 0 : -EPERM;
    }
    release(&p->thread->lock);
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
    acquire(&p->thread->lock);
    if (p->pid == pid && p->thread->state != UNUSED) {
      pgid = p->pgid;
      release(&p->thread->lock);
      return pgid;
    }
    release(&p->thread->lock);
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
    if (p->thread->state != UNUSED)
      n++;
  return n;
}

// Copy a struct procinfo for each process (at most max) to user address
// addr. Returns how many, or -EFAULT if addr is bad.
int
getprocs(uint addr, int max)
{
  struct proc *p;
  struct thread *t;
  struct procinfo info;
  int n = 0;

  for (p = proc; p < &proc[NPROC] && n < max; p++) {
    t = p->thread;
    acquire(&wait_lock);
    acquire(&t->lock);
    if (t->state == UNUSED) {
      release(&t->lock);
      release(&wait_lock);
      continue;
    }
    info.pid = p->pid;
    info.ppid = p->parent ? p->parent->pid : 0;
    info.pgid = p->pgid;
    info.state = t->state;      // enum threadstate matches PROC_* (syscall.h)
    info.core = t->cpu;
    info.size = t->as ? t->as->sz - USER_BASE : 0;
    safestrcpy(info.name, t->name, sizeof(info.name));
    info.prio = t->prio;
    info.cycles = t->cycles;
    release(&t->lock);
    release(&wait_lock);
    if (copyout(myproc()->thread->as->pagetable, addr + n * sizeof(info), (char *)&info, sizeof(info)) < 0)
      return -EFAULT;
    n++;
  }
  return n;
}

// Set the priority of process pid (0: the caller) to prio, which must be
// in [PRIO_MIN, PRIO_MAX]. Returns the old priority, -EINVAL for a prio
// out of range, or -ESRCH if there is no such process. The
// scheduler reads the thread's prio at each tick (slice_over in sched.c).
int
setprio(int pid, int prio)
{
  struct proc *p;
  struct thread *t;
  int old;

  if (prio < PRIO_MIN || prio > PRIO_MAX)
    return -EINVAL;
  if (pid == 0)
    pid = myproc()->pid;
  for (p = proc; p < &proc[NPROC]; p++) {
    t = p->thread;
    acquire(&t->lock);
    if (p->pid == pid && t->state != UNUSED && t->state != ZOMBIE) {
      old = t->prio;
      t->prio = prio;
      release(&t->lock);
      return old;
    }
    release(&t->lock);
  }
  return -ESRCH;
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
  struct thread *t;

  if (pid == 0)
    pid = me->pid;
  for (p = proc; p < &proc[NPROC]; p++) {
    t = p->thread;
    acquire(&t->lock);
    if (p->pid == pid && t->state != UNUSED && t->as != 0) {
      if (p != me && t->state == RUNNING) {
        release(&t->lock);
        return -EBUSY;
      }
      vmprint(t->as->pagetable);
      release(&t->lock);
      return 0;
    }
    release(&t->lock);
  }
  return -ESRCH;
}
