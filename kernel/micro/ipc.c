// ipc.c: synchronous IPC on endpoints, and notifications.
//
// An endpoint is a rendezvous, never a buffer: a message moves only when
// a sender and a receiver meet, straight from one thread's registers
// (its trap frame) to the other's, so the kernel allocates nothing per
// message. Whoever comes first waits in the endpoint's queue (senders
// or receivers, first come first served); whoever comes second does
// the transfer and wakes the first. Senders queue by priority (the
// highest first; enqueue), receivers in order of arrival.
//
//   send      the message goes to a receiver; the sender goes on.
//   call      send, and the sender waits for the reply (IPC_REPLY); the
//             receiver gets a one-shot right to answer it (tcb.caller).
//   reply     answer tcb.caller, without waiting.
//   replyrecv reply, then recv: a server's whole loop is one system call
//             per request (ipc_recv with reply: the same receive).
// A receiver that takes a new message while it still owes a reply drops
// the old caller, which gets -EPIPE: no caller ever waits forever. To
// answer later, it first saves the reply (savereply: a one-shot
// CAP_REPLY in a slot) and answers through it (replyto).
//
// A message is five words in registers (ipc.h: info and w[0..3]) plus
// the badge of the sender's capability, which the kernel writes and the
// sender cannot choose. A long part (length in info, up to IPC_MAXLONG)
// is copied by the kernel directly from the sender's memory to the
// receiver's buffer (t1, s0 bytes), one page piece at a time; both
// buffers are checked (mapped, ring 3, writable for the receiver) when
// their owner makes the call, and nothing is delivered if the receiver's
// buffer is too small (the sender gets -E2BIG).
//
// A notification is a word of bits: signal ORs bits in, wait takes them
// all (waiting if there are none). Bound to a thread (bindntfn), a
// signal also ends that thread's recv, as the message LABEL_NOTIFY.
// Interrupts (mem.c) and a task's end (task.c) are signals, so a driver
// or a supervisor learns of them without a server having to block in a
// send.
//
// Everything here runs under ipc_lock (micro.h). A thread waits in one
// place, block(), with sleep(tcb, &ipc_lock), and is woken by unblock(),
// which sets its state back to IPC_IDLE and its result; "wake" never
// means "maybe".
//
// The direct switch — a call that finds its server waiting, a reply
// that finds its caller waiting: one thread blocks and hands its core
// straight to the other, with no run queue and no scheduler, as L4 and
// seL4 do — is fastpath.S's alone, before any C runs. It takes every
// message (the long part and a capability given are moved by transfer,
// below, which it calls) and a caller waiting in a page fault; what is
// left to this file is the general rendezvous (a send, a receive that
// finds a message or waits, a queue of senders, a notification, an
// error to report), where the thread woken goes to the run queue.
// Time-slice donation, which makes a pair that calls each other in a
// loop share one turn, is the fast path's too (fastpath.S, .Lsw4).

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

uint ipc_messages;        // messages delivered since boot (minos bench reads it)
uint ipc_fastpaths;       // of those, handed over by a direct switch (fastpath.S)

// ---- queues and blocking ----

// Put x in queue q. An endpoint's senders wait in priority order (core's
// thread.prio, byprio): x goes behind every thread of its priority or
// higher, so the highest priority is served first, and equals first
// come first served. Its receivers, a server's threads, wait first come
// first served (the fast path takes the first and queues at the tail).
static void
enqueue(struct tcb **q, struct tcb *x, int byprio)
{
  while (*q && (!byprio || (*q)->t->prio >= x->t->prio))
    q = &(*q)->next;
  x->next = *q;
  *q = x;
}

static void
dequeue(struct tcb **q, struct tcb *x)
{
  while (*q && *q != x)
    q = &(*q)->next;
  if (*q)
    *q = x->next;
  x->next = 0;
}

// End x's wait with a result, and make it runnable if it sleeps.
static void
unblock(struct tcb *x, int result)
{
  struct thread *t = x->t;

  x->state = IPC_IDLE;
  x->obj = 0;
  x->result = result;
  acquire(&t->lock);
  if (t->state == SLEEPING && t->chan == x)
    make_runnable(t);
  release(&t->lock);
}

// Wait in `state` on obj (an endpoint's queue, which the caller has
// joined, or a notification) until another thread sets our state back
// to IPC_IDLE; return the result it left. A killed thread stops waiting
// (-EINTR). While it sleeps, the fast path (fastpath.S) may end its
// wait and run it straight into user mode — a thread blocked here has
// nothing left to do in the kernel but return its result (a page
// fault's call: go back to the instruction that faulted) — and then
// this function never returns.
static int
block(struct tcb *me, int state, void *obj)
{
  me->state = state;
  me->obj = obj;
  while (me->state != IPC_IDLE) {
    if (killed(me->t)) {
      ipc_cancel(me);
      return -EINTR;
    }
    sleep(me, &ipc_lock);
  }
  return me->result;
}

