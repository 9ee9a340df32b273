// task.c: tasks, their capability slots, and the boot bundle.
//
// A task is an address space (core's struct addrspace) plus NCAP
// capability slots. Its threads are core's threads; each has a tcb
// (micro.h) for its IPC state, tcbs[i] belonging to threads[i].
//
// Capabilities are the only names user code has for kernel objects:
// a system call names a slot number, and capget() checks that the slot
// holds an object of the expected type with the needed rights. A
// capability is created with its object (epcreate, ntfncreate, tasknew)
// and copied by mint, which may only narrow the rights and may set a
// badge only on an unbadged capability — so a client cannot forge the
// badge a server sees.
//
// The derivation tree (micro.h, struct cap): every copy (capcopy) is a
// child of what it was copied from. delete removes one capability (its
// children move up to its parent); revoke removes every descendant of
// one, however many copies and go-betweens away. An endpoint or a
// notification counts the capabilities naming it (refs) and is freed
// with the last one (objput): whoever waits on it gets -EIDRM. (A task
// is not freed by losing its capabilities: it ends with its last
// thread, and a capability to it dies then, by its generation.)
//
// The boot bundle (bundle.h): the build links the server images into
// the kernel as one block of read-only data, `bundle`. The kernel loads
// one of them, image 0, the root task — as L4's and seL4's kernels load
// only theirs: personality_start() makes it with a CAP_CONTROL
// capability in slot 0 (the authority to make tasks, bind interrupts and
// map devices), and its first thread loads the image with core's loader.
// Every other task is built in user space by whoever makes it
// (servers/lib/load.c: tasknew, pages, taskregs, start), from bundle
// images it reads with bundleread — there is no file system yet.
//
// Invariants (under ipc_lock): a used task has nthread >= 1, except
// while spawn builds it; tcbs[i].task is 0 for a thread micro does not
// run. A thread that ends becomes a ZOMBIE and is freed by the next
// spawn (reap), once it is off its core.

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
#include "bundle.h"

extern char bundle[];             // the generated bundle object (shell/build.py)

struct spinlock ipc_lock;
struct tcb tcbs[NTHREAD];
static struct task tasks[NTASK];

void
taskinit(void)
{
  int i;

  initlock(&ipc_lock, "ipc");
  for (i = 0; i < NTHREAD; i++)
    tcbs[i].t = &threads[i];
}

// The capability in slot `slot` of tk if it is of `type` (CAP_ANY: any
// but CAP_NONE) with at least `rights`; else 0. (freeslot, micro.h, is
// capget for CAP_NONE: an empty slot.) ipc_lock held.
struct cap *
capget(struct task *tk, int slot, int type, int rights)
{
  struct cap *c;

  if (slot < 0 || slot >= NCAP)
    return 0;
  c = &tk->caps[slot];
  if (c->type != type && (type != CAP_ANY || c->type == CAP_NONE))
    return 0;
  if ((c->rights & rights) != rights)
    return 0;
  return c;
}

// The task named by a CAP_TASK capability in slot `slot` of tk, or tk
// itself for slot -1; 0 if the slot holds no task. ipc_lock held.
struct task *
tasktarget(struct task *tk, int slot)
{
  struct cap *c;

  if (slot == -1)
    return tk;
  c = capget(tk, slot, CAP_TASK, 0);
  if (c == 0 || !((struct task *)c->obj)->used || ((struct task *)c->obj)->gen != c->badge)
    return 0;                 // none, or the task it named has ended
  return c->obj;
}

void
capset(struct cap *c, int type, int rights, uint badge, void *obj)
{
  c->type = type;
  c->rights = rights;
  c->badge = badge;
  c->obj = obj;
}

// ---- the derivation tree, and objects' lifetime (ipc_lock held) ----

// Every capability of a task: its NCAP slots, then its pager and its
// exit notification (copies held by the kernel on its behalf).
#define NTASKCAP (NCAP + 2)

static struct cap *
taskcap(struct task *tk, int i)
{
  if (i < NCAP)
    return &tk->caps[i];
  return i == NCAP ? &tk->pager : &tk->onexit;
}

// The object of a capability that is going away loses a reference; the
// last one frees it (ipc.c wakes whoever waits on it).
static void
objput(int type, void *obj)
{
  if ((type == CAP_ENDPOINT || type == CAP_NTFN) && --((struct kobj *)obj)->refs == 0)
    objfree(obj);
}

