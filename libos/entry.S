// entry.S: the library OS's assembly — where exceptions arrive, and the
// exokernel's system-call stubs.
//
// The numbers come from kernel/exo/exoabi.h (through the preprocessor).

#include "exoabi.h"

#define WAITSP (UXSTACKTOP - 4096)     // where exo_pct and exo_recv keep sp

        .text
// Where a program starts is not here: libos/bare/start.S for a bare
// program, userland/lib/backend/exo/crt0.s for a Unix one.

// The upcall: the kernel delivers every exception here (kernel/exo/
// entry.s). It saved only t0, epc, cause, badaddr and access, in the
// agreed save area EXO_SAVE; every other register still holds what it
// held at the exception, sp included. We build a whole struct exoframe
// on the exception stack: below the save area, or, for an exception
// inside a handler (sp already on the exception stack), below that
// handler's sp. Then libos_exception(frame) may change the frame, and
// EXO_resume reloads every register from it.
        .global libos_upcall
libos_upcall:
        mov  t0, sp                     // the sp at the exception
        li   sp, UXSTACKTOP - 4096
        bltu t0, sp, .Lfresh
        mov  sp, t0                     // nested: below the handler's frame
        jmp  .Lpush
.Lfresh:
        li   sp, EXO_SAVE
.Lpush:
        addi sp, sp, -80                // struct exoframe, 8-aligned
        sw   t0, 68(sp)                 // regs[13]: sp
        sw   a0, 16(sp)
        sw   a1, 20(sp)
        sw   a2, 24(sp)
        sw   a3, 28(sp)
        sw   a4, 32(sp)
        sw   a5, 36(sp)
        sw   t1, 44(sp)
        sw   s0, 48(sp)
        sw   s1, 52(sp)
        sw   s2, 56(sp)
        sw   s3, 60(sp)
        sw   fp, 64(sp)
        sw   lr, 72(sp)
        li   t0, EXO_SAVE               // what the kernel saved
        lw   t1, 0(t0)
        sw   t1, 0(sp)                  // cause
        lw   t1, 4(t0)
        sw   t1, 4(sp)                  // badaddr
        lw   t1, 8(t0)
        sw   t1, 8(sp)                  // access
        lw   t1, 12(t0)
        sw   t1, 12(sp)                 // epc
        lw   t1, 40(t0)
        sw   t1, 40(sp)                 // t0
        mov  a0, sp
        call libos_exception            // libos_exception(frame)
        mov  a0, sp                     // (sp is kept across the call)
        li   t0, EXO_resume
        syscall
.Lhang:
        jmp  .Lhang                     // (resume does not return)

// The stubs: number in t0, arguments already in a0-a3, result in a0.
        .global exo_cputs
exo_cputs:
        li   t0, EXO_cputs
        syscall
        ret
        .global exo_getenvid
exo_getenvid:
        li   t0, EXO_getenvid
        syscall
        ret
        .global exo_exit
exo_exit:
        li   t0, EXO_exit
        syscall
        ret
        .global exo_page_alloc
exo_page_alloc:
        li   t0, EXO_page_alloc
        syscall
        ret
        .global exo_page_free
exo_page_free:
        li   t0, EXO_page_free
        syscall
        ret
        .global exo_page_share
exo_page_share:
        li   t0, EXO_page_share
        syscall
        ret
        .global exo_page_map
exo_page_map:
        li   t0, EXO_page_map
        syscall
        ret
        .global exo_page_unmap
exo_page_unmap:
        li   t0, EXO_page_unmap
        syscall
        ret
        .global exo_pte
exo_pte:
        li   t0, EXO_pte
        syscall
        ret
        .global exo_exofork
exo_exofork:
        li   t0, EXO_exofork
        syscall
        ret
        .global exo_env_run
exo_env_run:
        li   t0, EXO_env_run
        syscall
        ret
        .global exo_set_upcall
exo_set_upcall:
        li   t0, EXO_set_upcall
        syscall
        ret
        .global exo_resume
exo_resume:
        li   t0, EXO_resume
        syscall
        ret
        .global exo_yield
exo_yield:
        li   t0, EXO_yield
        syscall
        ret
        .global exo_notify
exo_notify:
        li   t0, EXO_notify
        syscall
        ret

        .global exo_page_pass
exo_page_pass:
        li   t0, EXO_page_pass
        syscall
        ret
        .global exo_env_setframe
exo_env_setframe:
        li   t0, EXO_env_setframe
        syscall
        ret
        .global exo_env_name
exo_env_name:
        li   t0, EXO_env_name
        syscall
        ret
        .global exo_disk_bind
exo_disk_bind:
        li   t0, EXO_disk_bind
        syscall
        ret
        .global exo_disk_read
exo_disk_read:
        li   t0, EXO_disk_read
        syscall
        ret
        .global exo_disk_write
exo_disk_write:
        li   t0, EXO_disk_write
        syscall
        ret
        .global exo_disk_grant
exo_disk_grant:
        li   t0, EXO_disk_grant
        syscall
        ret
        .global exo_disk_info
exo_disk_info:
        li   t0, EXO_disk_info
        syscall
        ret

        .global exo_cons_read
exo_cons_read:
        li   t0, EXO_cons_read
        syscall
        ret

// exo_pct(env, w0, w1, w2): a protected control transfer (kernel/exo/
// env.c): env runs at once, and we wait for a pct to come back to us.
// Returns that pct's sender (its words are lost here: exo_recv keeps
// them), or -E... at once if env was not waiting.
// exo_recv(words): wait for a pct; the sender's three words (in a1-a3)
// go to words[0..2] unless words is 0. Returns the sender's id.
// The kernel carries only a0-a3 across a wait (not even sp: kernel/exo/
// entry.s): the registers the caller expects kept are saved here, with
// the words pointer (t1), and sp in the word WAITSP (one thread per env,
// so one word is enough). WAITSP is the lowest word of the exception
// stack, which every env has its own (a word of the image's data would
// be copy-on-write after a Unix fork: each wait would copy its page).
        .global exo_pct
exo_pct:
        li   t1, 0              // no words to keep
        li   t0, EXO_pct
        jmp  .Lwait
        .global exo_recv
exo_recv:
        mov  t1, a0
        li   t0, EXO_recv
.Lwait:
        addi sp, sp, -32
        sw   s0, 0(sp)
        sw   s1, 4(sp)
        sw   s2, 8(sp)
        sw   s3, 12(sp)
        sw   fp, 16(sp)
        sw   lr, 20(sp)
        sw   t1, 24(sp)
        sw   sp, WAITSP(zero)
        syscall
        lw   sp, WAITSP(zero)
        lw   t1, 24(sp)
        beqz t1, .Lrestore
        sw   a1, 0(t1)
        sw   a2, 4(t1)
        sw   a3, 8(t1)
.Lrestore:
        lw   s0, 0(sp)
        lw   s1, 4(sp)
        lw   s2, 8(sp)
        lw   s3, 12(sp)
        lw   fp, 16(sp)
        lw   lr, 20(sp)
        addi sp, sp, 32
        ret
