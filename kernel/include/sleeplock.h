// sleeplock.h: a lock that sleeps while it waits (kernel/core/sleeplock.c),
// for long holds such as a buffer during disk I/O.

#ifndef MINOS_SLEEPLOCK_H
#define MINOS_SLEEPLOCK_H

#include "spinlock.h"

struct sleeplock {
  uint locked;          // 1 while held
  struct spinlock lk;   // protects this structure
  char *name;
  int tid;              // the holding thread
};

#endif // MINOS_SLEEPLOCK_H
