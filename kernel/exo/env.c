// env.c: environments, exofork, exceptions delivered to user code, and
// the protected control transfer.
//
// An environment is a core thread with its address space and an upcall
// address. The kernel creates one in two ways only: the first, from the
// boot bundle (main.c), and exofork(), which makes an EMPTY copy — the
// caller's registers, no memory but the exposed pages — that stays not
// runnable while the library fills its address space (page_map into the
// child) and then starts it (envrun). fork, exec and wait are library
// code (libos/).
//
// Exceptions: entry.s delivers them to the env's upcall (setupcall) in
// 18 instructions, saving what the library cannot save itself in the
// agreed area on its exception stack. The library handles the fault and
// calls EXO_resume with a full struct exoframe, which reloads every
// register. An env without an upcall dies of its exceptions.
//
// Protected control transfer: pct(id, w0, w1, w2) hands three words in
// registers to an env waiting in recv() and gives it the processor.
//
// Invariants (envlock): a slot is free iff id == 0; e->t->owner == e
// while the slot is used; info->envs[slot] mirrors the slot (envpublish).

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "personality.h"
#include "exo.h"

struct env envs[EXO_NENV];
struct spinlock envlock;
static int nextgen = 1;          // makes ids unique: id = gen * EXO_NENV + slot + 1

// After pageinit: every slot's status is its word in the exposed page.
void
envinit(void)
{
  int i;

  initlock(&envlock, "env");
  for (i = 0; i < EXO_NENV; i++)
    envs[i].status = &info->envs[i].status;
}

struct env *
myenv(void)
{
  return mythread()->owner;
}

// The env with this id (0: the caller), or 0. Caller holds envlock.
struct env *
envlookup(int id)
{
  struct env *e;

  if (id == 0)
    return myenv();
  if (id < 0)
    return 0;
  e = &envs[(id - 1) % EXO_NENV];
  return e->id == id ? e : 0;
}

// Copy slot e into the exposed page. Caller holds envlock.
void
envpublish(struct env *e)
{
  struct exoenvinfo *ei = &info->envs[e - envs];

  ei->id = e->id;
  ei->parent = e->parent;
  safestrcpy(ei->name, e->t ? e->t->name : "", sizeof(ei->name));
}

// A dead env's thread is a zombie once it has switched away for the last
// time (its lock is free then): free the thread and its address space.
static void
reap(struct env *e)
{
  struct thread *t = e->t;

  acquire(&t->lock);
  if (t->state != ZOMBIE) {
    release(&t->lock);
    return;
  }
  t->owner = 0;
  threadfree(t);
  release(&t->lock);
  e->t = 0;
  e->id = 0;
  *e->status = ENV_FREE;
  envpublish(e);
}

// Copy what entry.s's pct needs of e's thread and address space into e
// (after envalloc, and after the loader replaced the address space).
void
envcache(struct env *e)
{
  e->ksp = (uint)e->t->kstack + KSTACKSIZE;
  e->pd = e->t->as->pagetable;
  e->asid = e->t->as->asid;
}

// A new env with an empty address space, not runnable. Returns with
// e->t->lock held, or 0. Caller holds envlock.
struct env *
envalloc(struct env *parent)
{
  struct env *e, *found = 0;
  struct thread *t;

  for (e = envs; e < &envs[EXO_NENV]; e++) {
    if (*e->status == ENV_DEAD)
      reap(e);
    if (e->id == 0 && found == 0)
      found = e;
  }
  if ((e = found) == 0 || (t = threadalloc()) == 0)
    return 0;
  if ((t->as = asalloc()) == 0) {
    threadfree(t);
    release(&t->lock);
    return 0;
  }
  t->owner = e;
  e->t = t;
  envcache(e);
  e->id = nextgen++ * EXO_NENV + (e - envs) + 1;
  e->parent = parent ? parent->id : 0;
  *e->status = ENV_NOT_RUNNABLE;
  info->envs[e - envs].nrepo = 0;
  e->held = 0;
  e->notified = 0;
  e->tlbmode = EXO_TLB_PAGETABLE;
  return e;
}

// exofork: a child with the caller's registers and an empty address
// space (the exposed pages only). Returns its id; the child sees 0.
int
exofork(void)
{
  struct env *me = myenv(), *e;
  struct thread *t;

  acquire(&envlock);
  e = envalloc(me);
  if (e == 0) {
    release(&envlock);
    return -EAGAIN;
  }
  t = e->t;
  if (mapinfo(t->as->pagetable) < 0) {
    release(&t->lock);
    release(&envlock);
    envdestroy(e, 0);
    return -ENOMEM;
  }
  *t->tf = *me->t->tf;
  t->tf->a0 = 0;
  t->tf->pad = 0;              // no upcall: it has no exception stack yet
  t->prio = me->t->prio;
  safestrcpy(t->name, me->t->name, sizeof(t->name));
  release(&t->lock);
  envpublish(e);
  release(&envlock);
  return e->id;
}

