// ipc.S: the microkernel's system-call stubs (kernel/include/ipc.h), for
// the servers (servers/) and for libc's micro backend.
//
// Message calls — send, nbsend, recv, nbrecv, call, reply, replyto,
// replyrecv — (and ipc_callw, a call of words only, below)
// take (int cap, struct msg *m): __ipcmsg loads the message into the
// registers ipc.h lists, traps, and stores what came back into *m (the
// label and length, the four words, the badge). Each returns 0 or
// -ENUMBER. The other calls take their arguments in a0-a4 as C put them
// and return the kernel's a0 (notifications' bits come back in a1:
// wait and poll store them through their second argument).

#include "ipc.h"

        .text

// t0 = the call's number, a0 = cap, a1 = m. s0 carries the receive
// buffer's size into the kernel, so it is saved here.
__ipcmsg:
        addi sp, sp, -8
        sw   s0, 0(sp)
        sw   a1, 4(sp)
        lw   t1, 20(a1)
        lw   s0, 24(a1)
        lw   a2, 4(a1)
        lw   a3, 8(a1)
        lw   a4, 12(a1)
        lw   a5, 16(a1)
        lw   a1, 0(a1)
        syscall
        lw   t1, 4(sp)
        sw   a1, 0(t1)
        sw   a2, 4(t1)
        sw   a3, 8(t1)
        sw   a4, 12(t1)
        sw   a5, 16(t1)
        sw   t0, 28(t1)
        lw   s0, 0(sp)
        addi sp, sp, 8
        ret

        .global ipc_send
ipc_send:
        li   t0, SYS_send
        jmp  __ipcmsg

        .global ipc_nbsend
ipc_nbsend:
        li   t0, SYS_nbsend
        jmp  __ipcmsg

        .global ipc_recv
ipc_recv:
        li   t0, SYS_recv
        jmp  __ipcmsg

        .global ipc_nbrecv
ipc_nbrecv:
        li   t0, SYS_nbrecv
        jmp  __ipcmsg

        .global ipc_call
ipc_call:
        li   t0, SYS_call
        jmp  __ipcmsg

        .global ipc_reply
ipc_reply:
        li   t0, SYS_reply
        jmp  __ipcmsg

        .global ipc_replyto
ipc_replyto:
        li   t0, SYS_replyto
        jmp  __ipcmsg

        .global ipc_replyrecv
ipc_replyrecv:
        li   t0, SYS_replyrecv
        jmp  __ipcmsg

// int ipc_callw(int cap, int label, int w0, int w1): a call whose
// message and reply are register-only, with no struct msg: label and
// two words go in (a1 = info with length 0, a2, a3; w2 and w3 are
// whatever a4 and a5 hold), and the reply's w0 comes back — or the
// kernel's error, -ENUMBER, when the call failed. t1 = 0 and s0 = 0: no
// long part and no room for one, the kernel's fast path (fastpath.S).
// libc's calls to pm that carry only words use it (proc.c).
        .global ipc_callw
ipc_callw:
        addi sp, sp, -8
        sw   s0, 0(sp)
        li   s0, 0
        li   t1, 0
        li   t0, SYS_call
        syscall
        lw   s0, 0(sp)
        addi sp, sp, 8
        bnez a0, .Lcallw_failed
        mov  a0, a2
.Lcallw_failed:
        ret

// int ntfn_wait(int cap, unsigned *bits), ntfn_poll(same)
        .global ntfn_wait
ntfn_wait:
        mov  a5, a1
        li   t0, SYS_wait
        syscall
        sw   a1, 0(a5)
        ret

        .global ntfn_poll
ntfn_poll:
        mov  a5, a1
        li   t0, SYS_poll
        syscall
        sw   a1, 0(a5)
        ret

// The rest: arguments in a0-a4, the result in a0.

        .global ntfn_signal
ntfn_signal:
        li   t0, SYS_signal
        syscall
        ret

        .global ep_create
ep_create:
        li   t0, SYS_epcreate
        syscall
        ret

        .global ntfn_create
ntfn_create:
        li   t0, SYS_ntfncreate
        syscall
        ret

        .global cap_mint
cap_mint:
        li   t0, SYS_mint
        syscall
        ret

        .global cap_delete
cap_delete:
        li   t0, SYS_delete
        syscall
        ret

        .global cap_revoke
cap_revoke:
        li   t0, SYS_revoke
        syscall
        ret

        .global irq_bind
irq_bind:
        li   t0, SYS_irqbind
        syscall
        ret

        .global irq_ack
irq_ack:
        li   t0, SYS_irqack
        syscall
        ret

        .global map_device
map_device:
        li   t0, SYS_mapdev
        syscall
        ret

        .global dma_page
dma_page:
        li   t0, SYS_dmapage
        syscall
        ret

        .global page_map
page_map:
        li   t0, SYS_map
        syscall
        ret

        .global page_unmap
page_unmap:
        li   t0, SYS_unmap
        syscall
        ret

        .global page_grant
page_grant:
        li   t0, SYS_grant
        syscall
        ret

        .global set_pager
set_pager:
        li   t0, SYS_setpager
        syscall
        ret

        .global debug_putc
debug_putc:
        li   t0, SYS_putc
        syscall
        ret

        .global thread_exit
thread_exit:
        li   t0, SYS_exit
        syscall
        ret

        .global task_onexit
task_onexit:
        li   t0, SYS_onexit
        syscall
        ret

        .global ipc_count
ipc_count:
        li   t0, SYS_ipcstats
        syscall
        ret

        .global task_prio
task_prio:
        li   t0, SYS_prio
        syscall
        ret

        .global task_start
task_start:
        li   t0, SYS_start
        syscall
        ret

        .global reply_save
reply_save:
        li   t0, SYS_savereply
        syscall
        ret

        .global ntfn_bind
ntfn_bind:
        li   t0, SYS_bindntfn
        syscall
        ret

        .global thread_create
thread_create:
        li   t0, SYS_thread
        syscall
        ret
