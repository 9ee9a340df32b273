// setframe.c: where a child made by exofork starts, what it is called
// (and unstarted(), the check for what a parent may still set up in a
// child).
//
// exofork's child starts with its parent's registers, right after the
// parent's exofork. A library that builds a whole new program in the
// child (libos/unix's exec: it maps the new image and stack into the
// child, then starts it) needs it to start at the image's entry point
// instead, with its own sp and arguments: env_setframe loads a struct
// exoframe (the one EXO_resume takes) into the child's trap frame. Only
// the parent may, and only before the child first runs (EXO_env_run),
// so no running env's registers ever change under it.
//
// A child is called what its parent was. The kernel needs no names, but
// the tools do: `minos prof` and the debugger pick a program's symbols by
// the name of the env running it, and exo's console messages show it.
// A library that runs a new program in the child names it (env_name),
// under the same rule as env_setframe.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "defs.h"
#include "errnum.h"
#include "exo.h"

// Env id if it is a child of the caller that has not run yet (what a
// parent may still set up: its start, its disk domain), else 0 with the
// error in *err. Caller holds envlock.
struct env *
unstarted(int id, int *err)
{
  struct env *e = envlookup(id);

  *err = -ESRCH;
  if (e == 0 || e == myenv())
    return 0;
  *err = -EPERM;
  if (e->parent != myenv()->id || *e->status != ENV_NOT_RUNNABLE)
    return 0;
  return e;
}

int
env_setframe(int id, uint frameva)
{
  struct exoframe f;
  struct trapframe *tf;
  struct env *e;
  uint ksp;
  int r = 0;

  if (copyin(mythread()->as->pagetable, (char *)&f, frameva, sizeof(f)) < 0)
    return -EFAULT;
  acquire(&envlock);
  if ((e = unstarted(id, &r)) != 0) {
    r = 0;
    tf = e->t->tf;
    ksp = tf->sp;                    // as in envresume (env.c): r1..r15, then
    memmove(tf, f.regs, sizeof(f.regs));
    tf->sp = ksp;                    // the kernel's sp stays; the user's is usp
    tf->usp = f.regs[13];
    tf->epc = f.epc;
  }
  release(&envlock);
  return r;
}

int
env_name(int id, uint nameva)
{
  char name[sizeof(((struct thread *)0)->name)];
  struct env *e;
  int r;

  if ((r = copyinstr(mythread()->as->pagetable, name, nameva, sizeof(name))) < 0)
    return r;
  acquire(&envlock);
  if ((e = unstarted(id, &r)) != 0) {
    r = 0;
    safestrcpy(e->t->name, name, sizeof(e->t->name));
    envpublish(e);                   // the exposed page says it too
  }
  release(&envlock);
  return r;
}
