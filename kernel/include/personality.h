// personality.h: what kernel/core asks of the kernel structure built on
// it (kernel/mono, kernel/micro, kernel/exo) — the whole interface.
//
// Core calls these; each personality defines every one of them. Core
// gives the personality its own services through defs.h (threads,
// address spaces, the loader, the scheduler, locks, pages) and the
// interrupt table: a personality's device drivers register their
// handlers with irq_register() (trap.c) from personality_init().

#ifndef MINOS_PERSONALITY_H
#define MINOS_PERSONALITY_H

struct thread;

// Boot, core 0, once: after core's own tables exist (pages, page tables,
// threads, address spaces, run queues) and before any thread runs. Set
// up the personality's tables and devices, and register its interrupt
// handlers. (mono: process table, buffer cache, inodes, files, disk,
// console.)
void personality_init(void);

// Boot, core 0, once, after personality_init: create the first user
// thread(s) and make them runnable. (mono: the init process.)
void personality_start(void);

// A new thread's first moment in the kernel, in its own context, with
// interrupts off and no lock held; it returns to user mode through its
// trap frame afterwards. (mono: the first process mounts the file system
// and execs /bin/init; later ones do nothing.)
void personality_threadstart(void);

// A system call from user mode by thread t: its trap frame (t->tf)
// holds the number (t0) and the arguments (a0-a5); the result goes in
// its a0. Called with interrupts on. (mono: the Unix system calls,
// syscall.c.)
void syscall(struct thread *t);

// The running thread must end: it was killed, or it faulted in user
// mode. Never returns. (mono: exit(status), so the parent's wait sees
// the status.)
void personality_exit(int status);

#endif // MINOS_PERSONALITY_H
