/* machine.h: the bare machine's device registers (physical addresses; word
 * accesses). Only the machine-specific parts of the runtime (console.c,
 * exit.c, heap.c) use these; see docs/isa.md for the devices. */
#ifndef _MACHINE_H
#define _MACHINE_H

#define MMIO_REG(addr) (*(volatile unsigned int *)(addr))

/* Console (UART). */
#define CONSOLE_BASE 0xF0000000u
#define CONSOLE_TX (CONSOLE_BASE + 0)       /* write: print the low byte */
#define CONSOLE_RX (CONSOLE_BASE + 4)       /* read: next input byte, 0xFFFFFFFF if none */
#define CONSOLE_STATUS (CONSOLE_BASE + 8)   /* bit 0: input available */
#define CONSOLE_CTRL (CONSOLE_BASE + 12)    /* bit 0: receive interrupt enable */
#define CONSOLE_IRQCORE (CONSOLE_BASE + 16) /* core that receives the interrupt */
#define CONSOLE_RX_NONE 0xFFFFFFFFu

/* Block device. */
#define DISK_BASE 0xF0001000u
#define DISK_BLOCK (DISK_BASE + 0)
#define DISK_ADDR (DISK_BASE + 4)
#define DISK_CMD (DISK_BASE + 8)            /* 1 read, 2 write */
#define DISK_STATUS (DISK_BASE + 12)        /* 0 idle, 1 busy, 2 done, 3 error */
#define DISK_NBLOCKS (DISK_BASE + 16)
#define DISK_CTRL (DISK_BASE + 20)
#define DISK_IRQCORE (DISK_BASE + 24)
#define DISK_BLOCK_SIZE 4096

/* Power: writing V powers the machine off with exit code V. */
#define POWER_BASE 0xF0002000u
#define POWER_OFF (POWER_BASE + 0)

/* Clock: the reading core's cycle counter. */
#define CLOCK_BASE 0xF0003000u
#define CLOCK_LOW (CLOCK_BASE + 0)
#define CLOCK_HIGH (CLOCK_BASE + 4)

#endif
