// memlayout.h: where things are, physically and virtually.
//
// The machine's own addresses (the devices, the link addresses of kernel
// and user images) come from hw.h, generated from vm/; this file holds
// the kernel's choices around them.
//
// Physical memory:
//   0x00000000 - 0x0000FFFF   unused (left unmapped: a kernel NULL
//                             dereference faults)
//   KERNEL_BASE - _end          the kernel image (text, rodata, data, bss)
//   _end       - memsize      free pages, handed out by kalloc()
//   0xF0000000 - 0xF0003FFF   the devices (one page each)
//
// Every address space (the kernel's own and each process's) maps RAM
// and the device pages identically (virtual == physical), ring 0 only,
// marked global so the TLB keeps them across address-space switches.
// User memory lives in [USER_BASE, USERTOP):
//
//   USER_BASE (0x40000000)     program image (text, rodata, data+bss)
//   ...                       heap: grows up with sbrk
//   ...                       (unmapped)
//   USTACKTOP - USTACKPAGES*PGSIZE - PGSIZE   guard page (never mapped)
//   USTACKTOP - USTACKPAGES*PGSIZE            lowest stack page
//   USTACKTOP (0xEFFFF000)    the top of the user stack
//   0xEFFFF000 - 0xF0000000   unmapped

#ifndef MINOS_MEMLAYOUT_H
#define MINOS_MEMLAYOUT_H

#include <hw.h>

#define USERTOP     CONSOLE_BASE  // first address past user space: the devices
#define USTACKTOP   0xEFFFF000    // user stack top
#define USTACKBOTTOM (USTACKTOP - USTACKPAGES * PGSIZE)
#define UHEAPMAX    (USTACKBOTTOM - PGSIZE)   // heap must stay below the guard page

// The devices' pages, mapped into every address space for ring 0 only.
#define DEVBASE     CONSOLE_BASE
#define NDEVPAGES   4

#endif // MINOS_MEMLAYOUT_H
