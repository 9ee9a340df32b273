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
        .equ EXO_pct, 14                # exoabi.h
        .equ EXO_NENV, 64
        .equ ENV_RUNNABLE, 1
        .equ ENV_RECV, 3
        .equ RUNNING, 4                 # enum threadstate (thread.h)
        # struct env (exo.h), struct thread and struct cpu (thread.h):
        # tests/exo/test_exo.py checks these against the kernel's debug info
        .equ ENV_SIZE, 44
        .equ ENV_ID, 0
        .equ ENV_STATUS, 4
        .equ ENV_T, 8
        .equ ENV_KSP, 12
        .equ ENV_PD, 16
        .equ ENV_ASID, 20
        .equ ENV_TLBMODE, 24
        .equ ENV_WAITPC, 28
        .equ T_LOCKED, 0                # t->lock.locked
        .equ T_STATE, 12
        .equ T_OWNER, 108
        .equ CPU_THREAD, 4

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
        jmp  exo_syscall        # 7 syscall
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

# The protected control transfer, EXO_pct(id, w0, w1, w2) (env.c says
# what it means): from a waiting env's point of view, switch in assembly,
# without the scheduler, and iret into the receiver where it waited
# (e->waitpc), with the sender's id in a0 and the words still in a1-a3.
# The kernel carries nothing else: not even sp (the library keeps its
# own, libos/entry.S exo_pct). Anything else, and every other system
# call, takes core's path (syscall.c, env.c pct).
# The switch does what the scheduler would: the core's thread, the
# kernel stack (csr ksp), the page directory and asid (whose TLB entries
# it flushes, as vmswitch may have to), the thread's state. The sender
# keeps its time slice's remainder for the receiver (Aegis: the slice is
# donated), and its epc goes to its env's waitpc, to be resumed there.
# Both envs may be in either TLB mode: an env in the software-TLB mode
# enters through swtlb.S's slot (swsyscall, which turns SWTLB off and
# comes here), and a receiver in that mode leaves through exo_swiret.
# Free registers: sp (from ring 3 it is only ksp), t0, t1, s0-s3: the
# sender's library saved what it needs (libos/entry.S exo_pct).
# t1 holds the receiver's offset in envs[], so envs+FIELD(t1) is a field.
        .global exo_syscall
exo_syscall:
        li   sp, EXO_pct
        bne  t0, sp, .Lsyscall
        addi t1, a0, -1         # the receiver: envs[(id - 1) % EXO_NENV] ...
        andi t1, t1, EXO_NENV - 1
        muli t1, t1, ENV_SIZE
        lw   sp, envs+ENV_ID(t1)
        bne  sp, a0, .Lsyscall  # ... if it has that id
        lw   s0, envs+ENV_STATUS(t1)
        li   s1, ENV_RECV
        li   s2, ENV_RUNNABLE
        cas  s1, s0, s2         # claim it: ENV_RECV -> ENV_RUNNABLE, atomically
        addi sp, s1, -ENV_RECV  # (s1: the status it had, ENV_RECV if claimed)
        bnez sp, .Lsyscall      # not waiting (or claimed by another core)
        lw   s2, envs+ENV_T(t1)
.Lleft:
        lw   sp, T_LOCKED(s2)   # parked by env.c: wait until it left its core
        bnez sp, .Lleft
        csrr s3, scratch        # this core's struct cpu
        lw   s0, CPU_THREAD(s3) # the sender's thread
        sw   s2, CPU_THREAD(s3) # the core runs the receiver now
        li   sp, RUNNING
        sw   sp, T_STATE(s2)
        lw   s0, T_OWNER(s0)    # the sender's env waits:
        csrr s3, epc
        sw   s3, ENV_WAITPC(s0) # where it resumes
        lw   a0, ENV_ID(s0)     # (the receiver's a0)
        lw   s0, ENV_STATUS(s0)
        sw   s1, 0(s0)          # ENV_RECV: from here on, a sender may claim it
        lw   sp, envs+ENV_KSP(t1)       # the receiver's kernel stack, address space
        csrw ksp, sp
        lw   s0, envs+ENV_PD(t1)
        csrw ptbr, s0
        lw   s0, envs+ENV_ASID(t1)
        csrw asid, s0
        tlbflushasid s0
        lw   s0, envs+ENV_WAITPC(t1)    # and where it waited
        csrw epc, s0
        lw   s0, envs+ENV_TLBMODE(t1)
        bnez s0, exo_swiret     # the software-TLB mode's way out (swtlb.S)
        iret                    # (estatus: ring 3, interrupts on, as the sender's)
.Lsyscall:
        csrr sp, ksp
        jmp  alltraps
