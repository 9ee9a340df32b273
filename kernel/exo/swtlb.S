// swtlb.S: the software-TLB mode's way into and out of the kernel, and
// the kernel's TLB-miss fast path (the STLB: stlb.c).
//
// An environment in the software-TLB mode (stlb.c) runs in ring 3 with
// status.SWTLB set: the machine walks no page table, every TLB miss
// traps, and the kernel writes the entry (tlbwr). The kernel itself runs
// with SWTLB off and walks its page tables as usual: this machine's TLB
// has no wired entries and no unmapped kernel segment, so a miss in ring
// 0 with SWTLB on would trap into a vector that misses too, forever.
// Hence three rules:
//   - in: every slot of exoswvectors first turns SWTLB off, touching no
//     memory, and puts back the kernel's vector table (exovectors,
//     entry.s) before anything can trap in ring 0;
//   - out: exo_swexit installs exoswvectors and sets SWTLB as the last
//     act before iret (stlb.c swtlbexit sends core's trapret here);
//   - the pin: while a core runs ring 3 with SWTLB on, its TLB holds the
//     global entry of THIS page (exoswpte), so the vector fetch and the
//     first instructions of each way in hit. Every way out writes it
//     last (tlbwr) before setting SWTLB, and with SWTLB on only the
//     kernel's tlbwr changes the TLB. So the file must stay one page:
//     it starts page-aligned and is far smaller than 4096 bytes.
//
// Register use: from ring 3, sp holds only ksp (the user's sp is in csr
// usp), so sp is free; t0 and t1 are borrowed through their words in the
// trap frame (ksp - 88 + 24 and + 28), which core's alltraps rewrites
// anyway on the slow path.

#include <hw.h>
#include "exoabi.h"

        .equ TF_T0, -64                 // ksp - TRAPFRAME_SIZE + 24 (trap.h)
        .equ TF_T1, -60
        .equ TF_BADADDR, -16            // where swtlbexit keeps the user's epc
        .equ TF_ACCESS, -12             // ... and estatus
        .equ NSTLB, 512                 // exo.h
        .equ USERMODE, STATUS_PG + STATUS_SWTLB

        .text
        .align 4096
        .global exoswvectors
exoswvectors:
        jmp  swexception        // 0 illegal
        jmp  swexception        // 1 privileged
        jmp  swexception        // 2 pagefault
        jmp  swtlbmiss          // 3 tlbmiss
        jmp  swexception        // 4 misaligned
        jmp  swexception        // 5 divzero
        jmp  swexception        // 6 breakpoint
        jmp  swsyscall          // 7 syscall
        jmp  swtrap             // 8 timer
        jmp  swtrap             // 9 ipi
        jmp  swtrap             // 10 console
        jmp  swtrap             // 11 disk

// An interrupt: core's path, as from an env in the page-table mode.
swtrap:
        li   sp, STATUS_PG      // SWTLB off (interrupts are off already)
        csrw status, sp
        li   sp, exovectors
        csrw vec, sp
        csrr sp, ksp
        jmp  alltraps

// A system call: entry.s's, which takes the protected control transfer
// in assembly and sends every other call to core's path.
swsyscall:
        li   sp, STATUS_PG
        csrw status, sp
        li   sp, exovectors
        csrw vec, sp
        jmp  exo_syscall

// An exception: the fast path of entry.s's exo_exception, in this mode
// (the stores to the save area walk the env's page table, which maps the
// exception stack while an upcall is set: env.c setupcall), then back to
// ring 3 at the upcall through exo_swiret. No upcall: core's path, where
// the env dies of it.
swexception:
        li   sp, STATUS_PG
        csrw status, sp
        li   sp, exovectors
        csrw vec, sp
        csrr sp, ksp
        lw   sp, -4(sp)         // the env's upcall (its trap frame's pad word)
        beqz sp, .Lnoupcall
        sw   t0, EXO_SAVE+40(zero)
        csrr t0, epc
        sw   t0, EXO_SAVE+12(zero)
        csrw epc, sp            // iret enters the library at its upcall
        csrr t0, cause
        sw   t0, EXO_SAVE+0(zero)
        csrr t0, badaddr
        sw   t0, EXO_SAVE+4(zero)
        csrr t0, access
        sw   t0, EXO_SAVE+8(zero)
        jmp  exo_swiret
.Lnoupcall:
        csrr sp, ksp
        jmp  alltraps

// A TLB miss: look in the STLB. The slot of tag = asid << 20 | vpn is
// (tag ^ tag >> 17) % NSTLB (stlb.c stlbslot); a slot holds (tag, pte).
// A hit writes the entry and goes straight back (29 instructions from
// the trap, the slot's jmp included); a miss goes to core's path
// (personality_fault -> stlbmiss).
swtlbmiss:
        li   sp, STATUS_PG      // SWTLB off: now the kernel may miss
        csrw status, sp
        csrr sp, ksp
        sw   t0, TF_T0(sp)
        sw   t1, TF_T1(sp)
        csrr t0, asid
        shli t0, t0, 20
        csrr t1, badaddr
        shri t1, t1, 12
        or   t0, t0, t1         // the tag
        shri t1, t0, 17
        xor  t1, t1, t0
        andi t1, t1, NSTLB - 1
        shli t1, t1, 3          // the slot's offset (8 bytes a slot)
        lw   sp, stlb(t1)
        bne  sp, t0, .Lmiss
        lw   t1, stlb+4(t1)     // the checked entry
        shli t0, t0, 12         // the page's address (the asid shifts out)
        tlbwr t0, t1
        li   t0, exoswvectors   // the pin (the entry just written may have evicted it)
        lw   t1, exoswpte(zero)
        tlbwr t0, t1
        csrr sp, ksp
        lw   t0, TF_T0(sp)
        lw   t1, TF_T1(sp)
        li   sp, USERMODE
        csrw status, sp         // SWTLB on: the next fetch is on this page
        iret
.Lmiss:
        csrr sp, ksp
        lw   t0, TF_T0(sp)
        lw   t1, TF_T1(sp)
        li   sp, exovectors     // core's path may trap in ring 0: the kernel's vectors
        csrw vec, sp
        csrr sp, ksp
        jmp  alltraps

// The fast paths' way out to an env in this mode (swexception above,
// entry.s's pct): epc and estatus are set; every user register but t0
// and sp is loaded (both are free: t0 is in the save area or the sender's
// to lose, sp is the user's csr usp).
        .global exo_swiret
exo_swiret:
        li   t0, exoswvectors
        csrw vec, t0
        lw   sp, exoswpte(zero)
        tlbwr t0, sp            // the pin
        li   sp, USERMODE
        csrw status, sp         // SWTLB on: the next fetch is on this page
        iret

// The way out: core's trapret irets here, in ring 0 with interrupts and
// SWTLB off, sp = ksp and every user register loaded; the user's epc and
// estatus are in the frame's badaddr and access words (swtlbexit).
        .global exo_swexit
exo_swexit:
        sw   t0, TF_T0(sp)
        sw   t1, TF_T1(sp)
        lw   t0, TF_BADADDR(sp)
        csrw epc, t0
        lw   t0, TF_ACCESS(sp)
        csrw estatus, t0
        li   t0, exoswvectors
        csrw vec, t0
        lw   t1, exoswpte(zero)
        tlbwr t0, t1            // the pin
        lw   t0, TF_T0(sp)
        lw   t1, TF_T1(sp)
        li   sp, USERMODE
        csrw status, sp         // SWTLB on: the next fetch is on this page
        iret
