// proc.h: a Unix process, as kernel/mono sees it.
//
// A process is one thread and one address space (kernel/core's objects,
// thread.h) plus the Unix state that is mono's alone: its pid and
// parent, the exit status its parent's wait collects, its open files,
// working directory and process group, and the syscall lab's trace mask.
// The thread's owner field points back at the process; myproc() is the
// calling thread's process.
//
// What belongs where: core knows a thread's id (tid), that it was killed,
// and that it finished (ZOMBIE): every kernel structure needs those.
// pids, parents, wait and process groups are Unix: they live here.
//
// Locks: wait_lock (proc.c) guards parent; a process's thread's lock
// guards xstate, pid and pgid once the process is visible to others.

#ifndef MINOS_PROC_H
#define MINOS_PROC_H

#include "types.h"
#include "monoparam.h"
#include "thread.h"

struct proc {
  struct thread *thread;      // its one thread (0: the slot is free)
  int pid;
  int pgid;                   // process group (^C goes to the foreground group)
  int xstate;                 // exit status, for the parent's wait

  // wait_lock (proc.c) must be held when using this:
  struct proc *parent;

  // private to the process (no lock needed):
  struct file *ofile[NOFILE]; // open files
  struct inode *cwd;          // current directory
  /* BEGIN SOLUTION syscall */
  int tracemask;              // system calls to trace (bit 1 << SYS_x); inherited by fork
  /* END SOLUTION syscall */
};

extern struct proc proc[NPROC];

// The calling thread's process (only in a process's context: the
// scheduler has none). A macro on the system-call path; proc.c also
// defines a function of the same name, so that the debugger can call it
// (`print myproc()->pid`, as in xv6 under gdb).
#define myproc() ((struct proc *)mythread()->owner)
struct proc *(myproc)(void);

#endif // MINOS_PROC_H