// Start a child made by exofork.
int
envrun(int id)
{
  struct env *e;
  int r = 0;

  acquire(&envlock);
  e = envlookup(id);
  if (e == 0)
    r = -ESRCH;
  else if (e->parent != myenv()->id || *e->status != ENV_NOT_RUNNABLE)
    r = -EPERM;
  else {
    *e->status = ENV_RUNNABLE;
    envpublish(e);
    acquire(&e->t->lock);
    place_new(e->t);
    release(&e->t->lock);
  }
  release(&envlock);
  return r;
}

// End env e: unmap everything, release its pages. If e is the caller,
// it never returns. When no env is left that could run, the machine
// powers off with the status.
void
envdestroy(struct env *e, int status)
{
  acquire(&envlock);
  unmapall(e);
  releasepages(e);
  diskforget(e);
  *e->status = ENV_DEAD;
  envpublish(e);
  if (envlive() == 0)
    poweroff(status);
  if (e != myenv()) {
    // Never started (a failed exofork): it can be freed at once.
    acquire(&e->t->lock);
    e->t->state = ZOMBIE;
    release(&e->t->lock);
    reap(e);
    release(&envlock);
    return;
  }
  acquire(&e->t->lock);
  e->t->state = ZOMBIE;
  release(&envlock);
  sched();
  panic("envdestroy: zombie ran");
}

// core's trap path ends a killed thread here (personality.h).
void
personality_exit(int status)
{
  envdestroy(myenv(), status);
}

// Name where env id's exceptions go (the caller or its child): the
// upcall is kept in its trap frame's pad word, where the fast path in
// entry.s finds it with one load. It needs the exception stack: the page
// below UXSTACKTOP mapped writable (page.c keeps it so while an upcall
// is set). va 0: exceptions kill the env.
int
setupcall(int id, uint va)
{
  struct env *e;
  int r;

  acquire(&envlock);
  e = envlookup(id);
  if (e == 0)
    r = -ESRCH;
  else if (e != myenv() && e->parent != myenv()->id)
    r = -EPERM;
  else if (va != 0 && !xstackmapped(e))
    r = -EINVAL;
  else {
    e->t->tf->pad = va;
    r = 0;
  }
  release(&envlock);
  return r;
}

// Deliver an exception to t's env from C, the way entry.s's fast path
// does: cause, badaddr, access, epc and t0 go to the agreed save area
// (EXO_SAVE) and t resumes at its upcall. For what the fast path does
// not take: a revocation request (revoke.c), and every exception of an
// env in the software-TLB mode (stlb.c), TLB misses included. -1 if t
// has no upcall or its save area is gone.
int
upcall(struct thread *t, uint cause, uint badaddr, uint access)
{
  struct trapframe *tf = t->tf;
  uint save[4];

  if (tf->pad == 0)
    return -1;
  save[0] = cause;
  save[1] = badaddr;
  save[2] = access;
  save[3] = tf->epc;
  if (copyout(t->as->pagetable, EXO_SAVE, (char *)save, sizeof(save)) < 0
      || copyout(t->as->pagetable, EXO_SAVE + 40, (char *)&tf->t0, 4) < 0)
    return -1;
  tf->epc = tf->pad;
  return 0;
}

// Return from an exception handler: every register from the frame at
// frameva. Returns the frame's a0 (syscall() puts the result in a0).
int
envresume(uint frameva)
{
  struct trapframe *tf = mythread()->tf;
  struct exoframe f;
  uint ksp = tf->sp;

  if (copyin(mythread()->as->pagetable, (char *)&f, frameva, sizeof(f)) < 0)
    return -EFAULT;
  memmove(tf, f.regs, sizeof(f.regs));
  tf->usp = f.regs[13];
  tf->sp = ksp;
  tf->epc = f.epc;
  return f.regs[0];
}

// How many envs can run: waiting for a pct (ENV_RECV) does not count,
// since only a running env can send one.
int
envlive(void)
{
  struct env *o;
  int live = 0;

  for (o = envs; o < &envs[EXO_NENV]; o++)
    if (*o->status == ENV_RUNNABLE)
      live++;
  return live;
}

