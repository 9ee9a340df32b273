// main.c: the microkernel personality (personality.h): boot, the
// system-call dispatch, and what becomes of a user fault.
//
// The kernel does IPC, capabilities, address spaces and interrupts —
// nothing Unix. Every system call (ipc.h) names capability slots; the
// dispatch below looks each one up (capget) before anything happens, so
// a task can only touch what it was given. All IPC state is under
// ipc_lock, taken once per call here; only putc and exit run without it.
//
// A page fault that core cannot resolve becomes a call to the task's
// pager (ipc_fault): the faulting thread waits until a user-level server
// maps the page (or refuses, and the thread dies).

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "personality.h"
#include "micro.h"

void
personality_init(void)
{
  taskinit();
  irqinit();
  trapvectors = (uint)microvectors;   // every core's (trap.c): the IPC fast path
  w_vec(trapvectors);                 // core 0 has core's table already
}

// setpager(task, ep, badge): task's faults become calls on our endpoint
// ep (type CAP_ENDPOINT), with badge (or ep's own); onexit(task, ntfn,
// badge): signal notification ntfn (CAP_NTFN) with badge (or its own)
// when task ends. The kernel
// keeps a copy of the capability on the task's behalf: task.pager,
// task.onexit.
static int
setwatch(struct task *tk, int task, int slot, int type, uint badge)
{
  struct task *to = tasktarget(tk, task);
  struct cap *c = capget(tk, slot, type, RIGHT_SEND);
  struct cap *dst;

  if (to == 0 || c == 0)
    return -EBADF;
  dst = type == CAP_ENDPOINT ? &to->pager : &to->onexit;
  capdelete(dst);
  capcopy(dst, c, RIGHTS_ALL, c->badge ? c->badge : badge);
  return 0;
}

// The capability in slot a0 for an endpoint or notification operation.
#define EP(rights)   capget(tk, tf->a0, CAP_ENDPOINT, rights)
#define NTFN(rights) capget(tk, tf->a0, CAP_NTFN, rights)

void
syscall(struct thread *t)
{
  struct trapframe *tf = t->tf;
  struct tcb *me = &tcbs[t - threads];
  struct task *tk = me->task;
  struct cap *c;
  uint num = tf->t0;
  int r;

  if (num == SYS_putc) {
    uartputc(tf->a0);
    tf->a0 = 0;
    return;
  }
  if (num == SYS_exit)
    taskexit(me);
  if (num == SYS_sleep || num == SYS_uptime) {
    tf->a0 = num == SYS_sleep ? ticksleep(tf->a0) : (int)clockticks();   // core's clock
    return;
  }

  acquire(&ipc_lock);
  switch (num) {
  case SYS_send:
  case SYS_nbsend:
  case SYS_call:
    c = EP(RIGHT_SEND);
    r = c ? ipc_send(me, c, num == SYS_call, num != SYS_nbsend) : -EBADF;
    break;
  case SYS_recv:
  case SYS_nbrecv:
  case SYS_replyrecv:
    c = EP(RIGHT_RECV);
    r = c ? ipc_recv(me, c, num != SYS_nbrecv, num == SYS_replyrecv) : -EBADF;
    break;
  case SYS_reply:
    r = ipc_reply(me);
    break;
  case SYS_savereply:
    r = ipc_savereply(me, tk, tf->a0);
    break;
  case SYS_replyto:
    c = capget(tk, tf->a0, CAP_REPLY, 0);
    r = c ? ipc_replyto(me, c) : -EBADF;
    break;
  case SYS_bindntfn:
    c = NTFN(RIGHT_RECV);
    r = c ? ntfn_bind(me, c) : -EBADF;
    break;
  case SYS_signal:
    c = NTFN(RIGHT_SEND);
    r = c ? ntfn_signal(c->obj, c->badge) : -EBADF;
    break;
  case SYS_wait:
  case SYS_poll:
    c = NTFN(RIGHT_RECV);
    r = c ? ntfn_wait(me, c, num == SYS_wait) : -EBADF;
    break;
  case SYS_epcreate:
  case SYS_ntfncreate: r = sys_create(tk, tf->a0, num == SYS_epcreate); break;
  case SYS_mint:      r = sys_mint(tk, tf->a0, tf->a1, tf->a2, tf->a3, tf->a4); break;
  case SYS_delete:
  case SYS_revoke:    r = sys_delete(tk, tf->a0, num == SYS_revoke); break;
  case SYS_start:     r = sys_start(tk, tf->a0); break;
  case SYS_thread:    r = sys_thread(me, tf->a0, tf->a1, tf->a2); break;
  case SYS_prio:      r = sys_prio(me, tf->a0, tf->a1); break;
  case SYS_irqbind:   r = sys_irqbind(tk, tf->a0, tf->a1, tf->a2); break;
  case SYS_irqack:    r = sys_irqack(tk, tf->a0, tf->a1); break;
  case SYS_mapdev:    r = sys_mapdev(tk, tf->a0, tf->a1, tf->a2, tf->a3); break;
  case SYS_dmapage:   r = sys_mapdev(tk, tf->a0, tf->a1, DEV_DMA, tf->a2); break;
  case SYS_map:
  case SYS_grant:     r = sys_map(tk, tf->a0, tf->a1, tf->a2, tf->a3, num == SYS_grant); break;
  case SYS_unmap:     r = sys_unmap(tk, tf->a0, tf->a1); break;
  case SYS_setpager:  r = setwatch(tk, tf->a0, tf->a1, CAP_ENDPOINT, tf->a2); break;
  case SYS_onexit:    r = setwatch(tk, tf->a0, tf->a1, CAP_NTFN, tf->a2); break;
  case SYS_ipcstats:  r = ipc_messages; break;
  default:            r = sys_taskop(me, num, tf); break;   // taskops.c, or -ENOSYS
  }
  release(&ipc_lock);
  tf->a0 = r;
}

// A fault in user mode that core could not resolve: a page fault goes
// to the task's pager; anything else (or no pager, or its refusal) ends
// the thread (core's trap.c reports it). A task with no pager — a
// server: no one resolves or judges its faults — ends whole, every
// thread: so rs hears of a server whose thread died (onexit) instead of
// it living on without that thread.
int
personality_fault(struct thread *t, struct trapframe *tf)
{
  struct tcb *me = &tcbs[t - threads];

  if (tf->cause == T_PAGEFAULT && ipc_fault(me, tf->badaddr, tf->access, tf->epc) == 0)
    return 0;
  acquire(&ipc_lock);
  if (me->task->pager.type != CAP_ENDPOINT)
    taskend(me->task);
  release(&ipc_lock);
  return -1;
}
