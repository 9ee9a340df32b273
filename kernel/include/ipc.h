// ipc.h: the microkernel's interface (kernel/micro) — system-call
// numbers, the message format, capability types and rights, and the
// labels of the messages the kernel itself sends. ONE header for the
// kernel, the servers (servers/) and the libc backend
// (userland/lib/backend/micro): a fact about messages lives here only.
//
// It holds only #defines and plain structs, so assembly stubs can include
// it (the structs are hidden from the assembler by __ASSEMBLER__).
//
// A message is a label, four words and, optionally, a long part of up to
// IPC_MAXLONG bytes in the sender's memory. In registers (the system
// call's frame), both ways:
//
//   going in:  t0 = SYS_*, a0 = capability slot, a1 = info,
//              a2..a5 = the four words, t1 = address of the long part
//              (send) and of the buffer for one (receive), s0 = that
//              buffer's size
//   coming out: a0 = 0 or -E..., a1 = info, a2..a5 = the words,
//              t0 = the badge of the capability the sender used
//
// info = label | length << 16 (and IPC_GIVECAP, below): the label says what the message is (a
// server's operation, a reply's status); the length is the long part's
// bytes (sending), or the buffer's size (receiving), or the bytes that
// arrived (coming out). A message with length 0 travels in registers only:
// the kernel copies five words from one frame to the other.

#ifndef MINOS_IPC_H
#define MINOS_IPC_H

#include "prio.h"           // thread priorities (SYS_prio)

// ---- system calls (t0) ----
#define SYS_send        1   // send(cap): wait for a receiver, give it the message
#define SYS_recv        2   // recv(cap): wait for a message on an endpoint
#define SYS_call        3   // call(cap): send, then wait for the reply (one step)
#define SYS_reply       4   // reply(): answer the last caller; does not wait
#define SYS_replyrecv   5   // replyrecv(cap): reply to the last caller, then recv(cap)
#define SYS_nbsend      6   // send, or -EAGAIN at once if no receiver is waiting
#define SYS_nbrecv      7   // recv, or -EAGAIN at once if no sender is waiting
#define SYS_signal      8   // signal(cap): OR the capability's badge into a notification
#define SYS_wait        9   // wait(cap): wait until a notification has bits; take them (a1)
#define SYS_poll       10   // take a notification's bits (maybe 0) without waiting
#define SYS_epcreate   11   // new endpoint; its capability in slot a0 (all rights)
#define SYS_ntfncreate 12   // new notification; its capability in slot a0
#define SYS_mint       13   // mint(src, task, dst, badge, rights): copy capability
                            //   slot src into slot dst of the task whose capability
                            //   is in slot `task` (-1: our own), with rights taken
                            //   from src's and a badge (only if src has none)
#define SYS_delete     14   // delete(slot): revoke our capability in a slot
                            // (15, 16: free. The kernel loads no image but the
                            //   root task's: a task is built in user space,
                            //   servers/lib/load.c, with tasknew and after)
#define SYS_irqbind    17   // irqbind(control, cause, ntfn): interrupt `cause`
                            //   signals notification ntfn (bit 1 << cause)
#define SYS_irqack     18   // irqack(ntfn, cause): unmask it after handling (ntfn:
                            //   the notification it is bound to, a right to wait)
#define SYS_mapdev     19   // mapdev(control, task, device, va): map a device's
                            //   registers into a task at va (ring 3)
#define SYS_map        20   // map(task, srcva, dstva, perm): share our page at
                            //   srcva with a task at dstva (L4 map); perm: MAP_*
#define SYS_unmap      21   // unmap(task, va): take a page out of a task
#define SYS_setpager   22   // setpager(task, ep, badge): the task's page faults
                            //   become calls on endpoint ep (a capability of
                            //   ours) with badge (only if ep has none)
#define SYS_putc       23   // putc(c): a byte on the console (debugging output,
                            //   before there is a console driver)
#define SYS_exit       24   // exit(status): end the calling thread
#define SYS_onexit     25   // onexit(task, ntfn, badge): when the task's last
                            //   thread ends, signal ntfn with badge
#define SYS_ipcstats   26   // the number of messages delivered since boot
#define SYS_start      27   // start(task): let a new task's thread run (tasknew)
#define SYS_savereply  28   // savereply(slot): keep the right to answer our last
                            //   caller in a slot (a deferred reply), and go on
                            //   receiving; the caller keeps waiting
#define SYS_replyto    29   // replyto(slot): answer through a saved reply (once)
#define SYS_bindntfn   30   // bindntfn(ntfn): a recv of this thread also returns
                            //   when the notification is signalled (LABEL_NOTIFY)
#define SYS_thread     31   // thread(pc, sp, arg): a new thread in our own task,
                            //   starting at pc with sp and a0 = arg; its id
#define SYS_revoke     32   // revoke(slot): delete every capability derived from
                            //   ours in slot (minted or given from it, or from one
                            //   of those, ...); ours stays
#define SYS_grant      33   // grant(task, srcva, dstva, perm): map() that moves the
                            //   page: we lose it (L4 grant)
#define SYS_prio       34   // prio(task, prio): the priority of every thread of a
                            //   task (-1: our own), PRIO_MIN..PRIO_MAX and at most
                            //   our own thread's; new threads of it take it too
#define NSYSCALL_MICRO 35

