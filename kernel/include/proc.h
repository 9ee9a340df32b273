// proc.h: cores, processes and the scheduler's run queues.
//
// A process here is one thread of control (a kernel stack, saved
// registers, a scheduling state) plus one address space (a page
// directory and its asid) plus Unix state (pid, parent, open files,
// working directory, process group). The three kernels of minos will
// split threads from address spaces; in the monolithic kernel every
// process has exactly one thread, so they share one structure.

#ifndef MINOS_PROC_H
#define MINOS_PROC_H

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

// One core's queue of runnable processes, linked through proc.rqnext.
struct runq {
  struct spinlock lock;
  struct proc *head;
  struct proc *tail;
  int n;                 // how many are queued (read without the lock as a hint)
};

// Per-core state. csr scratch points at this core's struct cpu.
struct cpu {
  int id;                     // coreid
  struct proc *proc;          // running on this core, or 0 in the scheduler
  struct context context;     // the scheduler's registers (swtch here to reschedule)
  int noff;                   // depth of push_off() nesting
  int intena;                 // were interrupts on before the first push_off()?
  struct runq rq;             // runnable processes waiting for this core
  int timeroff;               // its timer is stopped while it idles (not core 0)
  uint asidgen[NASID];        // TLB generation of each asid this core has seen
  // counters (read by sysinfo/cpuinfo and by tests through the debugger)
  uint nswitch;               // context switches into a process
  uint nsteal;                // processes this core took from another core's queue
  uint ntimer;                // timer interrupts
  uint nidle;                 // times the scheduler found nothing and waited
  uint busycycles;            // cycles spent running processes (low 32 bits)
  uint waitcycles;            // cycles processes waited in this core's queue
  uint nmigrate;              // processes it ran that last ran on another core
  uint runstart;              // cycle counter when the current process started
};

extern struct cpu cpus[NCPU];
extern int ncpu;

enum procstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

struct proc {
  struct spinlock lock;

  // p->lock must be held when using these:
  enum procstate state;
  void *chan;                 // sleeping on chan, if non-zero
  int killed;                 // if non-zero, exit at the next return to user
  int xstate;                 // exit status, for the parent's wait
  int pid;
  int pgid;                   // process group (^C goes to the foreground group)

  // wait_lock (proc.c) must be held when using this:
  struct proc *parent;

  // the scheduler's fields (p->lock, and the run queue's lock for rqnext):
  int cpu;                    // the core whose queue it joins when runnable
  struct proc *rqnext;        // next in that run queue
  uint queuedat;              // cycle counter when it was queued
  int prio;                   // priority: its time slice is prio ticks (PRIO_MIN..PRIO_MAX)
  int slice;                  // cycles it may run in its current turn (only its core touches it)
  uint cycles;                // cycles it has run (low 32 bits), for getprocs

  // private to the process (no lock needed):
  char *kstack;               // bottom of its kernel stack (KSTACKSIZE bytes)
  struct trapframe *tf;       // the user registers, at the top of kstack
  struct context context;     // swtch() here to run the process
  pagetable_t pagetable;      // its page directory (physical address)
  uint asid;                  // its TLB tag (1..NASID-1)
  uint sz;                    // end of the heap: [USER_BASE, sz) is image + heap
  uint heapbase;              // end of the image: sbrk cannot shrink below it
  struct file *ofile[NOFILE]; // open files
  struct inode *cwd;          // current directory
  char name[16];              // for ps and debugging
  /* BEGIN SOLUTION syscall */
  int tracemask;              // system calls to trace (bit 1 << SYS_x); inherited by fork
  /* END SOLUTION syscall */
};

extern struct proc proc[NPROC];

#endif // MINOS_PROC_H
