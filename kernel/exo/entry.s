# entry.s: the exokernel's vector table, and its exception fast path.
#
# Exceptions go to user code. A user exception (illegal or privileged
# instruction, page fault, misaligned access, division by zero,
# breakpoint) of an environment that named an upcall goes straight back
# to ring 3, at the upcall, in 18 instructions counted from the trap
# (Aegis's figure): the vector's jmp, a ring check, one load for the
# upcall, the saving of the one register it needs (t0) and of what the
# library cannot read itself (epc, cause, badaddr, access) into the
# agreed save area, and iret. The library (libos/entry.S) saves every
# other register itself, in user mode.
#
# The agreed save area is struct exoframe (kernel/exo/exoabi.h) at
# EXO_SAVE = UXSTACKTOP - 80, on the env's exception stack:
#     0 cause   4 badaddr   8 access   12 epc   40 t0
# (badaddr and access mean something for page faults and misaligned
# accesses only). iret restores the user's own sp (csr usp).
#
# Invariants that make the stores safe in ring 0: an env's upcall is in
# its trap frame's last word (pad, at ksp - 4: core's entry never writes
# it), and it is non-zero only while the page below UXSTACKTOP is mapped
# writable in that env (env.c setupcall, page.c guards the page). Every
# other cause, any trap from ring 0, and an env without an upcall take
# core's path (alltraps): sp is reloaded from csr ksp, the top of the
# kernel stack. (So a kernel exception's report shows that sp, not the
# interrupted one; the backtrace still follows fp.)

        .equ EXO_SAVE, 0xEFFFFFB0       # UXSTACKTOP - 80 (exoabi.h)

        .text
        .align 8
        .global exovectors
exovectors:
        jmp  exo_exception      # 0 illegal
        jmp  exo_exception      # 1 privileged
        jmp  exo_exception      # 2 pagefault
        jmp  alltraps           # 3 tlbmiss
        jmp  exo_exception      # 4 misaligned
        jmp  exo_exception      # 5 divzero
        jmp  exo_exception      # 6 breakpoint
        jmp  alltraps           # 7 syscall
        jmp  alltraps           # 8 timer
        jmp  alltraps           # 9 ipi
        jmp  alltraps           # 10 console
        jmp  alltraps           # 11 disk

exo_exception:
        csrr sp, estatus        # from ring 3, sp is only ksp: free to use
        andi sp, sp, 0x300
        beqz sp, .Lcore         # from ring 0: a kernel bug, core panics
        csrr sp, ksp
        lw   sp, -4(sp)         # the env's upcall (its trap frame's pad word)
        beqz sp, .Lcore         # none: core's path kills the env
        sw   t0, EXO_SAVE+40(zero)
        csrr t0, epc
        sw   t0, EXO_SAVE+12(zero)
        csrw epc, sp            # iret enters the library at its upcall
        csrr t0, cause
        sw   t0, EXO_SAVE+0(zero)
        csrr t0, badaddr
        sw   t0, EXO_SAVE+4(zero)
        csrr t0, access
        sw   t0, EXO_SAVE+8(zero)
        iret
.Lcore:
        csrr sp, ksp
        jmp  alltraps
