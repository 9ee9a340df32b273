// sysproc.c: the process system calls. Each fetches its arguments
// (syscall.c) and calls the kernel function that does the work (proc.c,
// sched.c); the result goes back to the caller in a0: a failure is
// -ENUMBER (errnum.h), as in sysfile.c.

#include "types.h"
#include "monoparam.h"
#include "memlayout.h"
#include "machine.h"
#include "spinlock.h"
#include "thread.h"
#include "proc.h"
#include "syscall.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

int
sys_fork(void)
{
  return fork();
}

int
sys_exit(void)
{
  int status;

  argint(0, &status);
  exit(status);
  return 0;   // not reached
}

int
sys_wait(void)
{
  uint addr;

  argaddr(0, &addr);
  return wait(addr);
}

int
sys_waitpid(void)
{
  int pid, options;
  uint addr;

  argint(0, &pid);
  argaddr(1, &addr);
  argint(2, &options);
  return waitpid(pid, addr, options);
}

int
sys_kill(void)
{
  int pid;

  argint(0, &pid);
  return kill(pid);
}

int
sys_getpid(void)
{
  return myproc()->pid;
}

int
sys_getppid(void)
{
  return getppid();
}

// Grow or shrink the heap by n bytes; returns the old break.
int
sys_sbrk(void)
{
  int n;
  int err;
  uint old;

  argint(0, &n);
  old = mythread()->as->sz;
  if ((err = growproc(n)) < 0)
    return err;
  return old;
}

// Sleep for n clock ticks (TICK_CYCLES cycles each).
int
sys_sleep(void)
{
  int n;

  argint(0, &n);
  return ticksleep(n);
}

int
sys_uptime(void)
{
  return clockticks();
}

int
sys_getprocs(void)
{
  uint addr;
  int max;

  argaddr(0, &addr);
  argint(1, &max);
  if (max < 0)
    return -EINVAL;
  return getprocs(addr, max);
}

// Power the machine off; status becomes its exit code.
int
sys_halt(void)
{
  int status;

  argint(0, &status);
  poweroff(status);
  return 0;   // not reached
}

int
sys_setpgid(void)
{
  int pid, pgid;

  argint(0, &pid);
  argint(1, &pgid);
  return setpgid(pid, pgid);
}

int
sys_getpgid(void)
{
  int pid;

  argint(0, &pid);
  return getpgid(pid);
}

// The console's foreground group: ^C kills it (console.c, killpgrp).
int
sys_tcsetpgrp(void)
{
  int pgid;

  argint(0, &pgid);
  if (pgid < 0)
    return -EINVAL;
  tcsetpgrp(pgid);
  return 0;
}

int
sys_tcgetpgrp(void)
{
  return tcgetpgrp();
}

/* BEGIN SOLUTION syscall */
// sysinfo(info): free memory, processes, cores and ticks, copied out to
// the user's struct sysinfo (kernel/include/syscall.h).
int
sys_sysinfo(void)
{
  struct sysinfo info;
  uint addr;

  argaddr(0, &addr);
  info.freepages = kfreecount();
  info.totalpages = ktotalpages();
  info.nproc = nprocs();
  info.ncpu = ncpu;
  info.uptime = ticks;
  if (copyout(myproc()->thread->as->pagetable, addr, (char *)&info, sizeof(info)) < 0)
    return -EFAULT;
  return 0;
}

// trace(mask): from now on, print the system calls whose bit is set in
// mask, made by this process and the children it forks afterwards.
int
sys_trace(void)
{
  int mask;

  argint(0, &mask);
  myproc()->tracemask = mask;
  return 0;
}
/* END SOLUTION syscall */
/* STUB syscall
// Lab syscall: sys_sysinfo and sys_trace go here (labs/syscall/README.md).
*/

// The scheduler's counters of one core.
int
sys_cpuinfo(void)
{
  struct cpuinfo info;
  struct cpu *c;
  int core;
  uint addr;

  argint(0, &core);
  argaddr(1, &addr);
  if (core < 0 || core >= ncpu)
    return -EINVAL;
  c = &cpus[core];
  info.nswitch = c->nswitch;
  info.nsteal = c->nsteal;
  info.ntimer = c->ntimer;
  info.nidle = c->nidle;
  info.busycycles = c->busycycles;
  info.waitcycles = c->waitcycles;
  info.runnable = c->rq.n;
  info.nmigrate = c->nmigrate;
  if (copyout(myproc()->thread->as->pagetable, addr, (char *)&info, sizeof(info)) < 0)
    return -EFAULT;
  return 0;
}

// setprio(pid, prio): lab sched's priorities (syscall.h).
int
sys_setprio(void)
{
  int pid, prio;

  argint(0, &pid);
  argint(1, &prio);
  return setprio(pid, prio);
}

// vmprint(pid): print the page table of process pid (0: the caller) on
// the console (lab pgtbl; the printing is vmprint in core/vm.c).
int
sys_vmprint(void)
{
  int pid;

  argint(0, &pid);
  if (pid < 0)
    return -ESRCH;
  return procvmprint(pid);
}

// vmstats(&st): the memory system's counters (struct vmstats, syscall.h).
int
sys_vmstats(void)
{
  struct vmstats st;
  uint addr;

  argaddr(0, &addr);
  vmstatsget(&st);
  if (copyout(myproc()->thread->as->pagetable, addr, (char *)&st, sizeof(st)) < 0)
    return -EFAULT;
  return 0;
}