// ---- the protected control transfer ----
//
// EXO_pct(id, w0, w1, w2) runs env id at once, on the rest of the
// caller's time slice, and the caller waits for a pct to come back (as
// L4's call). id must be waiting: in EXO_recv or in its own EXO_pct.
// It resumes where it waited (e->waitpc), with the sender's id in a0
// and the words in a1-a3; the kernel passes nothing else, not even sp
// (the library saves its registers and sp itself: libos/entry.S). A wait is
// status ENV_RECV in the exposed page; whoever changes it to
// ENV_RUNNABLE (cas) owns the resumption.
//
// The fast path is entry.s (exo_syscall): it switches in assembly
// whenever the receiver is waiting. This is the rest: the C path for an
// error to report, and for a sender whose receiver entry.s found busy
// but which is free by now. Both leave a waiting env so that either can
// resume it, at e->waitpc:
//   - parked by entry.s, its thread is still RUNNING in core's eyes: the
//     C path gives it a context that returns to user mode through
//     trapret (forkret_entry), at waitpc;
//   - parked here (park), it sleeps in sched() with t->lock held until
//     its core has switched away, so entry.s waits for the lock.

extern char forkret_entry[];     // kernel/core/entry.s

static int
cas(volatile int *p, int old, int new)
{
  asm volatile("cas %0, %1, %2" : "+r"(old) : "r"(p), "r"(new));
  return old;
}

// Wait for a pct or a notification: the caller, holding envlock,
// parks. Returns the sender's id (the words are in the trap frame's
// a1-a3, where the sender put them).
static int
park(void)
{
  struct env *e = myenv();
  struct thread *t = e->t;

  acquire(&t->lock);
  t->chan = e;
  t->state = SLEEPING;
  e->waitpc = t->tf->epc;        // where entry.s would resume us
  *e->status = ENV_RECV;         // a sender may claim us from here on
  release(&envlock);
  sched();
  t->chan = 0;
  release(&t->lock);
  return t->tf->a0;
}

// Resume e, which the caller claimed: a0-a3 of its trap frame are the
// sender's id and words.
static void
resume(struct env *e, int from, uint w0, uint w1, uint w2)
{
  struct thread *t = e->t;
  struct trapframe *tf = t->tf;

  acquire(&t->lock);             // it has left its core
  tf->a0 = from;
  tf->a1 = w0;
  tf->a2 = w1;
  tf->a3 = w2;
  if (t->state == RUNNING) {     // parked by entry.s: back through trapret
    tf->epc = e->waitpc;
    t->context.sp = (uint)tf;
    t->context.lr = (uint)forkret_entry;
  }
  make_runnable(t);
  release(&t->lock);
}

int
pct(int id, uint w0, uint w1, uint w2)
{
  struct env *e, *me = myenv();

  acquire(&envlock);
  e = envlookup(id);
  if (e == 0 || e == me) {
    release(&envlock);
    return -ESRCH;
  }
  if (cas(e->status, ENV_RECV, ENV_RUNNABLE) != ENV_RECV) {
    release(&envlock);
    return -EAGAIN;
  }
  release(&envlock);
  resume(e, me->id, w0, w1, w2);
  acquire(&envlock);
  return park();
}

// EXO_recv: wait for a pct or a notification. Returns the sender's id;
// words in a1-a3. A notification sent while we were not waiting is
// received at once.
int
recv(void)
{
  struct env *e = myenv();
  struct trapframe *tf = e->t->tf;
  int from;

  acquire(&envlock);
  if ((from = e->notified) != 0) {
    e->notified = 0;
    release(&envlock);
    tf->a1 = tf->a2 = tf->a3 = 0;
    return from;
  }
  return park();
}

// EXO_notify(id): the one-way wakeup (a library's sleep and wakeup are
// built on it: libos/unix proc.c). If env id waits (ENV_RECV: in
// EXO_recv, or in EXO_pct for a reply), claim it as a pct would and
// resume it with our id and no words; we go on running. Otherwise keep
// the notification: its next EXO_recv returns at once. Notifications
// do not count: two before a recv are received as one. Checking under
// envlock against recv's check makes the wakeup impossible to lose.
int
notify(int id)
{
  struct env *e, *me = myenv();

  acquire(&envlock);
  e = envlookup(id);
  if (e == 0 || e == me || *e->status == ENV_DEAD) {
    release(&envlock);
    return -ESRCH;
  }
  if (cas(e->status, ENV_RECV, ENV_RUNNABLE) != ENV_RECV) {
    e->notified = me->id;
    release(&envlock);
    return 0;
  }
  release(&envlock);
  resume(e, me->id, 0, 0, 0);
  return 0;
}