// A thread the fast path blocked, run again by the scheduler (an
// ordinary wakeup: unblock). It has no C frames to return to: its
// context sends it here, at the top of its kernel stack, to finish its
// system call as sched()'s callers and syscall() would — let go of its
// own lock, see why it was woken (block), put the result in its a0, and
// end if it was killed. Then entry.s's trapret.
void
parkresume(void)
{
  struct thread *t = mythread();
  struct tcb *me = &tcbs[t - threads];
  int r;

  mycpu()->intena = 1;            // it blocked in a system call: interrupts were on
  t->chan = 0;
  release(&t->lock);
  acquire(&ipc_lock);
  r = block(me, me->state, me->obj);
  release(&ipc_lock);
  t->tf->a0 = r;
  if (killed(t))
    personality_exit(-1);
}

// ---- moving a message ----

// The five message words of x: its registers a1..a5, or the message the
// kernel made for it (a page fault).
static uint *
mregs(struct tcb *x)
{
  if (x->fault)
    return x->fmsg;
  return &x->t->tf->a1;
}

// Is [va, va + n) user memory of pd (writable, if write)? n > 0.
static int
userbuf(pagetable_t pd, uint va, uint n, int write)
{
  uint a;

  if (va + n < va)
    return 0;
  for (a = PGROUNDDOWN(va); a < va + n; a += PGSIZE)
    if (uservirt(pd, a < va ? va : a, write) == 0)
      return 0;
  return 1;
}

// Check the calling thread's own message before it sends or receives:
// its label is not one of the kernel's (ipc.h: LABEL_KERNEL; a forged
// page fault or notification is -EPERM), and its buffers: the long part
// it sends (t1, length in info) and the buffer it receives into (t1, s0
// bytes). (A page fault's message is the kernel's own: nothing to check.)
// fastpath.S calls it too, for any message but a register-only one.
int
checkbufs(struct tcb *me, int sending, int receiving)
{
  struct trapframe *tf = me->t->tf;
  pagetable_t pd = me->t->as->pagetable;
  uint len = IPC_LEN(tf->a1);

  if (me->fault)
    return 0;
  if (sending && IPC_LABEL(tf->a1) >= LABEL_KERNEL)
    return -EPERM;
  if (sending && len > 0 && (len > IPC_MAXLONG || !userbuf(pd, tf->t1, len, 0)))
    return -EFAULT;
  if (receiving && tf->s0 > 0 && (tf->s0 > IPC_MAXLONG || !userbuf(pd, tf->t1, tf->s0, 1)))
    return -EFAULT;
  return 0;
}

// Copy s's message to r, with the badge r is to see, and the capability
// it gives (IPC_GIVECAP, ipc.h). Returns 0, or -E2BIG (r's buffer is too
// small), -EFAULT, or -EBADF/-EPERM (no capability to give, or no right
// to give it), with nothing delivered. fastpath.S calls it for a long
// part or a capability (under ipc_lock and r's thread lock).
int
transfer(struct tcb *s, struct tcb *r, uint badge)
{
  uint *sm = mregs(s), *rm = mregs(r);
  uint len = IPC_LEN(sm[0]), sva, rva, n;
  char *from, *to;
  struct cap *give = 0, *into = 0;
  int i;

  if (sm[0] & IPC_GIVECAP) {
    // The capability the sender gives (it must have the right to), and
    // the slot the receiver takes it in (named when it started to
    // receive; its a5 is not overwritten yet).
    if (s->fault || (give = capget(s->task, sm[4], CAP_ANY, 0)) == 0)
      return -EBADF;
    if ((give->rights & RIGHT_GRANT) == 0)
      return -EPERM;
    if (!r->fault)
      into = freeslot(r->task, rm[4]);
  }

  if (len > 0) {
    if (r->fault || len > r->t->tf->s0)
      return -E2BIG;
    for (sva = s->t->tf->t1, rva = r->t->tf->t1; len > 0; len -= n, sva += n, rva += n) {
      from = uservirt(s->t->as->pagetable, sva, 0);
      to = uservirt(r->t->as->pagetable, rva, 1);
      if (from == 0 || to == 0)
        return -EFAULT;
      n = PGSIZE - (sva % PGSIZE);          // to the end of either page
      if (PGSIZE - (rva % PGSIZE) < n)
        n = PGSIZE - (rva % PGSIZE);
      if (n > len)
        n = len;
      memmove(to, from, n);
    }
  }
  for (i = 0; i < 5; i++)
    rm[i] = sm[i];
  if (give) {
    rm[4] = -1;
    if (into) {
      capcopy(into, give, RIGHTS_ALL, give->badge);
      rm[4] = into - r->task->caps;
    }
  }
  if (!r->fault)
    r->t->tf->t0 = badge;
  ipc_messages++;
  return 0;
}