// Make empty capability dst a copy of src, a child of it in the
// derivation tree, with src's rights narrowed to `rights`.
void
capcopy(struct cap *dst, struct cap *src, int rights, uint badge)
{
  capset(dst, src->type, src->rights & rights, badge, src->obj);
  dst->parent = src;
  dst->nchild = 0;
  src->nchild++;
  if (src->type == CAP_ENDPOINT || src->type == CAP_NTFN)
    ((struct kobj *)src->obj)->refs++;
}

// Is x derived from c (c is its parent, or its parent's parent, ...)?
// The walk is bounded: a parent chain is never longer than the number
// of capabilities.
static int
derived(struct cap *x, struct cap *c)
{
  int n;

  for (n = 0, x = x->parent; x && n < NTASK * NTASKCAP; n++, x = x->parent)
    if (x == c)
      return 1;
  return 0;
}

// Every capability derived from c (revoke), or c's children (else):
// revoke deletes them, c stays; else they become the children of c's
// parent, so that revoking that parent still reaches them. One pass is
// enough for revoke: deleting a descendant moves its children to its
// parent, which still descends from c (or is c), so they are found too.
static void
capchildren(struct cap *c, int revoke)
{
  struct task *tk;
  struct cap *x;
  int i;

  for (tk = tasks; c->nchild > 0 && tk < &tasks[NTASK]; tk++) {
    for (i = 0; i < NTASKCAP; i++) {
      x = taskcap(tk, i);
      if (x->type == CAP_NONE)
        continue;
      if (revoke && derived(x, c)) {
        capdelete(x);
      } else if (!revoke && x->parent == c) {
        x->parent = c->parent;
        if (c->parent)
          c->parent->nchild++;
        c->nchild--;
      }
    }
  }
}

// Delete one capability (its children move up to its parent); its
// object loses a reference.
void
capdelete(struct cap *c)
{
  int type = c->type;

  if (type == CAP_NONE)
    return;
  capchildren(c, 0);
  if (c->parent)
    c->parent->nchild--;
  c->type = CAP_NONE;
  c->parent = 0;
  c->nchild = 0;
  if (type == CAP_REPLY)
    ipc_replydrop(c->obj, c->badge);    // a kept reply that will never be sent
  else
    objput(type, c->obj);
}

// A task's last thread has ended (taskexit), or its first never ran
// (taskops.c): its devices and mappings leave it (mem.c), its exit
// notification is signalled, every capability it holds goes, its
// pager's and exit notification's too, and its slot is free.
void
taskgone(struct task *tk)
{
  int i;

  unmapdevs(tk);
  if (tk->onexit.type == CAP_NTFN)
    ntfn_signal(tk->onexit.obj, tk->onexit.badge);
  for (i = 0; i < NTASKCAP; i++)
    capdelete(taskcap(tk, i));
  tk->used = 0;
}

// ---- the boot bundle ----

// Entry i of the bundle's table of contents, or 0 if there is none.
static struct bundleent *
bundleentry(int i)
{
  struct bundlehdr *h = (struct bundlehdr *)bundle;

  if (h->magic != BUNDLE_MAGIC || i < 0 || i >= (int)h->n)
    return 0;
  return (struct bundleent *)(h + 1) + i;
}

// bundleread(image, off, buf, n): up to n bytes of bundle image `image`
// from offset off, to user address buf; image -1 is the table of
// contents (the header and every entry: how a loader finds an image by
// its name). The bytes copied (0 past the end), or -error.
int
bundleread(struct task *tk, int image, uint off, uint buf, uint n)
{
  struct bundlehdr *h = (struct bundlehdr *)bundle;
  struct bundleent *e = bundleentry(image);
  uint size = e ? e->size : sizeof(*h) + h->n * sizeof(*e);

  if (e == 0 && (image != -1 || h->magic != BUNDLE_MAGIC))
    return -ENOENT;
  if (off >= size)
    return 0;
  if (n > size - off)
    n = size - off;
  if (copyout(tk->as->pagetable, buf, (e ? bundle + e->off : bundle) + off, n) < 0)
    return -EFAULT;
  return n;
}

// ---- creating and ending tasks ----

