// main.c: what every core does after entry.s gives it a stack.
//
// Core 0 builds the kernel's world (memory, page tables, process table,
// devices, the first process), then sets `started`. The other cores spin
// until then, turn on paging with the kernel page table, and join. Every
// core ends in its own scheduler loop.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "defs.h"

static volatile int started = 0;

void
main(void)
{
  int id = r_coreid();

  if (id == 0) {
    uint memsize = r_memsize();
    uartinit();
    printfinit();
    printf("\nminos kernel: %d core(s), %d KiB of RAM\n", r_ncores(), memsize / 1024);
    kinit(memsize);          // physical page allocator
    kvminit(memsize);        // the kernel page table
    kvminithart();           // paging on
    trapinithart();          // trap vectors, per-core pointer
    procinit();              // process table
    schedinit();             // per-core run queues
    binit();                 // buffer cache
    iinit();                 // inode table
    fileinit();              // file table
    diskinit();              // disk driver
    consoleinit();           // console device
    userinit();              // the first process: runs /init
    xchg((volatile uint *)&started, 1);
  } else {
    // Wait for core 0. The asm statement makes the compiler reload
    // `started` from memory on every iteration.
    while (started == 0)
      asm volatile("nop");
    kvminithart();
    trapinithart();
  }
  timerinithart();
  scheduler();
}
