// syscall.c: system-call dispatch, and fetching the arguments.
//
// A user program puts the call's number in t0 and its arguments in a0-a5
// and executes `syscall` (userland/lib/backend/mono/usys.S). The trap
// frame holds those registers; syscall() looks the number up in the
// table below and puts the handler's result in the frame's a0, which is
// what the program sees when the trap returns.
//
// Arguments are fetched from the trap frame with argint/argaddr/argstr.
// A user address is only a number until copyin/copyout/copyinstr (vm.c)
// check it against the process's page table: a bad one gives -EFAULT.
// A call that fails returns -ENUMBER (errnum.h); libc makes that errno.

#include "types.h"
#include "monoparam.h"
#include "memlayout.h"
#include "spinlock.h"
#include "thread.h"
#include "proc.h"
#include "syscall.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

// Fetch the word at user address addr. Returns 0, or -EFAULT.
int
fetchaddr(uint addr, uint *ip)
{
  if (copyin(myproc()->thread->as->pagetable, (char *)ip, addr, sizeof(*ip)) < 0)
    return -EFAULT;
  return 0;
}

// Fetch the 0-terminated string at user address addr into buf (at most
// max bytes, with the 0). Returns its length, -EFAULT for a bad address,
// or -ENAMETOOLONG if it does not fit (copyinstr tells them apart).
int
fetchstr(uint addr, char *buf, int max)
{
  int err;

  if ((err = copyinstr(myproc()->thread->as->pagetable, buf, addr, max)) < 0)
    return err;
  return strlen(buf);
}

static uint
argraw(int n)
{
  struct trapframe *tf = myproc()->thread->tf;

  switch (n) {
  case 0: return tf->a0;
  case 1: return tf->a1;
  case 2: return tf->a2;
  case 3: return tf->a3;
  case 4: return tf->a4;
  case 5: return tf->a5;
  }
  panic("argraw: no such argument");
  return 0;
}

// The n-th argument as an int.
void
argint(int n, int *ip)
{
  *ip = argraw(n);
}

// The n-th argument as a user address. It is not checked here: the
// copy functions check it when it is used.
void
argaddr(int n, uint *ap)
{
  *ap = argraw(n);
}

// The n-th argument as a string, copied into buf. Returns its length,
// -EFAULT if the address is bad, or -ENAMETOOLONG if it does not fit.
int
argstr(int n, char *buf, int max)
{
  uint addr;

  argaddr(n, &addr);
  return fetchstr(addr, buf, max);
}

// Handlers: sysproc.c (processes) and sysfile.c (files, on the
// file-system side).
int sys_fork(void);
int sys_exit(void);
int sys_wait(void);
int sys_pipe(void);
int sys_read(void);
int sys_kill(void);
int sys_exec(void);
int sys_fstat(void);
int sys_chdir(void);
int sys_dup(void);
int sys_getpid(void);
int sys_sbrk(void);
int sys_sleep(void);
int sys_uptime(void);
int sys_open(void);
int sys_write(void);
int sys_mknod(void);
int sys_unlink(void);
int sys_link(void);
int sys_mkdir(void);
int sys_close(void);
int sys_getprocs(void);
int sys_halt(void);
int sys_setpgid(void);
int sys_getpgid(void);
int sys_getppid(void);
int sys_getcwd(void);
int sys_waitpid(void);
int sys_tcsetpgrp(void);
int sys_tcgetpgrp(void);
int sys_cpuinfo(void);
int sys_dup2(void);
int sys_setprio(void);
int sys_vmprint(void);
int sys_vmstats(void);
/* BEGIN SOLUTION syscall */
int sys_sysinfo(void);
int sys_trace(void);
/* END SOLUTION syscall */