// Thread t (just allocated, its lock held) joins task tk, with a fresh
// tcb — but for callseq, kept so that a saved reply to the slot's old
// thread stays stale.
static struct tcb *
tcbnew(struct thread *t, struct task *tk)
{
  struct tcb *tc = &tcbs[t - threads];
  uint seq = tc->callseq;

  memset(tc, 0, sizeof(*tc));
  tc->callseq = seq;
  tc->t = t;
  tc->task = tk;
  t->owner = tc;
  safestrcpy(t->name, tk->name, sizeof(t->name));
  tk->nthread++;
  return tc;
}

// Free the slots of threads that have ended (ZOMBIE): their owner is
// gone, and holding t->lock proves they are off their core (the
// scheduler lets go of it only after switching away).
void
reap(void)
{
  struct thread *t;

  for (t = threads; t < &threads[NTHREAD]; t++) {
    if (t->state != ZOMBIE)
      continue;
    acquire(&t->lock);
    if (t->state == ZOMBIE)
      threadfree(t);
    release(&t->lock);
  }
}

// A new task with an empty address space and one thread, which is not
// runnable yet (tk->first): start() lets it run, once its maker has
// built its memory and given it its capabilities. Returns the thread's
// tcb, or 0 if no task, thread or memory is free. ipc_lock held.
struct tcb *
spawn(char *name)
{
  struct task *tk;
  struct thread *t;
  struct tcb *tc;
  uint gen;

  reap();
  for (tk = tasks; tk < &tasks[NTASK] && tk->used; tk++)
    ;
  if (tk == &tasks[NTASK] || (t = threadalloc()) == 0)
    return 0;
  if ((t->as = asalloc()) == 0) {
    threadfree(t);
    release(&t->lock);
    return 0;
  }
  gen = tk->gen + 1;            // capabilities to the slot's last task stay dead
  memset(tk, 0, sizeof(*tk));
  tk->gen = gen;
  tk->used = 1;
  tk->as = t->as;
  tk->first = t;
  safestrcpy(tk->name, name, sizeof(tk->name));
  tc = tcbnew(t, tk);
  release(&t->lock);
  return tc;
}

static struct tcb *root;        // the root task's thread, until it has loaded its image

// The root task: image 0 of the bundle, holding the control capability.
void
personality_start(void)
{
  struct bundleent *e = bundleentry(0);

  if (e == 0)
    panic("micro: the boot bundle has no root task");
  acquire(&ipc_lock);
  if ((root = spawn(e->name)) == 0)
    panic("micro: cannot start the root task");
  capset(&root->task->caps[0], CAP_CONTROL, RIGHTS_ALL, 0, 0);
  root->t->prio = PRIO_MAX;     // the root may give any priority (sys_prio)
  sys_start(root->task, -1);
  release(&ipc_lock);
}

// A new thread's first moment: the root task's loads image 0 (core's
// loader, in the thread's own context). No other task can touch the
// root before (it holds the only capabilities). Every other thread's
// memory was built by its task's maker before it started.
void
personality_threadstart(void)
{
  struct tcb *tc = mythread()->owner;
  struct bundleent *e;
  char *argv[2];

  if (tc != root)
    return;
  root = 0;
  e = bundleentry(0);
  argv[0] = e->name;
  argv[1] = 0;
  intr_on();
  if (exec_mem(e->name, bundle + e->off, e->size, argv) < 0) {
    printf("micro: cannot load the root task %s (image 0 of the boot bundle)\n", e->name);
    poweroff(1);                // nothing can run without it
  }
  tc->task->as = tc->t->as;     // (no lock: no other task exists to look)
}

// The calling thread ends: it leaves IPC (ipc_cancel), and if it was its
// task's last thread the task goes too (taskgone). Never returns.
void
taskexit(struct tcb *me)
{
  struct task *tk = me->task;
  struct thread *t = me->t;

  acquire(&ipc_lock);
  ipc_cancel(me);
  if (tk && --tk->nthread == 0)
    taskgone(tk);
  me->task = 0;
  acquire(&t->lock);
  release(&ipc_lock);
  t->state = ZOMBIE;
  sched();
  panic("taskexit: zombie ran");
}

void
personality_exit(int status)
{
  taskexit(mythread()->owner);   // (thread.owner: its tcb, tcbnew)
}

// ---- capability system calls (ipc_lock held) ----

