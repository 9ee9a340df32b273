// fastpath.S: the IPC fast path (seL4's call / reply-recv fast path), at
// trap entry, before core's trap() and the C system-call dispatch.
//
// The common case of a microkernel is a client's `call` to a server
// that waits in `replyrecv`, and the server's `replyrecv` answering a
// client that waits for the reply. In both halves one thread blocks and
// exactly one other, already chosen, runs: the fast path checks the
// preconditions up front, gives the message to the other thread, blocks
// the caller, and returns to user mode straight into the other thread —
// no trap(), no syscall(), no run queue, no scheduler. This is micro's
// only direct switch: ipc.c's C paths wake a thread through the run
// queue.
//
// The message: a register-only one (the commonest, and the one to make
// cheap) moves here, five words from one trap frame to the other; one
// with a long part or a capability given is moved by ipc.c's transfer,
// called from here, after checkbufs (ipc.c) has checked our buffers as
// the slow path would — so a server that always receives into a buffer
// (the fs server), a client that wants a long reply, and a long message
// all take the fast path too. So does a pager's reply to a thread that
// waits in a page fault's call (ipc_fault): its registers stay the
// user's, and it runs the instruction that faulted again.
//
// Anything else (another system call, a kernel label, a bad buffer, a
// message that does not fit, no partner waiting, a client waiting on the
// endpoint or a signal pending for replyrecv, a partner not asleep or
// killed, a pager's refusal) goes to core's ordinary path with the trap
// frame intact: the slow path in C (main.c, ipc.c) does the same thing
// more generally, or reports the error, so the fast path changes nothing
// but the cost.
//
// RESUMING A THREAD FROM ITS TRAP FRAME. A thread blocked in IPC (block
// in ipc.c, or here) has nothing left to do in the kernel but return the
// result its partner writes into its trap frame (or, in a page fault,
// return to the instruction that faulted), so the fast path runs it
// straight into user mode through trapret; whatever C frames it has
// below its trap frame are dropped. A thread the fast path blocks has no
// C frames at all: its saved context is set to resume at parkentry with
// sp at its trap frame, so that if the scheduler runs it (after an
// ordinary wakeup, unblock in ipc.c) it runs parkresume(), which
// finishes the system call as syscall() would.
//
// LOCKS. Interrupts are off from the trap to the iret, so the locks
// are taken with the bare swap (no push_off: c->noff stays 0, as it is
// in user mode), and their owner field (spinlock.cpu, for C's checks
// against taking a lock twice) stays 0; the C the fast path calls
// (checkbufs, transfer) takes neither ipc_lock nor a thread's lock.
// Order as everywhere: ipc_lock, then a thread's lock.
// The partner's lock is held while its state changes (as the scheduler
// holds it); it also makes us wait until the partner is off the core it
// last ran on. Our own lock is not needed: a blocked thread is woken only
// under ipc_lock (unblock, ipc.c), which we hold until we are off our
// kernel stack, so no other core can run parkentry on that stack before
// we leave it. The switch's bookkeeping is the scheduler's
// (kernel/core/sched.c): state, core, cycles, kernel stack, address
// space (vmswitch's TLB generation check), counters.
//
// OFFSETS. Assembly cannot read C structs: the numbers below are the
// kernel's struct layouts and enum values. tests/micro/test_ipc_fastpath.py
// checks each against the compiler's debug info (the comment names the
// struct field, "sizeof struct", or "enum name"), so a change of micro.h
// or thread.h that moves a field fails there, not at run time.

#include "ipc.h"
#include <hw.h>                 // T_SYSCALL

#define TF_SIZE        88       // sizeof trapframe
#define SLEEPING       2        // enum threadstate
#define RUNNING        4        // enum threadstate
#define IPC_RECV       2        // enum ipcstate
#define IPC_REPLY      3        // enum ipcstate

