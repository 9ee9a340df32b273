# entry.s: the kernel's assembly — boot on every core, the trap vector
# table, trap entry and exit, and the context switch.
#
# Register use follows docs/abi.md. The trap frame layout (offsets below)
# is struct trapframe in kernel/include/trap.h; the context layout is
# struct context in kernel/include/thread.h.

        .equ KSTACKSIZE, 8192           # param.h
        .equ NCPU, 16                   # param.h
        .equ TF_SIZE, 88                # sizeof(struct trapframe)

# ---------------------------------------------------------------------------
# Boot. Every core starts here in ring 0 with paging and interrupts off,
# a0 = its core id, a1 = the RAM size. Each core takes its own boot stack
# (boot_stacks + (id + 1) * KSTACKSIZE), ends the frame-pointer chain with
# fp = 0, and calls main(), which never returns.
        .text
        .global _entry
_entry:
        li   sp, boot_stacks
        addi t0, a0, 1
        muli t0, t0, KSTACKSIZE
        add  sp, sp, t0
        li   fp, 0
        call main
.Lhang:
        jmp  .Lhang

# ---------------------------------------------------------------------------
# The vector table: cause C enters at vectors + 8 * C. Every slot jumps to
# the same code; trap() reads the cause from the frame.
        .align 8
        .global vectors
vectors:
        jmp  alltraps           # 0 illegal
        jmp  alltraps           # 1 privileged
        jmp  alltraps           # 2 pagefault
        jmp  alltraps           # 3 tlbmiss
        jmp  alltraps           # 4 misaligned
        jmp  alltraps           # 5 divzero
        jmp  alltraps           # 6 breakpoint
        jmp  alltraps           # 7 syscall
        jmp  alltraps           # 8 timer
        jmp  alltraps           # 9 ipi
        jmp  alltraps           # 10 console
        jmp  alltraps           # 11 disk

# ---------------------------------------------------------------------------
# Trap entry. The hardware has saved epc/estatus/cause/badaddr/access,
# turned interrupts off and entered ring 0; coming from ring 3 it also
# saved the user sp in csr usp and loaded sp from csr ksp (the top of the
# running process's kernel stack). Coming from ring 0, sp is still the
# interrupted kernel code's stack. Either way: build a trap frame below sp,
# call trap(frame), restore, iret. (Compiled code never reads below sp, so
# the words there are free: see the epilogue in docs/abi.md.)
        .global alltraps
alltraps:
        addi sp, sp, -TF_SIZE
        sw   a0, 0(sp)
        sw   a1, 4(sp)
        sw   a2, 8(sp)
        sw   a3, 12(sp)
        sw   a4, 16(sp)
        sw   a5, 20(sp)
        sw   t0, 24(sp)
        sw   t1, 28(sp)
        sw   s0, 32(sp)
        sw   s1, 36(sp)
        sw   s2, 40(sp)
        sw   s3, 44(sp)
        sw   fp, 48(sp)
        addi t0, sp, TF_SIZE   # sp as it was when the trap arrived
        sw   t0, 52(sp)
        sw   lr, 56(sp)
        csrr t0, epc
        sw   t0, 60(sp)
        csrr t0, estatus
        sw   t0, 64(sp)
        csrr t0, cause
        sw   t0, 68(sp)
        csrr t0, badaddr
        sw   t0, 72(sp)
        csrr t0, access
        sw   t0, 76(sp)
        csrr t0, usp
        sw   t0, 80(sp)
        # From user mode, end the backtrace here (fp = 0); from the kernel,
        # keep fp so a panic's backtrace continues into the interrupted code.
        csrr t0, estatus
        andi t0, t0, 0x300
        beqz t0, .Lfromkernel
        li   fp, 0
.Lfromkernel:
        mov  a0, sp
        call trap
        # fall through

# Trap exit: sp points at a trap frame. Also the way a new process first
# reaches user mode (forkret_entry below). Interrupts must be off from
# here to iret, since a trap now would overwrite epc and estatus.
        .global trapret
trapret:
        cli
        lw   t0, 60(sp)
        csrw epc, t0
        lw   t0, 64(sp)
        csrw estatus, t0
        lw   t0, 80(sp)
        csrw usp, t0            # iret to ring 3 takes sp from here
        lw   a0, 0(sp)
        lw   a1, 4(sp)
        lw   a2, 8(sp)
        lw   a3, 12(sp)
        lw   a4, 16(sp)
        lw   a5, 20(sp)
        lw   t0, 24(sp)
        lw   t1, 28(sp)
        lw   s0, 32(sp)
        lw   s1, 36(sp)
        lw   s2, 40(sp)
        lw   s3, 44(sp)
        lw   fp, 48(sp)
        lw   lr, 56(sp)
        addi sp, sp, TF_SIZE
        iret

# A new process's first instructions in the kernel: its context's lr
# points here and its sp at its trap frame (proc.c allocproc).
        .global forkret_entry
forkret_entry:
        call forkret
        jmp  trapret

# ---------------------------------------------------------------------------
# void swtch(struct context *old, struct context *new)
# Save the callee-saved registers (and lr, where we return) in *old, load
# them from *new, and return into whatever called swtch() with new's
# registers: that is the switch from one thread's stack to another's.
        .global swtch
swtch:
        sw   lr, 0(a0)
        sw   sp, 4(a0)
        sw   fp, 8(a0)
        sw   s0, 12(a0)
        sw   s1, 16(a0)
        sw   s2, 20(a0)
        sw   s3, 24(a0)
        lw   lr, 0(a1)
        lw   sp, 4(a1)
        lw   fp, 8(a1)
        lw   s0, 12(a1)
        lw   s1, 16(a1)
        lw   s2, 20(a1)
        lw   s3, 24(a1)
        ret

# ---------------------------------------------------------------------------
# One boot stack per core: the core's scheduler runs on it forever.
        .bss
        .align 16
        .global boot_stacks
boot_stacks:
        .space 131072           # NCPU * KSTACKSIZE
