// thread.c: threads — the table, creating and freeing them, the per-core
// pointers (mycpu, mythread), the kill flag, and a new thread's first
// moment in the kernel (forkret).
//
// A thread here is only what the scheduler needs (thread.h). What a
// thread means to user programs — a Unix process, a server task, an
// exokernel environment — is the personality's: it creates threads
// with threadalloc(), gives each an address space (addrspace.c), and is
// told through personality.h when one first runs.
//
// Locks, in the order they may be taken:
//   t->lock      a thread's state, chan and killed
//   a run queue's lock (sched.c)

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "syscall.h"
#include "personality.h"
#include "defs.h"

struct cpu cpus[NCPU];
int ncpu;

struct thread threads[NTHREAD];
static char kstacks[NTHREAD][KSTACKSIZE];   // one kernel stack per thread

static int nexttid = 1;
static struct spinlock tid_lock;

extern void forkret_entry(void);   // entry.s

void
threadinit(void)
{
  int i;

  ncpu = r_ncores();
  initlock(&tid_lock, "nexttid");
  for (i = 0; i < NTHREAD; i++) {
    initlock(&threads[i].lock, "thread");
    threads[i].state = UNUSED;
    threads[i].kstack = kstacks[i];
  }
}

// This core's number. Interrupts should be off: a thread may move to
// another core at any interrupt.
int
cpuid(void)
{
  return r_coreid();
}

// This core's struct cpu: csr scratch holds it (set at boot, main.c).
// One instruction: every lock operation asks.
struct cpu *
mycpu(void)
{
  struct cpu *c;

  asm volatile("csrr %0, scratch" : "=r"(c));
  return c;
}

// The thread running on this core, or 0 in the scheduler.
//
// Found from the stack pointer, with no lock and without turning
// interrupts off: a thread runs kernel code only on its own kernel stack
// (a trap from user mode loads sp from csr ksp, the top of it; swtch
// restores the sp it saved there), and thread i's stack is kstacks[i].
// The answer cannot go stale: if the thread moves to another core right
// after, it is still the same thread on the same stack. The scheduler
// runs on its core's boot stack, outside kstacks: 0. (xv6 reads the
// core's running process with interrupts off; every system call asks
// this, several times, so it is worth the trick.)
struct thread *
mythread(void)
{
  uint sp, i;

  asm volatile("mov %0, sp" : "=r"(sp));
  i = (sp - (uint)kstacks) / KSTACKSIZE;
  if (i >= NTHREAD)
    return 0;
  return &threads[i];
}

static int
alloctid(void)
{
  int tid;

  acquire(&tid_lock);
  tid = nexttid++;
  release(&tid_lock);
  return tid;
}

// Find an unused slot and prepare it to run in the kernel: a zeroed trap
// frame at the top of its kernel stack, and a context that starts in
// forkret_entry (entry.s), which returns to user mode through that trap
// frame. It has no address space yet (as = 0): the caller gives it one.
// Returns the thread with t->lock held, or 0.
struct thread *
threadalloc(void)
{
  struct thread *t;

  for (t = threads; t < &threads[NTHREAD]; t++) {
    acquire(&t->lock);
    if (t->state == UNUSED)
      goto found;
    release(&t->lock);
  }
  return 0;

found:
  t->tid = alloctid();
  t->state = USED;
  t->killed = 0;
  t->chan = 0;
  t->prio = PRIO_DEFAULT;
  t->slice = 0;
  t->cycles = 0;
  t->as = 0;
  t->name[0] = 0;
  t->tf = (struct trapframe *)(t->kstack + KSTACKSIZE - sizeof(struct trapframe));
  memset(t->tf, 0, sizeof(struct trapframe));
  memset(&t->context, 0, sizeof(t->context));
  t->context.lr = (uint)forkret_entry;
  t->context.sp = (uint)t->tf;
  t->context.fp = 0;
  return t;
}

// Free a thread's slot, and its hold on its address space; t->lock held.
// (The owner field is the personality's and stays.)
void
threadfree(struct thread *t)
{
  if (t->as)
    asput(t->as);
  t->as = 0;
  t->tid = 0;
  t->name[0] = 0;
  t->chan = 0;
  t->killed = 0;
  t->state = UNUSED;
}

// Where a new thread first runs (from forkret_entry, holding t->lock
// from the scheduler). The personality may finish its setup here, in the
// thread's own context: mono's first process mounts the file system,
// which needs a thread that can sleep.
void
forkret(void)
{
  release(&mythread()->lock);
  personality_threadstart();
}

// The kill flag: the thread ends (personality_exit) at its next return
// to user mode, or when a long wait in the kernel checks it.
// Read without t->lock: the flag is one word, it only goes from 0 to 1
// while the thread lives (threadalloc and threadfree reset it when no
// one else can see the thread), and whoever sets it also wakes the
// thread if it sleeps. A read that just misses a kill sees it at the
// next check, on the way back to user mode at the latest.
int
killed(struct thread *t)
{
  return t->killed;
}

void
setkilled(struct thread *t)
{
  acquire(&t->lock);
  t->killed = 1;
  release(&t->lock);
}

// ---- copying for code that serves both kernel and user buffers ----

int
either_copyout(int user_dst, uint dst, void *src, uint len)
{
  if (user_dst)
    return copyout(mythread()->as->pagetable, dst, src, len);
  memmove((char *)dst, src, len);
  return 0;
}

int
either_copyin(void *dst, int user_src, uint src, uint len)
{
  if (user_src)
    return copyin(mythread()->as->pagetable, dst, src, len);
  memmove(dst, (char *)src, len);
  return 0;
}

// Print the thread table on the console (debugging; no locks, so it
// works even when the kernel is wedged).
void
threaddump(void)
{
  static char *states[] = { "unused", "used", "sleep", "runnable", "run", "zombie" };
  struct thread *t;

  printf("\n");
  for (t = threads; t < &threads[NTHREAD]; t++) {
    if (t->state == UNUSED)
      continue;
    printf("%d %s core %d %s\n", t->tid, states[t->state], t->cpu, t->name);
  }
}