#define CPU_ID         0        // cpu.id
#define CPU_THREAD     4        // cpu.thread
#define CPU_RQ         44       // cpu.rq
#define RQ_N           20       // runq.n
#define CPU_ASIDGEN    72       // cpu.asidgen
#define CPU_NSWITCH    1096     // cpu.nswitch
#define CPU_BUSYCYCLES 1112     // cpu.busycycles
#define CPU_NMIGRATE   1120     // cpu.nmigrate
#define CPU_RUNSTART   1124     // cpu.runstart
#define TH_STATE       12       // thread.state
#define TH_CHAN        16       // thread.chan
#define TH_KILLED      20       // thread.killed
#define TH_CPU         28       // thread.cpu
#define TH_SLICE       44       // thread.slice
#define TH_CYCLES      48       // thread.cycles
#define TH_TF          56       // thread.tf
#define TH_CONTEXT     60       // thread.context
#define TH_AS          88       // thread.as
#define TH_OWNER       108      // thread.owner
#define CTX_LR         0        // context.lr
#define CTX_SP         4        // context.sp
#define CTX_FP         8        // context.fp
#define AS_PAGETABLE   16       // addrspace.pagetable
#define AS_ASID        20       // addrspace.asid
#define TCB_T          0        // tcb.t
#define TCB_TASK       4        // tcb.task
#define TCB_STATE      8        // tcb.state
#define TCB_OBJ        12       // tcb.obj
#define TCB_NEXT       16       // tcb.next
#define TCB_CALLER     28       // tcb.caller
#define TCB_CALLSEQ    32       // tcb.callseq
#define TCB_BOUND      36       // tcb.bound
#define TCB_FAULT      44       // tcb.fault
#define TASK_CAPS      16       // task.caps
#define CAP_SIZE       24       // sizeof cap
#define CAP_TYPE       0        // cap.type
#define CAP_RIGHTS     4        // cap.rights
#define CAP_BADGE      8        // cap.badge
#define CAP_OBJ        12       // cap.obj
#define EP_SENDERS     8        // endpoint.senders
#define EP_RECEIVERS   12        // endpoint.receivers
#define NTFN_BITS      8        // notification.bits
#define ASIDS_GEN      268      // asids.gen (a global of kernel/core/vm.c)

// Registers once the frame is saved (every user register is in it):
//   sp  our trap frame          fp  this core's struct cpu
//   s0  our tcb (me)            s1  the partner's tcb (next)
//   s2  our thread (p)          s3  the partner's thread
//   a0  task + slot * CAP_SIZE: our capability is at TASK_CAPS(a0)
//   a5  0: a register-only message (moved here); else transfer moves it
//   t0, t1, lr, a1..a4: scratch

        .text

// micro's vector table: core's (entry.s), but for the system call.
        .align 8
        .global microvectors
microvectors:
        jmp  alltraps           // 0 illegal
        jmp  alltraps           // 1 privileged
        jmp  alltraps           // 2 pagefault
        jmp  alltraps           // 3 tlbmiss
        jmp  alltraps           // 4 misaligned
        jmp  alltraps           // 5 divzero
        jmp  alltraps           // 6 breakpoint
        jmp  fastpath           // 7 syscall
        jmp  alltraps           // 8 timer
        jmp  alltraps           // 9 ipi
        jmp  alltraps           // 10 console
        jmp  alltraps           // 11 disk

// A system call (only user code executes `syscall`, so we come from
// ring 3 and sp is the top of our kernel stack). Save the trap frame as
// core's alltraps does (entry.s: the layout of struct trapframe); the
// cause and the sp of the trap (the top of the kernel stack) are written
// only if we go to trap(), and badaddr and access mean nothing for a
// system call.
fastpath:
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
        sw   lr, 56(sp)
        csrr t1, epc
        sw   t1, 60(sp)
        csrr t1, estatus
        sw   t1, 64(sp)
        csrr t1, usp
        sw   t1, 80(sp)

        // The message's shape. The common case — register-only, a
        // user's label, no buffer: info < LABEL_KERNEL (length 0, no
        // IPC_GIVECAP, not a kernel label) and s0 == 0 — is moved here
        // (a5 = 0). Anything else is checked first as the slow path
        // checks it (.Lcheck) and moved by ipc.c's transfer if it has a
        // long part or a capability (a5 != 0).
        li   t1, LABEL_KERNEL
        bgeu a1, t1, .Lcheck
        bnez s0, .Lcheck
        li   a5, 0
