// timer.c: each core's timer, the clock tick and round robin.
//
// Every core sets its own timer to interrupt after TICK_CYCLES cycles and
// sets it again at every interrupt. Core 0's interrupts also count
// `ticks`, the kernel's clock (uptime, sleep).

#include "types.h"
#include "param.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"

void
timerinithart(void)
{
  w_timer(TICK_CYCLES);
}

void
timerintr(void)
{
  mycpu()->ntimer++;
  if (cpuid() == 0) {
    acquire(&tickslock);
    ticks++;
    if (ticksleepers > 0)     // skip the scan of the process table if no one sleeps
      wakeup(&ticks);
    release(&tickslock);
  }
  w_timer(TICK_CYCLES);
}
