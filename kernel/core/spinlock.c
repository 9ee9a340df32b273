// spinlock.c: spinlocks.
//
// acquire() spins on the machine's atomic `swap` until it changes the
// lock word from 0 to 1. Interrupts stay off on this core while it holds
// any spinlock: otherwise an interrupt handler on the same core could try
// to take the lock it interrupted, and spin forever. push_off/pop_off
// count how deeply nested the "interrupts off" requests are, so that
// interrupts come back on only when the last lock is released, and only
// if they were on before the first.
//
// Mistakes panic at once instead of deadlocking: acquiring a lock this
// core already holds, releasing one it does not hold, unbalanced pop_off.

#include "types.h"
#include "param.h"
#include "machine.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

void
initlock(struct spinlock *lk, char *name)
{
  lk->name = name;
  lk->locked = 0;
  lk->cpu = 0;
}

void
acquire(struct spinlock *lk)
{
  push_off();
  if (holding(lk)) {
    printf("lock '%s': ", lk->name);
    panic("acquire: this core already holds the lock");
  }
  while (xchg(&lk->locked, 1) != 0)
    ;
  lk->cpu = mycpu();
}

void
release(struct spinlock *lk)
{
  if (!holding(lk)) {
    printf("lock '%s': ", lk->name);
    panic("release: this core does not hold the lock");
  }
  lk->cpu = 0;
  xchg(&lk->locked, 0);   // an atomic store: everything before it is visible first
  pop_off();
}

// Does this core hold the lock? Interrupts must be off.
int
holding(struct spinlock *lk)
{
  return lk->locked && lk->cpu == mycpu();
}

void
push_off(void)
{
  int old = intr_get();
  struct cpu *c;

  intr_off();
  c = mycpu();
  if (c->noff == 0)
    c->intena = old;
  c->noff += 1;
}

void
pop_off(void)
{
  struct cpu *c = mycpu();

  if (intr_get())
    panic("pop_off: interrupts are on");
  if (c->noff < 1)
    panic("pop_off: more pop_off than push_off");
  c->noff -= 1;
  if (c->noff == 0 && c->intena)
    intr_on();
}