.Lshaped:
        li   t1, NCAP           // a slot number that is a slot
        bgeu a0, t1, .Lslow
        csrr fp, scratch        // mycpu()
        lw   s2, CPU_THREAD(fp) // (if we were killed, we block, and whoever
                                // would wake us takes the slow path: partner)
        lw   s0, TH_OWNER(s2)   // our tcb
        lw   t1, TCB_TASK(s0)
        muli a0, a0, CAP_SIZE
        add  a0, a0, t1         // &task->caps[slot] - TASK_CAPS
        lw   t1, TASK_CAPS+CAP_TYPE(a0)
        subi t1, t1, CAP_ENDPOINT
        bnez t1, .Lslow
        lw   a1, TASK_CAPS+CAP_RIGHTS(a0)
        li   t1, SYS_call
        beq  t0, t1, .Lcall
        li   t1, SYS_replyrecv
        bne  t0, t1, .Lslow

// ---- replyrecv: answer our caller, who waits; wait on the endpoint ----
        andi a1, a1, RIGHT_RECV
        beqz a1, .Lslow
        li   t0, ipc_lock
        li   t1, 1
.Lrr1:      swap lr, t0, t1
        bnez lr, .Lrr1
        lw   s1, TCB_CALLER(s0)
        beqz s1, .Lunlock
        lw   t1, TCB_STATE(s1)
        subi t1, t1, IPC_REPLY
        bnez t1, .Lunlock
        lw   a2, TASK_CAPS+CAP_OBJ(a0)    // the endpoint
        lw   t1, EP_SENDERS(a2)
        bnez t1, .Lunlock       // a client waits: the slow path serves it at once
        lw   t1, TCB_BOUND(s0)
        beqz t1, .Lrr2
        lw   t1, NTFN_BITS(t1)
        bnez t1, .Lunlock       // a signal is pending: the slow path delivers it
.Lrr2:      li   a1, 0                  // a reply carries no badge
        call partner
        // Committed. The caller's wait is over; we wait on the endpoint,
        // last in its queue of receivers.
        sw   zero, TCB_CALLER(s0)
        li   t1, IPC_RECV
        sw   t1, TCB_STATE(s0)
        sw   a2, TCB_OBJ(s0)
        sw   zero, TCB_NEXT(s0)
        addi t1, a2, EP_RECEIVERS
.Lrr3:      lw   a3, 0(t1)
        beqz a3, .Lrr4
        addi t1, a3, TCB_NEXT
        jmp  .Lrr3
.Lrr4:      sw   s0, 0(t1)
        jmp  .Lswitch

// ---- call: give the message to a waiting receiver; wait for the reply ----
.Lcall:
        andi a1, a1, RIGHT_SEND
        beqz a1, .Lslow
        li   t0, ipc_lock
        li   t1, 1
.Lcall1:      swap lr, t0, t1
        bnez lr, .Lcall1
        lw   a2, TASK_CAPS+CAP_OBJ(a0)    // the endpoint
        lw   s1, EP_RECEIVERS(a2)
        beqz s1, .Lunlock
        lw   a1, TASK_CAPS+CAP_BADGE(a0)  // who called, as the receiver sees it
        call partner
        // Committed: the receiver leaves the endpoint's queue with the
        // right to answer us; we wait for the reply.
        lw   t1, TCB_NEXT(s1)
        sw   t1, EP_RECEIVERS(a2)
        sw   s0, TCB_CALLER(s1)
        lw   t1, TCB_CALLSEQ(s0)
        addi t1, t1, 1
        sw   t1, TCB_CALLSEQ(s0)
        li   t1, IPC_REPLY
        sw   t1, TCB_STATE(s0)

