// hw.h: the minos machine's facts, for C.
//
// Generated from vm/ by `python -m vm.headergen`; do not edit by hand
// (the machine's Python source is the one place these are written).
// The kernel's machine.h and memlayout.h and the bare runtime include it.

#ifndef MINOS_HW_H
#define MINOS_HW_H

// ---- traps: cause C enters at vec + 8 * C ----
#define T_ILLEGAL            0           // illegal instruction (unknown opcode or bad field)
#define T_PRIVILEGED         1           // privileged instruction executed outside ring 0
#define T_PAGEFAULT          2           // page not present, or access not allowed by the page's bits or ring
#define T_TLBMISS            3           // TLB miss in software-refill mode
#define T_MISALIGNED         4           // misaligned load, store or instruction fetch
#define T_DIVZERO            5           // division or remainder by zero
#define T_BREAKPOINT         6           // the brk instruction
#define T_SYSCALL            7           // the syscall instruction
#define T_TIMER              8           // this core's timer reached zero
#define T_IPI                9           // inter-processor interrupt
#define T_CONSOLE            10          // console received a byte
#define T_DISK               11          // disk request completed
#define NCAUSE               12          // causes; interrupts are T_TIMER and up
// Each cause's name for messages, indexed by cause:
//   static char *causenames[] = TRAP_CAUSE_NAMES;
#define TRAP_CAUSE_NAMES { "illegal instruction", "privileged instruction", "page fault", "TLB miss", "misaligned access", "division by zero", "breakpoint", "system call", "timer", "IPI", "console", "disk" }
#define ACCESS_READ          0           // csr access: the kind of access that faulted
#define ACCESS_WRITE         1
#define ACCESS_EXEC          2

// ---- control registers (csrr/csrw take the name; these are the numbers) ----
#define CSR_STATUS           0
#define CSR_EPC              1
#define CSR_ESTATUS          2
#define CSR_CAUSE            3
#define CSR_BADADDR          4
#define CSR_ACCESS           5
#define CSR_VEC              6
#define CSR_KSP              7
#define CSR_USP              8
#define CSR_PTBR             9
#define CSR_ASID             10
#define CSR_COREID           11
#define CSR_NCORES           12
#define CSR_CYCLE            13
#define CSR_CYCLEH           14
#define CSR_INSTRET          15
#define CSR_TIMER            16
#define CSR_IPI              17
#define CSR_IPEND            18
#define CSR_SCRATCH          19
#define CSR_MEMSIZE          20
#define STATUS_IE            1           // interrupts enabled
#define STATUS_PG            2           // paging on
#define STATUS_SWTLB         4           // software TLB refill
#define STATUS_RING_SHIFT    8           // bits 8-9: current ring (read-only)

// ---- pages and page-table entries (two levels, 10 + 10 + 12 bits) ----
#define PGSIZE               4096        // bytes per page
#define PGSHIFT              12          // log2(PGSIZE)
#define PTE_P                0x001       // present
#define PTE_W                0x002       // writable
#define PTE_X                0x004       // executable
#define PTE_RING_SHIFT       3           // bits 3-4: least privileged ring allowed
#define PTE_A                0x020       // accessed (set by the hardware)
#define PTE_D                0x040       // dirty (set by the hardware)
#define PTE_G                0x080       // global: matches every asid
#define PTE_FLAGS_MASK       0xFFF       // flag bits; the rest is the page number

// ---- devices (docs/devices.md): a base address; register offsets and bits ----
#define DEVICE_SPAN          0x1000      // bytes of address space per device
#define CONSOLE_BASE         0xF0000000u // the console (UART)
#define CONSOLE_TX           0
#define CONSOLE_RX           4
#define CONSOLE_STATUS       8
#define CONSOLE_CTRL         12
#define CONSOLE_IRQCORE      16
#define DISK_BASE            0xF0001000u // the block device
#define DISK_BLOCK           0
#define DISK_ADDR            4
#define DISK_CMD             8
#define DISK_STATUS          12
#define DISK_NBLOCKS         16
#define DISK_CTRL            20
#define DISK_IRQCORE         24
#define POWER_BASE           0xF0002000u // power: writing V to OFF halts with exit code V
#define POWER_OFF            0
#define CLOCK_BASE           0xF0003000u // the reading core's cycle counter
#define CLOCK_LOW            0
#define CLOCK_HIGH           4
#define CONSOLE_RX_NONE      0xFFFFFFFFu // RX when no byte is waiting
#define CONSOLE_RX_READY     1           // STATUS bit: a byte is waiting
#define CONSOLE_RX_FULL      2           // STATUS bit: the receive FIFO is full
#define CONSOLE_RX_FIFO_DEPTH 16         // bytes the receive FIFO holds
#define DISK_BLOCK_SIZE      4096        // bytes per disk block
#define DISK_READ            1           // DISK_CMD: block -> memory
#define DISK_WRITE           2           // DISK_CMD: memory -> block
#define DISK_IDLE            0           // DISK_STATUS values
#define DISK_BUSY            1
#define DISK_DONE            2
#define DISK_ERROR           3

// Read or write the device register at offset off of the device at base.
#define REG(base, off) (*(volatile unsigned int *)((base) + (off)))

// ---- executable images (docs/formats.md) ----
#define IMAGE_MAGIC          0x534F4E4Du // "MNOS" read as a little-endian word
#define IMAGE_VERSION        1
#define IMAGE_HDRSIZE        16          // bytes: magic, version, entry, nsegs
#define IMAGE_SEGSIZE        24          // bytes per segment: vaddr, off, filesz, memsz, flags, 0
#define SEG_R                1           // segment flags
#define SEG_W                2
#define SEG_X                4
#define KERNEL_BASE          0x00010000u // a kernel image's link address
#define USER_BASE            0x40000000u // a user program's link address

#endif // MINOS_HW_H
