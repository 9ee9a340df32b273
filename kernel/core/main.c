// main.c: what every core does after entry.s gives it a stack.
//
// Core 0 builds the kernel's world (memory, page tables, threads and
// address spaces, run queues; then the personality's tables, devices and
// first program: personality.h), then sets `started` and sends every other
// core an IPI. The other cores wait for it, turn on paging with the
// kernel page table, and join. Every core ends in its own scheduler loop.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "personality.h"

static volatile int started = 0;

void
main(void)
{
  int id = r_coreid();
  int i;

  // csr scratch = this core's struct cpu: mycpu() reads it, from the
  // first lock on (printf takes one).
  w_scratch((uint)&cpus[id]);
  if (id == 0) {
    uint memsize = r_memsize();
    uartinit();
    printfinit();
    printf("\nminos kernel: %d core(s), %d KiB of RAM\n", r_ncores(), memsize / 1024);
    kinit(memsize);          // physical page allocator
    kvminit(memsize);        // the kernel page table
    kvminithart();           // paging on
    trapinithart();          // trap vectors, per-core pointer, interrupt table
    threadinit();            // thread table
    asinit();                // address spaces
    schedinit();             // per-core run queues
    personality_init();      // the personality's tables and devices
    personality_start();     // its first user program (mono: /bin/init)
    xchg((volatile uint *)&started, 1);
    for (i = 1; i < (int)r_ncores(); i++)
      w_ipi(i);              // release the other cores
  } else {
    // Wait for core 0's IPI. With interrupts off, wfi just waits until
    // an interrupt is pending, without executing anything; an IPI that
    // came before the wfi is still pending, so it is not missed.
    while (started == 0)
      wfi();
    kvminithart();
    trapinithart();
  }
  timerinithart();
  scheduler();
}
