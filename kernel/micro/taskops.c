// taskops.c: what a user-level loader and process manager need from
// the kernel to make tasks (servers/lib/load.c: the servers, which the
// root task and rs start; servers/pm/: Unix processes): an empty task,
// where its first thread starts, a copy of another task's memory, fresh
// pages, and ending a task from outside. Each is a mechanism, not a
// policy: the loader decides what goes into a task, pm what a process
// is; the kernel only builds and tears down the objects.
//
//   tasknew(control, slot, name)  a task with an empty address space and
//                                 one thread that has not started: its
//                                 maker fills its memory, gives it its
//                                 capabilities, then start()s it;
//   taskregs(task, pc, sp, arg)   where that thread starts, in ring 3;
//   mapmany(task, vec, n)         n maps or unmaps into a task in one
//                                 trap (mem.c: pm's fork and exit);
//   pagealloc(task, va, perm)     a fresh zeroed page at va of a task
//                                 (-1: the caller's own: the loader fills
//                                 it and grants it on; pm maps it on: it
//                                 lends every page of a process);
//   taskkill(task)                end every thread of a task (Unix kill,
//                                 exit, and exec's old image);
//   halt(control, status)         power off (the halt system call);
//   meminfo(buf)                  free and total pages, cores, ticks
//                                 (libc's sysinfo; pm adds the processes);
//   bundleread(image, off, buf, n) bytes of a boot-bundle image, or of
//                                 its table of contents (task.c): the
//                                 programs a loader can run before there
//                                 is a file system (the bundle is
//                                 read-only, and anyone may read it).
//
// Authority: creating a task and powering off need the control
// capability (the root task's, which it mints to pm); the others need a
// capability to the task(s) concerned. A thread blocked in IPC that is
// killed leaves its queue at once (taskkill cancels its wait) and ends
// on its way out of the kernel, as on mono.
//
// Everything here runs under ipc_lock (main.c's dispatch takes it).

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "micro.h"

static int
tasknew(struct task *tk, int ctl, int slot, uint uname)
{
  char name[16];
  struct tcb *tc;

  if (capget(tk, ctl, CAP_CONTROL, 0) == 0)
    return -EPERM;
  if (freeslot(tk, slot) == 0)
    return -EINVAL;
  if (copyinstr(tk->as->pagetable, name, uname, sizeof(name)) < 0)
    return -EFAULT;
  if ((tc = spawn(name)) == 0)
    return -ENOMEM;
  capset(&tk->caps[slot], CAP_TASK, RIGHTS_ALL, tc->task->gen, tc->task);   // an original
  return slot;
}

// (Only a task whose first thread has not started.)
static int
taskregs(struct task *tk, int task, uint pc, uint sp, uint arg)
{
  struct task *to = tasktarget(tk, task);
  struct trapframe *tf;

  if (to == 0 || to->first == 0)
    return -EBADF;
  if (pc < USER_BASE || pc >= USERTOP || sp < USER_BASE || sp > USERTOP || sp % 8 != 0)
    return -EINVAL;
  tf = to->first->tf;
  tf->epc = pc;
  tf->usp = sp;
  tf->a0 = arg;
  tf->estatus = (3 << STATUS_RING_SHIFT) | STATUS_IE;   // ring 3, interrupts on
  return 0;
}

// pagealloc(task, va, perm): a fresh zeroed page at va of a task we
// hold (-1: our own). Our own, to fill and map or grant on (pm's frames,
// servers/pm/mem.c; the loader's pages with bytes, servers/lib/load.c);
// a task's, the loader's empty pages (bss, stack), one trap each.
static int
pagealloc(struct task *tk, int task, uint va, int perm)
{
  struct task *to = tasktarget(tk, task);
  char *page;
  int err;

  if (to == 0)
    return -EBADF;
  if ((perm & ~(MAP_W | MAP_X)) != 0)
    return -EINVAL;
  if ((err = freeva(to->as->pagetable, va)) < 0)
    return err;
  if ((page = kalloc()) == 0)
    return -ENOMEM;
  if (mappages(to->as->pagetable, va, PGSIZE, (uint)page,
               PTE_U | ((perm & MAP_W) ? PTE_W : 0) | ((perm & MAP_X) ? PTE_X : 0)) < 0) {
    kfree(page);
    return -ENOMEM;
  }
  return 0;
}

// A task whose thread never ran ends at once: its thread becomes a
// ZOMBIE that the next spawn frees (reap), as taskexit leaves one.
static void
endunstarted(struct task *to)
{
  struct thread *t = to->first;

  to->first = 0;
  tcbs[t - threads].task = 0;
  to->nthread = 0;
  taskgone(to);                 // its devices, mappings, capabilities (task.c)
  acquire(&t->lock);
  t->state = ZOMBIE;
  release(&t->lock);
}

// Every thread of the started task `to` ends: marked killed, taken out
// of its IPC wait at once (ipc_cancel: out of an endpoint's queue, so
// that no sender hands its core to a thread that is not asleep any more
// — the fast path's direct switch — and its callers get -EPIPE), and
// woken if it sleeps; one running (on another core, or the caller)
// ends at its next trap. Under ipc_lock.
void
taskend(struct task *to)
{
  struct tcb *x;
  struct thread *t;

  for (x = tcbs; x < &tcbs[NTHREAD]; x++) {
    if (x->task != to)
      continue;
    t = x->t;
    if (x->state != IPC_IDLE)
      ipc_cancel(x);
    acquire(&t->lock);
    t->killed = 1;
    if (t->state == SLEEPING)
      make_runnable(t);
    release(&t->lock);
  }
}

static int
taskkill(struct task *tk, int task)
{
  struct task *to = tasktarget(tk, task);

  if (to == 0)
    return -EBADF;
  if (to->first)
    endunstarted(to);
  else
    taskend(to);
  return 0;
}

// Free pages, all pages, cores, ticks: four words to user address buf.
// Threads that have ended are freed first, so their pages count as
// free (a process pm has reported dead holds none).
static int
meminfo(struct task *tk, uint buf)
{
  uint info[4];

  reap();
  info[0] = kfreecount();
  info[1] = ktotalpages();
  info[2] = r_ncores();
  info[3] = clockticks();
  if (copyout(tk->as->pagetable, buf, (char *)info, sizeof(info)) < 0)
    return -EFAULT;
  return 0;
}

// The system calls of this file (ipc.h: SYS_tasknew and after), for
// main.c's dispatch; -ENOSYS for any other number.
int
sys_taskop(struct tcb *me, uint num, struct trapframe *tf)
{
  struct task *tk = me->task;

  switch (num) {
  case SYS_tasknew:   return tasknew(tk, tf->a0, tf->a1, tf->a2);
  case SYS_taskregs:  return taskregs(tk, tf->a0, tf->a1, tf->a2, tf->a3);
  case SYS_mapmany:   return sys_mapmany(tk, tf->a0, tf->a1, tf->a2);
  case SYS_pagealloc: return pagealloc(tk, tf->a0, tf->a1, tf->a2);
  case SYS_taskkill:  return taskkill(tk, tf->a0);
  case SYS_halt:
    if (capget(tk, tf->a0, CAP_CONTROL, 0) == 0)
      return -EPERM;
    poweroff(tf->a1);
    return 0;
  case SYS_bundleread: return bundleread(tk, tf->a0, tf->a1, tf->a2, tf->a3);
  case SYS_meminfo:   return meminfo(tk, tf->a0);
  }
  return -ENOSYS;
}