// ---- send, receive, reply ----

// Send (call: and wait for the reply) on the endpoint of capability c.
// Without block_ok, fail with -EAGAIN unless a receiver is waiting.
int
ipc_send(struct tcb *me, struct cap *c, int call, int block_ok)
{
  struct endpoint *ep = c->obj;
  struct tcb *r = ep->receivers;
  int err;

  if ((err = checkbufs(me, 1, call)) < 0)
    return err;
  if (call)
    me->callseq++;
  if (r == 0 && !block_ok)
    return -EAGAIN;
  if (r == 0) {
    me->call = call;
    me->badge = c->badge;
    enqueue(&ep->senders, me, 1);
    return block(me, IPC_SEND, ep);
  }
  if ((err = transfer(me, r, c->badge)) < 0)
    return err;
  dequeue(&ep->receivers, r);
  unblock(r, 0);
  if (!call)
    return 0;
  r->caller = me;
  return block(me, IPC_REPLY, 0);
}

// Drop the right to answer our caller: it gets -EPIPE.
static void
dropcaller(struct tcb *me)
{
  struct tcb *c = me->caller;

  me->caller = 0;
  if (c && c->state == IPC_REPLY)
    unblock(c, -EPIPE);
}

// x's bound notification was signalled: its receive ends with the
// message LABEL_NOTIFY, the bits in w0 (taken), no badge.
static void
notify(struct tcb *x)
{
  uint *rm = &x->t->tf->a1;

  rm[0] = IPC_INFO(LABEL_NOTIFY, 0);
  rm[1] = x->bound->bits;
  rm[2] = 0;
  rm[3] = 0;
  rm[4] = 0;
  x->t->tf->t0 = 0;
  x->bound->bits = 0;
}

// If caller c still waits for the reply to its call number seq, give it
// the message in our registers as that reply, and wake it; if the reply
// cannot be delivered, c gets the error too. Returns 0, the error, or
// -ESRCH if c waits for no such reply (none, or the call is over: it
// was killed).
static int
answer(struct tcb *me, struct tcb *c, uint seq)
{
  int err;

  if (c == 0 || c->state != IPC_REPLY || c->callseq != seq)
    return -ESRCH;
  if ((err = checkbufs(me, 1, 0)) == 0)
    err = transfer(me, c, 0);
  unblock(c, err);
  return err;
}

// Answer our caller.
int
ipc_reply(struct tcb *me)
{
  struct tcb *c = me->caller;

  me->caller = 0;
  return answer(me, c, c ? c->callseq : 0);
}

// Receive on the endpoint of capability c; without block_ok, fail with
// -EAGAIN unless a message is waiting. With reply (replyrecv: a
// server's whole loop is one system call per request), answer our
// caller first — a caller that is gone is no reason not to serve the
// next.
int
ipc_recv(struct tcb *me, struct cap *c, int block_ok, int reply)
{
  struct endpoint *ep = c->obj;
  struct tcb *s;
  int err;

  if (reply)
    ipc_reply(me);
  if ((err = checkbufs(me, 0, 1)) < 0)
    return err;
  dropcaller(me);
  if (me->bound && me->bound->bits) {
    notify(me);                 // signals first: an interrupt must not wait behind clients
    return 0;
  }
  while ((s = ep->senders) != 0) {
    dequeue(&ep->senders, s);
    if ((err = transfer(s, me, s->badge)) < 0) {
      unblock(s, err);          // the sender's message does not fit: its error
      continue;
    }
    if (s->call) {
      s->state = IPC_REPLY;
      me->caller = s;
    } else {
      unblock(s, 0);
    }
    return 0;
  }
  if (!block_ok)
    return -EAGAIN;
  enqueue(&ep->receivers, me, 0);
  return block(me, IPC_RECV, ep);
}

// Keep the right to answer our caller in slot `slot` of our task: a
// CAP_REPLY naming the caller and which of its calls it answers
// (callseq), so that we can serve others first and answer later with
// replyto — a deferred reply, as a pipe or a console read needs. The
// caller keeps waiting.
int
ipc_savereply(struct tcb *me, struct task *tk, int slot)
{
  struct tcb *c = me->caller;
  struct cap *cap;

  if (c == 0 || c->state != IPC_REPLY)
    return -ESRCH;
  if ((cap = freeslot(tk, slot)) == 0)
    return -EINVAL;
  capset(cap, CAP_REPLY, 0, c->callseq, c);   // no rights: it cannot be minted
  me->caller = 0;
  return 0;
}

