// trap.h: the trap frame — what kernel/core/entry.s saves on the kernel
// stack when a trap or interrupt arrives, and restores before iret.
//
// Word i (i = 1..15) holds register ri at offset 4*(i-1) (docs/abi.md),
// then the control registers the hardware set for this trap. entry.s
// uses these offsets as numbers: change both together.

#ifndef MINOS_TRAP_H
#define MINOS_TRAP_H

#include "types.h"

struct trapframe {
  uint a0;        //  0  argument 0 / return value (r1)
  uint a1;        //  4
  uint a2;        //  8
  uint a3;        // 12
  uint a4;        // 16
  uint a5;        // 20
  uint t0;        // 24  system-call number
  uint t1;        // 28
  uint s0;        // 32
  uint s1;        // 36
  uint s2;        // 40
  uint s3;        // 44
  uint fp;        // 48
  uint sp;        // 52  sp at the trap (the kernel stack if from ring 3)
  uint lr;        // 56
  uint epc;       // 60  where iret returns
  uint estatus;   // 64  IE and ring to return to
  uint cause;     // 68  T_* (machine.h)
  uint badaddr;   // 72  faulting address (page faults, misaligned)
  uint access;    // 76  0 read, 1 write, 2 execute
  uint usp;       // 80  the user sp (traps from ring 3)
  uint pad;       // 84  keeps the frame a multiple of 8 bytes
};

#define TRAPFRAME_SIZE 88

// entry.s builds the frame right below the interrupted sp, so a trap from
// user mode puts it at kstack + KSTACKSIZE - TRAPFRAME_SIZE.

#endif // MINOS_TRAP_H