// Create an object of `type` from table objs (n entries of `size`
// bytes, each starting with a struct kobj) and put an all-rights
// capability to it, its only one so far, in slot `slot`.
static int
newobject(struct task *tk, int slot, int type, char *objs, int n, int size)
{
  int i;

  if (freeslot(tk, slot) == 0)
    return -EINVAL;
  for (i = 0; i < n; i++, objs += size) {
    if (((struct kobj *)objs)->used == 0) {
      memset(objs, 0, size);
      ((struct kobj *)objs)->used = 1;
      ((struct kobj *)objs)->refs = 1;
      capset(&tk->caps[slot], type, RIGHTS_ALL, 0, objs);
      return slot;
    }
  }
  return -ENOMEM;
}

static struct endpoint endpoints[NEP];
static struct notification ntfns[NNTFN];

// epcreate(slot), or ntfncreate(slot) if !ep.
int
sys_create(struct task *tk, int slot, int ep)
{
  if (ep)
    return newobject(tk, slot, CAP_ENDPOINT, (char *)endpoints, NEP, sizeof(struct endpoint));
  return newobject(tk, slot, CAP_NTFN, (char *)ntfns, NNTFN, sizeof(struct notification));
}

int
sys_mint(struct task *tk, int src, int dtask, int dst, uint badge, int rights)
{
  struct cap *c = capget(tk, src, CAP_ANY, 0);
  struct task *to;

  if (c == 0)
    return -EBADF;
  if ((c->rights & RIGHT_GRANT) == 0)
    return -EPERM;
  if ((to = tasktarget(tk, dtask)) == 0)
    return -EBADF;
  if (freeslot(to, dst) == 0)
    return -EINVAL;
  if (c->badge != 0 && badge != 0 && badge != c->badge)
    return -EPERM;          // a badged capability keeps its badge
  capcopy(&to->caps[dst], c, rights, c->badge ? c->badge : badge);
  return 0;
}

// delete(slot), or revoke(slot): delete what was derived from it.
int
sys_delete(struct task *tk, int slot, int revoke)
{
  struct cap *c = capget(tk, slot, CAP_ANY, 0);

  if (c == 0)
    return -EBADF;
  if (revoke)
    capchildren(c, 1);
  else
    capdelete(c);
  return 0;
}

int
sys_start(struct task *tk, int task)
{
  struct task *to = tasktarget(tk, task);
  struct thread *t;

  if (to == 0)
    return -EBADF;
  if ((t = to->first) == 0)
    return -EINVAL;           // running already
  to->first = 0;
  acquire(&t->lock);
  place_new(t);
  release(&t->lock);
  return 0;
}

// A new thread in the calling task, sharing its address space and
// capabilities: it starts in user mode at pc, with sp and a0 = arg.
// (A file-system server's workers: one can wait for the disk while
// another serves a cached block.) Returns its thread id, or -error.
int
sys_thread(struct tcb *me, uint pc, uint sp, uint arg)
{
  struct task *tk = me->task;
  struct thread *t;

  if (pc < USER_BASE || pc >= USERTOP || sp < USER_BASE || sp > USERTOP || sp % 8 != 0)
    return -EINVAL;
  reap();
  if ((t = threadalloc()) == 0)
    return -EAGAIN;
  asget(tk->as);
  t->as = tk->as;
  tcbnew(t, tk);
  t->tf->epc = pc;
  t->tf->usp = sp;
  t->tf->a0 = arg;
  t->tf->estatus = (3 << STATUS_RING_SHIFT) | STATUS_IE;   // ring 3, interrupts on
  t->prio = me->t->prio;
  place_new(t);
  release(&t->lock);
  return t->tid;
}

// prio(task, prio): every thread of a task (-1: our own) gets priority
// prio — core's time slice of prio ticks, and its place in an endpoint's
// queue of senders (ipc.c). A thread may not give a priority above its
// own (seL4's maximum controlled priority, simplified): the root task
// starts at PRIO_MAX and hands out what it chooses, and no task can make
// itself, or a task it holds, more important than the one that made it.
int
sys_prio(struct tcb *me, int task, int prio)
{
  struct task *to = tasktarget(me->task, task);
  struct tcb *x;

  if (to == 0)
    return -EBADF;
  if (prio < PRIO_MIN || prio > PRIO_MAX)
    return -EINVAL;
  if (prio > me->t->prio)
    return -EPERM;
  for (x = tcbs; x < &tcbs[NTHREAD]; x++)
    if (x->task == to)
      x->t->prio = prio;        // (read at the next tick: a word, no lock needed)
  return 0;
}
