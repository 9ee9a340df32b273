// syscall.h: the system-call numbers — the one list shared by the kernel
// (kernel/mono/syscall.c dispatches on them) and by userland (the trap
// stubs in userland/lib/backend/mono/usys.S load them into t0).
//
// Calling convention: number in t0, arguments in a0-a5, `syscall`,
// result in a0. Every call returns -1 on error.
//
// This header holds only #defines and plain structs, so user programs
// can include it too. usys.S includes it for the numbers: the assembler
// cannot read C, so the structs are hidden from it (__ASSEMBLER__ is
// defined when a .S file is preprocessed).

#ifndef MINOS_SYSCALL_H
#define MINOS_SYSCALL_H

// processes
#define SYS_fork       1    // int fork(void)
#define SYS_exit       2    // void exit(int status)
#define SYS_wait       3    // int wait(int *status)               status may be 0
#define SYS_pipe       4    // int pipe(int fd[2])
#define SYS_read       5    // int read(int fd, void *buf, int n)
#define SYS_kill       6    // int kill(int pid)
#define SYS_exec       7    // int exec(char *path, char **argv)
#define SYS_fstat      8    // int fstat(int fd, struct stat *st)
#define SYS_chdir      9    // int chdir(char *path)
#define SYS_dup       10    // int dup(int fd)
#define SYS_getpid    11    // int getpid(void)
#define SYS_sbrk      12    // char *sbrk(int n)                   old break, or -1
#define SYS_sleep     13    // int sleep(int ticks)
#define SYS_uptime    14    // int uptime(void)                    ticks since boot
#define SYS_open      15    // int open(char *path, int flags)
#define SYS_write     16    // int write(int fd, void *buf, int n)
#define SYS_mknod     17    // int mknod(char *path, int major, int minor)
#define SYS_unlink    18    // int unlink(char *path)
#define SYS_link      19    // int link(char *old, char *new)
#define SYS_mkdir     20    // int mkdir(char *path)
#define SYS_close     21    // int close(int fd)
#define SYS_getprocs  22    // int getprocs(struct procinfo *buf, int max)   count filled
#define SYS_halt      23    // void halt(int status)               powers the machine off
#define SYS_setpgid   24    // int setpgid(int pid, int pgid)      0 = self / pgid = pid
#define SYS_getpgid   25    // int getpgid(int pid)                0 = self
#define SYS_getppid   26    // int getppid(void)
#define SYS_getcwd    27    // int getcwd(char *buf, int size)
#define SYS_waitpid   28    // int waitpid(int pid, int *status, int options)   pid -1 = any
#define SYS_tcsetpgrp 29    // int tcsetpgrp(int pgid)             console's foreground group
#define SYS_tcgetpgrp 30    // int tcgetpgrp(void)
/* BEGIN SOLUTION syscall */
#define SYS_sysinfo   31    // int sysinfo(struct sysinfo *info)
/* END SOLUTION syscall */
/* STUB syscall
// 31 is free: lab syscall gives it to sysinfo.
*/
#define SYS_cpuinfo   32    // int cpuinfo(int core, struct cpuinfo *info)
#define SYS_dup2      33    // int dup2(int oldfd, int newfd)      (file-system side)
/* BEGIN SOLUTION syscall */
#define SYS_trace     34    // int trace(int mask)                 bit n traces call n < 32; -1 all
/* END SOLUTION syscall */
/* STUB syscall
// 34 is free: lab syscall gives it to trace.
*/
#define SYS_vmprint   35    // int vmprint(int pid)                lab pgtbl: print pid's page table (0 = self)
#define SYS_vmstats   36    // int vmstats(struct vmstats *st)     lab pgtbl: the memory counters
#define SYS_setprio   37    // int setprio(int pid, int prio)      lab sched: old prio; pid 0 = self
#define NSYSCALL      38    // one past the largest number

// waitpid options
#define WNOHANG        1    // return 0 at once if no child has exited yet

// setprio: a process of priority n gets a time slice of n clock ticks, so
// among the processes sharing a busy core its share of the time is
// proportional to n.
// New processes get PRIO_DEFAULT; fork copies the parent's priority.
#include "prio.h"                   // PRIO_MIN, PRIO_DEFAULT, PRIO_MAX

// getprocs: one entry per process
#define PROC_UNUSED    0
#define PROC_USED      1    // being created or torn down
#define PROC_SLEEPING  2
#define PROC_RUNNABLE  3
#define PROC_RUNNING   4
#define PROC_ZOMBIE    5

// A service's state and its last end (struct svcinfo, micro only).
#define SVC_UP          1       // running
#define SVC_RESTARTING  2       // dead; a new instance is being started
#define SVC_DEAD        3       // dead for good: not restartable, or too many restarts
#define SVC_NONE        0       // it has not ended
#define SVC_ENDED       1       // it ended by itself (it exited or crashed)
#define SVC_KILLED      2       // svc kill
#define SVC_HUNG        3       // no answer to the heartbeat in time: rs killed it

#ifndef __ASSEMBLER__

struct procinfo {
  int pid;
  int ppid;               // 0 for init
  int pgid;
  int state;              // PROC_*
  int core;               // the core it runs on or last ran on
  unsigned int size;      // bytes of image + heap
  char name[16];
  int prio;               // its priority (setprio)
  unsigned int cycles;    // cycles it has run, up to its last switch (low 32 bits)
};

// svcinfo(): one service of micro's reincarnation server (servers/rs/,
// its messages in servers/include/proto.h). Only micro has services:
// elsewhere the call fails with ENOSYS.
struct svcinfo {
  char name[16];          // its boot-bundle image
  int task;               // its task's slot in rs (the same across restarts)
  int endpoint;           // its endpoint's slot in rs (the same across restarts)
  int state;              // SVC_UP, SVC_RESTARTING, SVC_DEAD
  int restarts;           // new instances started after a death
  int why;                // its last end: SVC_NONE, SVC_ENDED, SVC_KILLED, SVC_HUNG
};

// What sysinfo() fills in (lab syscall).
struct sysinfo {
  unsigned int freepages;     // free physical pages (kfreecount)
  unsigned int totalpages;    // pages kalloc manages
  int nproc;                  // processes in use
  int ncpu;                   // cores
  unsigned int uptime;        // ticks since boot
};

// vmstats: counters of the memory system since boot (lab pgtbl). They
// show what fork, copy-on-write and lazy allocation really did: a fork
// that shares its pages copies none of them.
struct vmstats {
  unsigned int freepages;     // free physical pages now (as in sysinfo)
  unsigned int forkcopied;    // pages fork copied into a child (an eager fork copies them all)
  unsigned int forkshared;    // pages fork shared with a child instead (copy-on-write)
  unsigned int cowcopied;     // writes to a shared copy-on-write page that copied it
  unsigned int cowreused;     // writes to a copy-on-write page no longer shared: no copy needed
  unsigned int lazyalloc;     // heap pages allocated on first touch (lazy sbrk)
};

struct cpuinfo {
  unsigned int nswitch;       // context switches into processes
  unsigned int nsteal;        // processes taken from other cores' queues
  unsigned int ntimer;        // timer interrupts
  unsigned int nidle;         // times it found nothing to run
  unsigned int busycycles;    // cycles spent running processes
  unsigned int waitcycles;    // cycles runnable processes waited in its queue
  int runnable;               // processes waiting in its run queue now
  unsigned int nmigrate;      // processes it ran that had last run on another core
};

#endif // __ASSEMBLER__

#endif // MINOS_SYSCALL_H
