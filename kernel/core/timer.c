// timer.c: each core's timer, the clock tick and round robin.
//
// Every core sets its own timer to interrupt after TICK_CYCLES cycles and
// sets it again at every interrupt. Core 0's interrupts also count
// `ticks`, the kernel's clock: clockticks() reads it and ticksleep()
// waits on it (the sleep and uptime system calls of every kernel).

#include "types.h"
#include "param.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"

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

// Ticks since boot.
uint
clockticks(void)
{
  uint t;

  acquire(&tickslock);
  t = ticks;
  release(&tickslock);
  return t;
}

// The calling thread sleeps for n ticks. Returns 0, -EINVAL for n < 0,
// or -EINTR if it was killed meanwhile.
int
ticksleep(int n)
{
  uint start;

  if (n < 0)
    return -EINVAL;
  acquire(&tickslock);
  start = ticks;
  ticksleepers++;
  while (ticks - start < (uint)n) {
    if (killed(mythread())) {
      ticksleepers--;
      release(&tickslock);
      return -EINTR;
    }
    sleep(&ticks, &tickslock);
  }
  ticksleepers--;
  release(&tickslock);
  return 0;
}
