// spinlock.h: a mutual-exclusion lock that spins (kernel/core/spinlock.c).

#ifndef MINOS_SPINLOCK_H
#define MINOS_SPINLOCK_H

#include "types.h"

struct spinlock {
  volatile uint locked;   // 1 while held
  char *name;             // for panic messages
  struct cpu *cpu;        // the core holding it
};

#endif // MINOS_SPINLOCK_H