// An endpoint or notification is freed when its last capability goes
// (delete, revoke, or its holder's end). A thread blocked on it then
// gets -EIDRM (errnum.h: "identifier removed", as for System V IPC).

// System calls for building tasks (kernel/micro/taskops.c): what a
// user-level loader (servers/lib/load.c) and process manager need to
// build, copy and end tasks. Numbered from 40 so the kernel's own list
// above can grow.
#define SYS_tasknew    40   // tasknew(control, slot, name): a new task with an empty
                            //   address space and one thread that has not started;
                            //   its task capability in our `slot`
#define SYS_taskregs   41   // taskregs(task, pc, sp, arg): where the unstarted
                            //   thread of a task begins (ring 3, a0 = arg)
#define SYS_mapmany    42   // mapmany(task, vec, n): n pairs (srcva | perm, dstva),
                            //   each a map into the task after an unmap of dstva
                            //   (srcva 0: the unmap alone); returns n or -error
#define SYS_pagealloc  43   // pagealloc(task, va, perm): a fresh zeroed page at va
                            //   of a task (-1: our own, to fill and map on);
                            //   perm: MAP_W | MAP_X
#define SYS_taskkill   44   // taskkill(task): end every thread of a task
#define SYS_halt       45   // halt(control, status): power the machine off
#define SYS_bundleread 46   // bundleread(image, off, buf, n): copy bytes of a boot-
                            //   bundle image, or of its table of contents (image
                            //   -1, bundle.h); read-only and public: the loader
                            //   reads programs from it before a file system
                            //   runs; bytes copied (0 past the end)
#define SYS_sleep      47   // sleep(ticks): the calling thread waits (0, -EINTR)
#define SYS_uptime     48   // uptime(): ticks since boot (the clock is core's)
#define SYS_meminfo    49   // meminfo(buf): 4 words to buf: free pages, pages in
                            //   all, cores, ticks (libc's sysinfo; ended tasks'
                            //   pages are freed first)

// ---- messages ----
#define IPC_MAXLONG    4096                       // bytes in a long part, at most
#define IPC_INFO(label, len)  (((len) << 16) | ((label) & 0x7FFF))
#define IPC_LABEL(info)       ((info) & 0x7FFF)
// A capability travels with the message: the sender sets IPC_GIVECAP in
// info and names the slot in w[3] (it needs RIGHT_GRANT there; it keeps
// its own copy). The receiver names the empty slot to take it in, in
// w[3] when it receives (anything else: it takes none). What arrives in
// w[3]: the slot the capability landed in, or -1 if none did.
#define IPC_GIVECAP           0x8000
#define IPC_LEN(info)         ((info) >> 16)

// Labels the kernel itself uses: LABEL_KERNEL and up (0x7FF0-0x7FFF).
// Only the kernel sends them: a user message (send, call, reply) with
// one is refused with -EPERM and nothing is delivered, so a receiver
// can trust that a LABEL_FAULT or LABEL_NOTIFY came from the kernel.
#define LABEL_KERNEL   0x7FF0
#define LABEL_FAULT    0x7FF0   // a page fault: w0 = address, w1 = access
                                //   (ACCESS_*), w2 = pc; reply label 0 to
                                //   retry the instruction, anything else kills
#define LABEL_NOTIFY   0x7FF1   // a bound notification was signalled: w0 = its bits

// ---- capabilities ----
#define NCAP           64       // capability slots per task (pm holds one per process)
#define CAP_NONE       0
#define CAP_ENDPOINT   1
#define CAP_NTFN       2        // a notification
#define CAP_TASK       3        // a task: mint into it, map into it, watch it
#define CAP_CONTROL    4        // the root task's authority: tasknew, IRQs, devices
#define CAP_REPLY      5        // the right to answer one waiting caller, once

#define RIGHT_SEND     1        // endpoint: send/call; notification: signal
#define RIGHT_RECV     2        // endpoint: recv; notification: wait/poll
#define RIGHT_GRANT    4        // may mint copies of it for other tasks
#define RIGHTS_ALL     7

// map(): what the new mapping allows (never more than the source page)
#define MAP_R          0
#define MAP_W          1
#define MAP_X          2        // pagealloc() only: an executable page

// mapdev(): the devices a driver may have mapped
#define DEV_CONSOLE    0
#define DEV_DISK       1
#define NDEV           2
#define DEV_DMA        NDEV     // not a device: a fresh page for one to transfer to (dmapage)

// A driver's DMA page (kernel/micro/mem.c: mapdev of DEV_DMA). Numbered
// apart from the list above, which other calls extend.
#define SYS_dmapage    50   // dmapage(control, task, va): a fresh page at va in
                            //   a task (a driver); returns its physical address
                            //   (for the device's DMA register)

#ifndef __ASSEMBLER__

// A message as user code holds it (the stubs in ipc.s move it to and from
// the registers above).
struct msg {
  unsigned int info;       //  0  label | length << 16
  unsigned int w[4];       //  4  the register words
  unsigned int buf;        // 20  the long part (send) and the buffer for one (receive)
  unsigned int size;       // 24  receive: the buffer's bytes (register s0)
  unsigned int badge;      // 28  set on receive: who sent it (unforgeable)
};

#endif // __ASSEMBLER__

#endif // MINOS_IPC_H
