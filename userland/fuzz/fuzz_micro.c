// fuzz_micro.c: the system-call fuzzer of the microkernel, run inside
// the OS from micro's shell by `minos fuzz --kernel micro` (shell/fuzz.py;
// docs/reliability.md).
//
//   fuzz SEED CALLS
//
// The driver (this process) starts workers one after another. A worker
// makes WORKER_CALLS random IPC system calls (kernel/include/ipc.h)
// through fuzztrap: any call number, a random capability slot, a random
// info word (a label of pm's, the fs server's or the kernel's own range,
// a long-part length, sometimes IPC_GIVECAP), random words, and a long
// part's address and receive size biased to the edges (fuzzgen.h: kernel
// and device addresses, unmapped pages, page-straddling buffers, huge
// lengths). Slots 0 and 1 hold the process's capabilities to pm and to
// the fs server (proto.h: PROC_PM, PROC_FS), so a third of the messages
// go to the real servers, which must answer them with errors and live.
// A worker also mints, deletes, revokes, maps, grants and unmaps with
// random arguments, and makes endpoints and notifications of its own
// (a recv on one of those blocks for good: that is what the watchdog is
// for).
//
// The driver polls the worker every POLL ticks (waitpid WNOHANG) and
// kills it after WATCHDOG looks; then it waits for it. It starts
// CALLS / WORKER_CALLS workers (one that dies early, of a fault it
// caused or killed, makes fewer calls; the host counts every call
// exactly, at fuzztrap) and prints
//
//   fuzz: done seed S workers W finished F killed K free B A
//
// B and A are the kernel's free pages (sysinfo: meminfo, which frees
// ended threads first) before the first worker and after the last one
// has gone: the same processes live at both moments (init, the shell,
// this driver, the servers), so every page a worker took, in the kernel
// or in a server, must be back: A == B.
//
// A few calls are changed before they are made, only to keep the run
// going (each is a documented power of every process, not a fault):
// pm's PM_HALT is not sent (any process may power the machine off), nor
// PM_FORK (a child starting at a random pc would outlive the worker as
// a stray nobody kills: micro has no getprocs to find it); PM_KILL,
// PM_SETPGID and PM_TCSETPGRP never name the driver, its shell or init;
// sleep sleeps at most 2 ticks; putc prints nothing (it would flood the
// console); the kernel's exit only ends a worker's extra threads (a
// worker ends at WORKER_CALLS). The workers run in /fuzz with /fuzz/null
// as descriptors 0-2.

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "fs.h"
#include "param.h"
#include "ipc.h"
#include "proto.h"
#include "fuzzgen.h"

#define WORKER_CALLS 200   // calls per worker
#define POLL         2     // ticks between two looks at a worker
#define WATCHDOG     50    // looks before it is killed

static int driver;          // our pid: the workers never name it

// A value that means something to this kernel: a capability slot (the
// process's own two most often), a label of a server's range, a
// long-part length, a pid.
static unsigned int
fz_own(void)
{
  switch (fz_below(6)) {
  case 0:  return fz_below(2);                        // PROC_PM, PROC_FS
  case 1:  return fz_below(NCAP + 4) - 2;             // any slot, and just outside
  case 2:  return PM_FIRST + fz_below(0x14);
  case 3:  return FS_FIRST + fz_below(0x14);
  case 4:  return driver + fz_below(12) - 4;
  default: return fz_ints[fz_below(sizeof(fz_ints) / sizeof(fz_ints[0]))] & 0x1FFF;
  }
}

// An info word: a label (a server's, the kernel's, a reply's, any) and
// a length, sometimes with IPC_GIVECAP.
static unsigned int
fz_info(void)
{
  unsigned int label;
  unsigned int len;

  switch (fz_below(5)) {
  case 0:  label = PM_FIRST + fz_below(0x12); break;
  case 1:  label = FS_FIRST + fz_below(0x13); break;
  case 2:  label = LABEL_FAULT + fz_below(3); break;
  case 3:  label = 0; break;
  default: label = fz_next(); break;
  }
  switch (fz_below(4)) {
  case 0:  len = 0; break;
  case 1:  len = fz_below(64); break;
  case 2:  len = IPC_MAXLONG - 2 + fz_below(4); break;
  default: len = fz_next(); break;
  }
  return (len << 16) | (label & 0x7FFF) | (fz_below(6) == 0 ? IPC_GIVECAP : 0);
}

