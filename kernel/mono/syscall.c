// syscall.c: system-call dispatch, and fetching the arguments.
//
// A user program puts the call's number in t0 and its arguments in a0-a5
// and executes `syscall` (userland/lib/backend/mono/usys.s). The trap
// frame holds those registers; syscall() looks the number up in the
// table below and puts the handler's result in the frame's a0, which is
// what the program sees when the trap returns.
//
// Arguments are fetched from the trap frame with argint/argaddr/argstr.
// A user address is only a number until copyin/copyout/copyinstr (vm.c)
// check it against the process's page table: a bad one gives -1.

#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "syscall.h"
#include "defs.h"

// Fetch the word at user address addr.
int
fetchaddr(uint addr, uint *ip)
{
  return copyin(myproc()->pagetable, (char *)ip, addr, sizeof(*ip));
}

// Fetch the 0-terminated string at user address addr into buf (at most
// max bytes, with the 0). Returns its length, or -1.
int
fetchstr(uint addr, char *buf, int max)
{
  if (copyinstr(myproc()->pagetable, buf, addr, max) < 0)
    return -1;
  return strlen(buf);
}

static uint
argraw(int n)
{
  struct trapframe *tf = myproc()->tf;

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
// or -1 if the address is bad or the string does not fit.
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
int sys_sysinfo(void);
int sys_cpuinfo(void);
int sys_dup2(void);
int sys_trace(void);
int sys_vmprint(void);
int sys_vmstats(void);

// Indexed by system-call number (syscall.h); keep the order.
static int (*syscalls[NSYSCALL])(void) = {
  0,                // 0: no such call
  sys_fork,         // SYS_fork       1
  sys_exit,         // SYS_exit       2
  sys_wait,         // SYS_wait       3
  sys_pipe,         // SYS_pipe       4
  sys_read,         // SYS_read       5
  sys_kill,         // SYS_kill       6
  sys_exec,         // SYS_exec       7
  sys_fstat,        // SYS_fstat      8
  sys_chdir,        // SYS_chdir      9
  sys_dup,          // SYS_dup       10
  sys_getpid,       // SYS_getpid    11
  sys_sbrk,         // SYS_sbrk      12
  sys_sleep,        // SYS_sleep     13
  sys_uptime,       // SYS_uptime    14
  sys_open,         // SYS_open      15
  sys_write,        // SYS_write     16
  sys_mknod,        // SYS_mknod     17
  sys_unlink,       // SYS_unlink    18
  sys_link,         // SYS_link      19
  sys_mkdir,        // SYS_mkdir     20
  sys_close,        // SYS_close     21
  sys_getprocs,     // SYS_getprocs  22
  sys_halt,         // SYS_halt      23
  sys_setpgid,      // SYS_setpgid   24
  sys_getpgid,      // SYS_getpgid   25
  sys_getppid,      // SYS_getppid   26
  sys_getcwd,       // SYS_getcwd    27
  sys_waitpid,      // SYS_waitpid   28
  sys_tcsetpgrp,    // SYS_tcsetpgrp 29
  sys_tcgetpgrp,    // SYS_tcgetpgrp 30
  sys_sysinfo,      // SYS_sysinfo   31
  sys_cpuinfo,      // SYS_cpuinfo   32
  sys_dup2,         // SYS_dup2      33
  sys_trace,        // SYS_trace     34
  sys_vmprint,      // SYS_vmprint   35
  sys_vmstats,      // SYS_vmstats   36
};

/* BEGIN SOLUTION syscall */
// Names for trace's output, indexed like the table above.
static char *syscallnames[NSYSCALL] = {
  0, "fork", "exit", "wait", "pipe", "read", "kill", "exec", "fstat", "chdir",
  "dup", "getpid", "sbrk", "sleep", "uptime", "open", "write", "mknod", "unlink",
  "link", "mkdir", "close", "getprocs", "halt", "setpgid", "getpgid", "getppid",
  "getcwd", "waitpid", "tcsetpgrp", "tcgetpgrp", "sysinfo", "cpuinfo", "dup2", "trace",
  "vmprint", "vmstats",
};
/* END SOLUTION syscall */

void
syscall(void)
{
  struct proc *p = myproc();
  uint num = p->tf->t0;

  if (num > 0 && num < NSYSCALL && syscalls[num]) {
    p->tf->a0 = syscalls[num]();
    /* BEGIN SOLUTION syscall */
    if (p->tracemask & (1 << num))
      printf("%d: syscall %s -> %d\n", p->pid, syscallnames[num], (int)p->tf->a0);
    /* END SOLUTION syscall */
  } else {
    printf("pid %d (%s): unknown system call %d\n", p->pid, p->name, num);
    p->tf->a0 = -1;
  }
}