// A saved reply is deleted unused (deleted, revoked, or its server
// ended): the caller, if it still waits for that call, gets -EPIPE —
// as when a server drops a caller it has not saved (dropcaller), so no
// caller waits forever for a server that is gone.
void
ipc_replydrop(struct tcb *caller, uint callseq)
{
  if (caller->state == IPC_REPLY && caller->callseq == callseq)
    unblock(caller, -EPIPE);
}

// Answer through a saved reply (capability c, which is used up). -ESRCH
// if that call is over: the caller was killed or ended.
int
ipc_replyto(struct tcb *me, struct cap *c)
{
  c->type = CAP_NONE;
  return answer(me, c->obj, c->badge);
}

// A page fault of the calling thread, as a call to its task's pager:
// LABEL_FAULT with the address, the kind of access and the pc. Returns
// 0 if the pager answered label 0 (it mapped the page: try again), -1 if
// there is no pager or it refused.
int
ipc_fault(struct tcb *me, uint va, uint access, uint pc)
{
  int r;

  acquire(&ipc_lock);
  if (me->task->pager.type != CAP_ENDPOINT) {
    release(&ipc_lock);
    return -1;
  }
  me->fault = 1;
  me->fmsg[0] = IPC_INFO(LABEL_FAULT, 0);
  me->fmsg[1] = va;
  me->fmsg[2] = access;
  me->fmsg[3] = pc;
  me->fmsg[4] = 0;
  r = ipc_send(me, &me->task->pager, 1, 1);   // (which reads it only before it blocks)
  me->fault = 0;
  release(&ipc_lock);
  if (r < 0 || IPC_LABEL(me->fmsg[0]) != 0)
    return -1;
  return 0;
}

// ---- notifications, and leaving a wait ----

// Take x out of what it waits on: an endpoint's queue, or a notification.
static void
leave(struct tcb *x)
{
  struct endpoint *ep = x->obj;

  if (x->state == IPC_SEND)
    dequeue(&ep->senders, x);
  else if (x->state == IPC_RECV)
    dequeue(&ep->receivers, x);
  else if (x->state == IPC_WAIT)
    ((struct notification *)x->obj)->waiter = 0;
}

// OR bits into n, and end the wait of its waiter, or else of the
// thread it is bound to if that waits in recv. Returns 0 (the signal
// system call's result).
int
ntfn_signal(struct notification *n, uint bits)
{
  struct tcb *w = n->waiter, *b = n->bound;

  n->bits |= bits;
  if (w) {
    n->waiter = 0;
    w->t->tf->a1 = n->bits;
    n->bits = 0;
    unblock(w, 0);
  } else if (b && b->state == IPC_RECV) {
    leave(b);
    notify(b);
    unblock(b, 0);
  }
  return 0;
}

// The last capability to an endpoint or notification is gone (task.c,
// objput): every thread waiting on it (in an endpoint's queues, or for
// the notification's bits) stops, with -EIDRM; the thread it was bound
// to and the interrupt it was bound to forget it; its slot is free.
void
objfree(void *obj)
{
  struct tcb *x;

  for (x = tcbs; x < &tcbs[NTHREAD]; x++) {
    if (x->obj == obj) {
      leave(x);
      unblock(x, -EIDRM);
    }
    if (x->bound == obj)
      x->bound = 0;
  }
  irqforget(obj);
  ((struct kobj *)obj)->used = 0;
}

// Bind notification c to the calling thread: its receives on any
// endpoint also end when c is signalled (a driver waits for requests
// and for its interrupt at once). One thread per notification.
int
ntfn_bind(struct tcb *me, struct cap *c)
{
  struct notification *n = c->obj;

  if (n->bound && n->bound != me)
    return -EBUSY;
  if (me->bound)
    me->bound->bound = 0;
  n->bound = me;
  me->bound = n;
  return 0;
}

// Take the notification's bits (into our a1), waiting for some if block_ok.
int
ntfn_wait(struct tcb *me, struct cap *c, int block_ok)
{
  struct notification *n = c->obj;

  if (n->bits || !block_ok) {
    me->t->tf->a1 = n->bits;
    n->bits = 0;
    return 0;
  }
  if (n->waiter)
    return -EBUSY;
  n->waiter = me;
  return block(me, IPC_WAIT, n);
}

// Take the calling thread out of every wait (it is ending, or was
// killed): out of an endpoint's queue or a notification; its caller gets
// -EPIPE; a server that owes it a reply forgets it.
void
ipc_cancel(struct tcb *me)
{
  struct tcb *x;

  leave(me);
  unblock(me, -EINTR);
  if (me->bound) {
    me->bound->bound = 0;
    me->bound = 0;
  }
  dropcaller(me);
  for (x = tcbs; x < &tcbs[NTHREAD]; x++)
    if (x->caller == me)
      x->caller = 0;
}
