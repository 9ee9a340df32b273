// fuzztrap.S: the system-call fuzzers' one way into a kernel
// (userland/fuzz/, docs/reliability.md).
//
//   int fuzztrap(a0, a1, a2, a3, a4, a5, num, t1, s0)
//
// traps with t0 = num and every argument register set as given: a0-a5
// where C put them, t1 and s0 (the microkernel's long-message address
// and receive-buffer size, kernel/include/ipc.h) from the stack slots
// 7 and 8 (docs/abi.md). It returns the kernel's a0, untouched: no errno,
// no -1 (the fuzzers look at the raw result).
//
// The host (shell/fuzz.py) counts the fuzzers' calls, and keeps the last
// ones as a reproducer, by watching for system-call traps at the label
// fuzz_syscall: every fuzzed call passes here, and nothing else does.

        .text
        .global fuzztrap
fuzztrap:
        addi sp, sp, -8
        sw   s0, 0(sp)
        lw   t0, 8(sp)
        lw   t1, 12(sp)
        lw   s0, 16(sp)
        .global fuzz_syscall
fuzz_syscall:
        syscall
        lw   s0, 0(sp)
        addi sp, sp, 8
        ret
