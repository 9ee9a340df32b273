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
//
// Locks are taken very often, so these functions use the machine's
// instructions directly (swap, cli, csrr status, and csrr scratch for
// this core's struct cpu, as mycpu() does) rather than the
// one-instruction helper functions of machine.h: each call saved here is
// saved on every lock operation in the kernel.

#include "types.h"
#include "param.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
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
  struct cpu *c;

  push_off();
  asm volatile("csrr %0, scratch" : "=r"(c));   // mycpu()
  if (lk->locked && lk->cpu == c) {
    printf("lock '%s': ", lk->name);
    panic("acquire: this core already holds the lock");
  }
  for (;;) {
    uint old, one = 1;
    asm volatile("swap %0, %1, %2" : "=r"(old) : "r"(&lk->locked), "r"(one) : "memory");
    if (old == 0)
      break;
  }
  lk->cpu = c;
}

void
release(struct spinlock *lk)
{
  struct cpu *c;

  asm volatile("csrr %0, scratch" : "=r"(c));   // mycpu()
  if (!lk->locked || lk->cpu != c) {
    printf("lock '%s': ", lk->name);
    panic("release: this core does not hold the lock");
  }
  lk->cpu = 0;
  // An atomic store: everything before it is visible to the next holder.
  asm volatile("swap zero, %0, zero" : : "r"(&lk->locked) : "memory");
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
  uint status;
  struct cpu *c;

  asm volatile("csrr %0, status" : "=r"(status));
  asm volatile("cli");
  asm volatile("csrr %0, scratch" : "=r"(c));   // mycpu()
  if (c->noff == 0)
    c->intena = status & STATUS_IE;
  c->noff += 1;
}

void
pop_off(void)
{
  struct cpu *c;
  uint status;

  asm volatile("csrr %0, scratch" : "=r"(c));   // mycpu()
  asm volatile("csrr %0, status" : "=r"(status));
  if (status & STATUS_IE)
    panic("pop_off: interrupts are on");
  if (c->noff < 1)
    panic("pop_off: more pop_off than push_off");
  c->noff -= 1;
  if (c->noff == 0 && c->intena)
    asm volatile("sti");
}