// A long part's address: mostly in or around fz_buf, so a length can
// straddle its pages' ends; else a bad one.
static unsigned int
fz_longaddr(void)
{
  switch (fz_below(4)) {
  case 0:  return fz_bad[fz_below(sizeof(fz_bad) / sizeof(fz_bad[0]))];
  case 1:  return fz_near();
  case 2:  return (unsigned int)fz_buf + FZ_BUF - fz_below(64);   // the buffer's last page's end
  default: return (unsigned int)fz_buf + fz_below(FZ_BUF);
  }
}

// Whether pid names the driver, its shell or init (pids up to ours).
static int
protected(unsigned int pid)
{
  return (int)pid <= driver;
}

// Change a call only as far as the run needs (see the header).
static void
guard(int *num, unsigned int *a)
{
  int label = IPC_LABEL(a[1]);

  switch (*num) {
  case SYS_send:
  case SYS_call:
  case SYS_nbsend:
  case SYS_replyrecv:
    // any slot: a worker may have minted a copy of its pm capability
    if (label == PM_HALT || label == PM_FORK)
      a[1] = (a[1] & ~0x7FFF) | PM_GETPID;
    if ((label == PM_KILL || label == PM_SETPGID || label == PM_TCSETPGRP) && protected(a[2]))
      a[2] = getpid();
    break;
  case SYS_sleep:
    if ((int)a[0] > 2)
      a[0] %= 3;
    break;
  case SYS_putc:
  case SYS_exit:
    *num = SYS_ipcstats;
    break;
  }
}

static void
worker(unsigned int seed, int stream, int limit)
{
  unsigned int a[6];
  unsigned int t1;
  unsigned int s0;
  int made;
  int num;
  int i;

  for (i = 0; i < 3; i++)
    close(i);
  for (i = 0; i < 3; i++)
    open("null", O_RDWR);
  fz_init(sbrk);
  fz_seed(seed, stream);
  for (made = 0; made < limit; made++) {
    if (fz_below(8) == 0)
      fz_scramble();
    num = fz_below(8) == 0 ? SYS_call : fz_callnum(NSYSCALL_MICRO);
    if (fz_below(16) == 0)
      num = SYS_tasknew + fz_below(SYS_dmapage - SYS_tasknew + 1);
    for (i = 0; i < 6; i++)
      a[i] = fz_arg();
    if (fz_below(2))
      a[1] = fz_info();
    t1 = fz_longaddr();
    s0 = fz_below(3) == 0 ? fz_next() : fz_below(IPC_MAXLONG + 2);
    guard(&num, a);
    fuzztrap(a[0], a[1], a[2], a[3], a[4], a[5], num, t1, s0);
  }
  exit(made);
}

int
main(int argc, char **argv)
{
  unsigned int seed = argc > 1 ? atoi(argv[1]) : 1;
  int calls = argc > 2 ? atoi(argv[2]) : 20000;
  int finished = 0;
  int workers = 0;
  int killed = 0;
  int console = tcgetpgrp();
  int pid;
  int status;
  int looks;
  int limit;
  int before;
  struct sysinfo info;

  driver = getpid();
  mkdir("/fuzz");
  if (chdir("/fuzz") < 0) {
    printf("fuzz: cannot make /fuzz\n");
    return 1;
  }
  mknod("null", NULLDEV, 0);
  printf("fuzz: seed %u, %d calls\n", seed, calls);
  sysinfo(&info);
  before = info.freepages;

  while (workers * WORKER_CALLS < calls) {
    limit = calls - workers * WORKER_CALLS < WORKER_CALLS ? calls - workers * WORKER_CALLS
                                                          : WORKER_CALLS;
    pid = fork();
    if (pid == 0)
      worker(seed, workers, limit);
    if (pid < 0) {
      printf("fuzz: FAIL fork: no worker\n");
      break;
    }
    workers++;
    for (looks = 0; waitpid(pid, &status, WNOHANG) == 0; looks++) {
      if (looks == WATCHDOG) {
        kill(pid);
        killed++;
      }
      sleep(POLL);
    }
    if (status == limit)
      finished++;
  }
  tcsetpgrp(console);
  chdir("/");
  sysinfo(&info);
  printf("fuzz: done seed %u workers %d finished %d killed %d free %d %d\n", seed, workers,
         finished, killed, before, info.freepages);
  return 0;
}
