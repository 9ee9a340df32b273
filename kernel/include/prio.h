// prio.h: thread priorities, one fact for every kernel structure: mono's
// setprio (syscall.h) and micro's prio (ipc.h) take them, core's
// scheduler uses them (thread.prio: a time slice of prio ticks, so among
// the threads sharing a busy core each one's share of the time is
// proportional to its priority; sched.c, slice_over).

#ifndef MINOS_PRIO_H
#define MINOS_PRIO_H

#define PRIO_MIN       1
#define PRIO_DEFAULT   1
#define PRIO_MAX      10

#endif // MINOS_PRIO_H
