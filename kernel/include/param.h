// param.h: sizes of kernel/core's fixed tables.
//
// (The Unix limits — open files, inodes, buffers, path length — are
// kernel/mono's: kernel/mono/monoparam.h.)

#ifndef MINOS_PARAM_H
#define MINOS_PARAM_H

#define NTHREAD      64     // threads (and address spaces) in the whole system
#define NCPU         16     // cores (the machine has at most 16)
#define MAXARG       32     // exec arguments
#define MAXARGLEN    256    // bytes in one exec argument
#define KSTACKSIZE   8192   // bytes of each kernel stack (threads and cores)
#define USTACKPAGES  4      // pages of user stack exec maps (plus a guard page)
#define NASID        256    // address-space ids the TLB knows (0 = kernel)

// Time. A tick is TICK_CYCLES cycles of core 0's timer; every core's
// timer interrupts it every TICK_CYCLES cycles, which is also the
// scheduling quantum (round robin on each core).
#define TICK_CYCLES  10000

#endif // MINOS_PARAM_H