// ---- both halves: the partner's wait is over, we block, the partner runs ----
.Lswitch:
        sw   zero, TCB_STATE(s1)        // IPC_IDLE: its wait is over
        sw   zero, TCB_OBJ(s1)
        lw   t1, ipc_fastpaths(zero)
        addi t1, t1, 1
        sw   t1, ipc_fastpaths(zero)

        // We sleep on our tcb (as block() does), to resume at parkentry
        // (without our own lock: see LOCKS above).
        li   t1, parkentry
        sw   t1, TH_CONTEXT+CTX_LR(s2)
        sw   sp, TH_CONTEXT+CTX_SP(s2)
        sw   zero, TH_CONTEXT+CTX_FP(s2)
        sw   s0, TH_CHAN(s2)
        li   t1, SLEEPING
        sw   t1, TH_STATE(s2)

        // The scheduler's bookkeeping: our cycles, the partner's core and
        // state, this core's thread, kernel stack and address space
        // (vmswitch: flush the partner's asid if this core has not seen
        // its latest generation). And, if a thread waits in this core's
        // run queue, donate: the partner runs on what is left of our
        // time slice, if anything (docs/micro.md: no starvation).
        csrr a0, cycle
        lw   t1, CPU_RUNSTART(fp)
        sw   a0, CPU_RUNSTART(fp)
        sub  a0, a0, t1
        lw   t1, CPU_BUSYCYCLES(fp)
        add  t1, t1, a0
        sw   t1, CPU_BUSYCYCLES(fp)
        lw   t1, TH_CYCLES(s2)
        add  t1, t1, a0
        sw   t1, TH_CYCLES(s2)
        lw   t1, CPU_RQ+RQ_N(fp)
        beqz t1, .Lsw5
        lw   t1, TH_SLICE(s2)
        sub  t1, t1, a0
        bge  t1, zero, .Lsw4
        li   t1, 0                      // an overdrawn turn is over: no debt passed on
.Lsw4:  sw   t1, TH_SLICE(s3)
.Lsw5:  lw   t0, TH_CPU(s3)
        lw   t1, CPU_ID(fp)
        beq  t0, t1, .Lsw6
        sw   t1, TH_CPU(s3)
        lw   t1, CPU_NMIGRATE(fp)
        addi t1, t1, 1
        sw   t1, CPU_NMIGRATE(fp)
.Lsw6:  li   t1, RUNNING
        sw   t1, TH_STATE(s3)
        sw   zero, TH_CHAN(s3)
        sw   s3, CPU_THREAD(fp)
        lw   t1, CPU_NSWITCH(fp)
        addi t1, t1, 1
        sw   t1, CPU_NSWITCH(fp)
        lw   t1, TH_TF(s3)
        addi t1, t1, TF_SIZE            // the top of its kernel stack
        csrw ksp, t1
        lw   t1, TH_AS(s3)
        lw   a0, AS_PAGETABLE(t1)
        csrw ptbr, a0
        lw   a0, AS_ASID(t1)
        csrw asid, a0
        shli a1, a0, 2
        add  t0, a1, fp
        lw   t0, CPU_ASIDGEN(t0)        // c->asidgen[asid]
        lw   t1, asids+ASIDS_GEN(a1)    // asids.gen[asid]
        beq  t0, t1, .Lsw7
        tlbflushasid a0
        add  t0, a1, fp
        sw   t1, CPU_ASIDGEN(t0)

        // Onto the partner's trap frame; let go of its lock and ipc_lock:
        // from then on we are only a blocked thread.
.Lsw7:  lw   sp, TH_TF(s3)
        swap zero, s3, zero             // the atomic store (spinlock.c)
        li   t0, ipc_lock
        swap zero, t0, zero
        jmp  trapret