// Indexed by system-call number (syscall.h); a number with no entry is 0,
// which syscall() reports as an unknown call.
static int (*syscalls[NSYSCALL])(void) = {
  [SYS_fork]      = sys_fork,
  [SYS_exit]      = sys_exit,
  [SYS_wait]      = sys_wait,
  [SYS_pipe]      = sys_pipe,
  [SYS_read]      = sys_read,
  [SYS_kill]      = sys_kill,
  [SYS_exec]      = sys_exec,
  [SYS_fstat]     = sys_fstat,
  [SYS_chdir]     = sys_chdir,
  [SYS_dup]       = sys_dup,
  [SYS_getpid]    = sys_getpid,
  [SYS_sbrk]      = sys_sbrk,
  [SYS_sleep]     = sys_sleep,
  [SYS_uptime]    = sys_uptime,
  [SYS_open]      = sys_open,
  [SYS_write]     = sys_write,
  [SYS_mknod]     = sys_mknod,
  [SYS_unlink]    = sys_unlink,
  [SYS_link]      = sys_link,
  [SYS_mkdir]     = sys_mkdir,
  [SYS_close]     = sys_close,
  [SYS_getprocs]  = sys_getprocs,
  [SYS_halt]      = sys_halt,
  [SYS_setpgid]   = sys_setpgid,
  [SYS_getpgid]   = sys_getpgid,
  [SYS_getppid]   = sys_getppid,
  [SYS_getcwd]    = sys_getcwd,
  [SYS_waitpid]   = sys_waitpid,
  [SYS_tcsetpgrp] = sys_tcsetpgrp,
  [SYS_tcgetpgrp] = sys_tcgetpgrp,
  [SYS_cpuinfo]   = sys_cpuinfo,
  [SYS_dup2]      = sys_dup2,
  [SYS_vmprint]   = sys_vmprint,
  [SYS_vmstats]   = sys_vmstats,
  [SYS_setprio]   = sys_setprio,
  /* BEGIN SOLUTION syscall */
  [SYS_sysinfo]   = sys_sysinfo,
  [SYS_trace]     = sys_trace,
  /* END SOLUTION syscall */
  /* STUB syscall
  // Lab syscall: the entries of sysinfo and trace.
  */
};
/* BEGIN SOLUTION syscall */

// Names for trace's output, indexed like the table above.
static char *syscallnames[NSYSCALL] = {
  [SYS_fork]      = "fork",
  [SYS_exit]      = "exit",
  [SYS_wait]      = "wait",
  [SYS_pipe]      = "pipe",
  [SYS_read]      = "read",
  [SYS_kill]      = "kill",
  [SYS_exec]      = "exec",
  [SYS_fstat]     = "fstat",
  [SYS_chdir]     = "chdir",
  [SYS_dup]       = "dup",
  [SYS_getpid]    = "getpid",
  [SYS_sbrk]      = "sbrk",
  [SYS_sleep]     = "sleep",
  [SYS_uptime]    = "uptime",
  [SYS_open]      = "open",
  [SYS_write]     = "write",
  [SYS_mknod]     = "mknod",
  [SYS_unlink]    = "unlink",
  [SYS_link]      = "link",
  [SYS_mkdir]     = "mkdir",
  [SYS_close]     = "close",
  [SYS_getprocs]  = "getprocs",
  [SYS_halt]      = "halt",
  [SYS_setpgid]   = "setpgid",
  [SYS_getpgid]   = "getpgid",
  [SYS_getppid]   = "getppid",
  [SYS_getcwd]    = "getcwd",
  [SYS_waitpid]   = "waitpid",
  [SYS_tcsetpgrp] = "tcsetpgrp",
  [SYS_tcgetpgrp] = "tcgetpgrp",
  [SYS_sysinfo]   = "sysinfo",
  [SYS_cpuinfo]   = "cpuinfo",
  [SYS_dup2]      = "dup2",
  [SYS_trace]     = "trace",
  [SYS_vmprint]   = "vmprint",
  [SYS_vmstats]   = "vmstats",
  [SYS_setprio]   = "setprio",
};

// Whether trace mask `mask` covers call num: -1 covers every call; any
// other mask covers call num if bit num is set (calls 1..31: a call
// numbered 32 or more has no bit, only -1 covers it).
static int
traces(int mask, uint num)
{
  return mask == -1 || (num < 32 && (mask & (1 << num)) != 0);
}
/* END SOLUTION syscall */

// The system-call entry (personality.h): t is the calling thread.
void
syscall(struct thread *t)
{
  struct proc *p = t->owner;
  struct trapframe *tf = t->tf;
  uint num = tf->t0;

  if (num > 0 && num < NSYSCALL && syscalls[num]) {
    tf->a0 = syscalls[num]();
    /* BEGIN SOLUTION syscall */
    if (traces(p->tracemask, num))
      printf("%d: syscall %s -> %d\n", p->pid, syscallnames[num], (int)tf->a0);
    /* END SOLUTION syscall */
    /* STUB syscall
    // Lab syscall: print the call here if the process traces it.
    */
  } else {
    printf("pid %d (%s): unknown system call %d\n", p->pid, t->name, num);
    tf->a0 = -ENOSYS;
  }
}
