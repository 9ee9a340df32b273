// param.h: sizes of the kernel's fixed tables.
//
// (The file-system limits ROOTDEV, MAXOPBLOCKS and LOGSIZE live in fs.h
// with the on-disk format.)

#ifndef MINOS_PARAM_H
#define MINOS_PARAM_H

#define NPROC        64     // processes
#define NCPU         16     // cores (the machine has at most 16)
#define NOFILE       16     // open files per process
#define NFILE        100    // open files in the whole system
#define NINODE       50     // inodes in memory
#define NDEV         10     // device numbers (major)
#define NBUF         (MAXOPBLOCKS * 3)   // buffer cache blocks
#define MAXARG       32     // exec arguments
#define MAXARGLEN    256    // bytes in one exec argument
#define MAXPATH      128    // bytes in a path name
#define KSTACKSIZE   8192   // bytes of each kernel stack (threads and cores)
#define USTACKPAGES  4      // pages of user stack exec maps (plus a guard page)
#define NASID        256    // address-space ids the TLB knows (0 = kernel)

// Time. A tick is TICK_CYCLES cycles of core 0's timer; every core's
// timer interrupts it every TICK_CYCLES cycles, which is also the
// scheduling quantum (round robin on each core).
#define TICK_CYCLES  10000

#endif // MINOS_PARAM_H
