// timer.c: each core's timer, the clock tick and round robin.
//
// Every core sets its own timer to interrupt after TICK_CYCLES cycles and
// sets it again at every interrupt. Core 0's interrupts also count
// `ticks`, the kernel's clock: clockticks() reads it and ticksleep()
// waits on it (the sleep and uptime system calls of every kernel).
//
// Sleepers are woken at the earliest deadline among them (nextwake), not
// at every tick: a thread that sleeps for 100 ticks costs one wakeup,
// not 100 (micro's reincarnation server sleeps between heartbeats).
// Invariant (under tickslock): while ticksleepers > 0, nextwake is at or
// before every sleeper's deadline.

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

static uint nextwake;         // the earliest deadline of a sleeper (tickslock)

// A sleeper's deadline: the wakeup must come no later. tickslock held.
static void
wakeby(uint deadline)
{
  if ((int)(deadline - nextwake) < 0)
    nextwake = deadline;
}

void
timerintr(void)
{
  mycpu()->ntimer++;
  if (cpuid() == 0) {
    acquire(&tickslock);
    ticks++;
    // Skip the scan of the thread table unless a sleeper's time has come;
    // those that sleep on give their deadlines again (ticksleep).
    if (ticksleepers > 0 && (int)(ticks - nextwake) >= 0) {
      nextwake = ticks + 0x7FFFFFFF;
      wakeup(&ticks);
    }
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
  if (ticksleepers++ == 0)
    nextwake = start + n;
  while (ticks - start < (uint)n) {
    if (killed(mythread())) {
      ticksleepers--;
      release(&tickslock);
      return -EINTR;
    }
    wakeby(start + n);
    sleep(&ticks, &tickslock);
  }
  ticksleepers--;
  release(&tickslock);
  return 0;
}