// A message that is not register-only, or a buffer to receive into,
// in a call or a replyrecv: checkbufs (ipc.c) checks our buffers and
// label as the slow path does, before anything is locked (a page-table
// walk; transfer checks every page again under ipc_lock). If that finds
// an error, the slow path reports it. a5 = info >> 15: nonzero if
// transfer must move a long part or a capability (IPC_GIVECAP is bit
// 15), 0 if our registers are all there is to move.
.Lcheck:
        li   t1, SYS_call
        beq  t0, t1, .Lcheck1
        li   t1, SYS_replyrecv
        bne  t0, t1, .Lslow
.Lcheck1:
        csrr t1, scratch
        lw   t1, CPU_THREAD(t1)
        lw   a0, TH_OWNER(t1)
        li   a1, 1
        li   a2, 1
        call checkbufs
        bnez a0, .Lslow
        lw   a0, 0(sp)
        lw   t0, 24(sp)
        lw   a5, 4(sp)
        shri a5, a5, 15
        jmp  .Lshaped

// Not the fast path's case: let go of ipc_lock, and take core's path
// with the frame as the user left it (alltraps' tail).
.Lunlock:
        li   t0, ipc_lock
        swap zero, t0, zero
.Lslow:
        li   t1, T_SYSCALL
        sw   t1, 68(sp)
        addi t1, sp, TF_SIZE
        sw   t1, 52(sp)
        li   fp, 0
        mov  a0, sp
        call trap
        jmp  trapret

// The partner s1 (ipc_lock held): take its thread's lock, s3 = its
// thread, and if it sleeps (blocked in ipc.c or here) and is not
// killed, give it our message (a1 = the badge it sees) and return;
// else let go of both locks and take the slow path.
partner:
        lw   s3, TCB_T(s1)
        li   t1, 1
.Lpartner1:      swap t0, s3, t1
        bnez t0, .Lpartner1
        lw   t1, TH_STATE(s3)
        subi t1, t1, SLEEPING
        bnez t1, .Lpartner2
        lw   t1, TH_KILLED(s3)
        bnez t1, .Lpartner2
        lw   t0, TH_TF(s3)
        lw   t1, TCB_FAULT(s1)
        bnez t1, .Lfault
        bnez a5, .Lxfer
        // Register-only: the five words from our trap frame to its, its
        // a0 = 0 (its system call returns 0), its t0 = the badge.
        sw   zero, 0(t0)
        sw   a1, 24(t0)
        addi t0, t0, 4
        addi t1, sp, 4
        li   a4, 20
        bcopy t0, t1, a4                // a1..a5: info and the four words
.Lcounted:
        lw   t1, ipc_messages(zero)
        addi t1, t1, 1
        sw   t1, ipc_messages(zero)
        ret
// It waits in a page fault's call (ipc_fault): its registers are the
// user's, to run the instruction that faulted again, so nothing goes
// into them. A reply of label 0 and nothing else (info 0: the page is
// mapped) ends its fault here; any other (it dies: ipc_fault) takes the
// slow path.
.Lfault:
        lw   t1, 4(sp)
        bnez t1, .Lpartner2
        sw   zero, TCB_FAULT(s1)
        jmp  .Lcounted
// A long part or a capability given: transfer (ipc.c) moves the
// message, the badge and the count, or fails (the receiver's buffer is
// too small, a bad address, no right to give): the slow path reports it.
.Lxfer:
        addi sp, sp, -8
        sw   lr, 0(sp)
        sw   a2, 4(sp)
        mov  a2, a1
        mov  a0, s0
        mov  a1, s1
        call transfer
        mov  t1, a0
        lw   lr, 0(sp)
        lw   a2, 4(sp)
        addi sp, sp, 8
        bnez t1, .Lpartner2
        lw   t0, TH_TF(s3)
        sw   zero, 0(t0)
        ret
.Lpartner2:
        swap zero, s3, zero
        jmp  .Lunlock

// A thread the fast path blocked, run by the scheduler (its context:
// lr here, sp its trap frame): finish its system call in C.
        .global parkentry
parkentry:
        call parkresume
        jmp  trapret
