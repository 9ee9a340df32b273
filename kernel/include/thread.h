// thread.h: cores, threads, address spaces and the run queues — the
// objects kernel/core gives every kernel structure.
//
// A thread is a flow of control the scheduler runs: a kernel stack, the
// registers saved when it is switched out (context) or when it trapped
// (trap frame), a scheduling state, the core it belongs to, its run-queue
// link. An address space is a page directory with its asid and size.
// They are separate objects because they are shared differently: every
// thread runs in one address space, and one address space may hold
// several threads (a server with worker threads, an exokernel
// environment). Which of them exist, and what a user program sees of
// them, is the personality's business (kernel/mono: one thread and one
// address space per Unix process, struct proc in kernel/mono/proc.h).
//
// Locks: t->lock guards a thread's state, chan and killed; a run queue's
// lock guards its list (taken after t->lock); as->ref changes under
// as->lock.

#ifndef MINOS_THREAD_H
#define MINOS_THREAD_H

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "trap.h"

// Registers that survive a call (docs/abi.md): swtch() saves them in the
// old context and loads them from the new one. entry.s uses the offsets.
struct context {
  uint lr;    //  0  where swtch returns to
  uint sp;    //  4
  uint fp;    //  8
  uint s0;    // 12
  uint s1;    // 16
  uint s2;    // 20
  uint s3;    // 24
};

// One core's queue of runnable threads, linked through thread.rqnext.
struct runq {
  struct spinlock lock;
  struct thread *head;
  struct thread *tail;
  int n;                 // how many are queued (read without the lock as a hint)
};

// Per-core state. csr scratch points at this core's struct cpu.
struct cpu {
  int id;                     // coreid
  struct thread *thread;      // running on this core, or 0 in the scheduler
  struct context context;     // the scheduler's registers (swtch here to reschedule)
  int noff;                   // depth of push_off() nesting
  int intena;                 // were interrupts on before the first push_off()?
  struct runq rq;             // runnable threads waiting for this core
  int timeroff;               // its timer is stopped while it idles (not core 0)
  uint asidgen[NASID];        // TLB generation of each asid this core has seen
  // counters (read by sysinfo/cpuinfo and by tests through the debugger)
  uint nswitch;               // context switches into a thread
  uint nsteal;                // threads this core took from another core's queue
  uint ntimer;                // timer interrupts
  uint nidle;                 // times the scheduler found nothing and waited
  uint busycycles;            // cycles spent running threads (low 32 bits)
  uint waitcycles;            // cycles threads waited in this core's queue
  uint nmigrate;              // threads it ran that last ran on another core
  uint runstart;              // cycle counter when the current thread started
};

extern struct cpu cpus[NCPU];
extern int ncpu;

// An address space: what a thread's user-mode addresses mean.
struct addrspace {
  struct spinlock lock;       // guards ref
  int ref;                    // threads (and others) using it; freed at 0
  pagetable_t pagetable;      // its page directory (physical address)
  uint asid;                  // its TLB tag (1..NASID-1)
  uint sz;                    // end of the heap: [USER_BASE, sz) is image + heap
  uint heapbase;              // end of the image: the heap cannot shrink below it
};

extern struct addrspace addrspaces[NTHREAD];

// UNUSED: a free slot. USED: being created or torn down. ZOMBIE: it has
// finished and waits for its owner (the personality) to free it.
enum threadstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

struct thread {
  struct spinlock lock;

  // t->lock must be held when using these:
  enum threadstate state;
  void *chan;                 // sleeping on chan, if non-zero
  int killed;                 // if non-zero, it ends at its next return to user mode
  int tid;                    // its id, unique while it exists (never reused soon)

  // the scheduler's fields (t->lock, and the run queue's lock for rqnext):
  int cpu;                    // the core whose queue it joins when runnable
  struct thread *rqnext;      // next in that run queue
  uint queuedat;              // cycle counter when it was queued
  int prio;                   // priority: its time slice is prio ticks (PRIO_* in prio.h)
  int slice;                  // cycles it may run in its current turn (only its core touches it)
  uint cycles;                // cycles it has run (low 32 bits), for getprocs

  // private to the thread (no lock needed):
  char *kstack;               // bottom of its kernel stack (KSTACKSIZE bytes)
  struct trapframe *tf;       // the user registers, at the top of kstack
  struct context context;     // swtch() here to run the thread
  struct addrspace *as;       // the address space it runs in (0: kernel only)
  char name[16];              // for ps and debugging
  void *owner;                // the personality's object (mono: its struct proc)
};

extern struct thread threads[NTHREAD];

#endif // MINOS_THREAD_H
