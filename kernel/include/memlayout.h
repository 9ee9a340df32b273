// memlayout.h: where things are, physically and virtually.
//
// Physical memory:
//   0x00000000 - 0x0000FFFF   unused (left unmapped: a kernel NULL
//                             dereference faults)
//   0x00010000 - _end         the kernel image (text, rodata, data, bss)
//   _end       - memsize      free pages, handed out by kalloc()
//   0xF0000000 - 0xF0003FFF   the devices (one page each)
//
// Every address space (the kernel's own and each process's) maps RAM
// and the device pages identically (virtual == physical), ring 0 only,
// marked global so the TLB keeps them across address-space switches.
// User memory lives in [USERBASE, USERTOP):
//
//   USERBASE (0x40000000)     program image (text, rodata, data+bss)
//   ...                       heap: grows up with sbrk
//   ...                       (unmapped)
//   USTACKTOP - USTACKPAGES*PGSIZE - PGSIZE   guard page (never mapped)
//   USTACKTOP - USTACKPAGES*PGSIZE            lowest stack page
//   USTACKTOP (0xEFFFF000)    the top of the user stack
//   0xEFFFF000 - 0xF0000000   unmapped

#ifndef MINOS_MEMLAYOUT_H
#define MINOS_MEMLAYOUT_H

#define KERNBASE    0x00010000   // the kernel image's link address
#define USERBASE    0x40000000   // first user address
#define USERTOP     0xF0000000   // first address past user space
#define USTACKTOP   0xEFFFF000   // user stack top
#define USTACKBOTTOM (USTACKTOP - USTACKPAGES * PGSIZE)
#define UHEAPMAX    (USTACKBOTTOM - PGSIZE)   // heap must stay below the guard page

// Devices (docs/devices.md).
#define DEVBASE     0xF0000000
#define NDEVPAGES   4

#define UART        0xF0000000   // console
#define UART_TX        0
#define UART_RX        4
#define UART_STATUS    8
#define UART_CTRL      12
#define UART_IRQCORE   16

#define DISK        0xF0001000
#define DISK_BLOCK     0
#define DISK_ADDR      4
#define DISK_CMD       8
#define DISK_STATUS    12
#define DISK_NBLOCKS   16
#define DISK_CTRL      20
#define DISK_IRQCORE   24

#define POWER       0xF0002000   // write a value: power off with that exit code
#define CLOCK       0xF0003000   // +0 cycle counter low, +4 high

// Read and write a device register.
#define REG(base, off) (*(volatile uint *)((base) + (off)))

#endif // MINOS_MEMLAYOUT_H
