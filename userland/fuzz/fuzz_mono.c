// fuzz_mono.c: the system-call fuzzer of the monolithic kernel, run
// inside the OS by `minos fuzz` (shell/fuzz.py; docs/reliability.md).
//
//   fuzz SEED CALLS
//
// The driver (this process) starts workers one after another. A worker
// makes WORKER_CALLS random system calls (fuzzgen.h) through fuzztrap:
// any number, any arguments, forks included (a child makes a few calls
// of its own and exits). A call may block for good (a read of an empty
// pipe whose write end the worker holds, a wait for a child that waits):
// the driver looks every POLL ticks, and kills a worker it finds asleep
// ASLEEP times in a row, or still running after WATCHDOG looks. After
// each worker, it kills whatever the worker left behind (every process
// with a larger pid than the driver's) and waits until init has
// collected them, so the next worker starts from a clean machine (if
// they do not go, the run ends with a FAIL line). It starts
// CALLS / WORKER_CALLS workers (one that dies early, of a fault it
// caused itself or killed, makes fewer calls, and forked children make
// more: the host counts every call exactly, at fuzztrap) and prints
//
//   fuzz: done seed S workers W finished F killed K strays T
//
// A few calls are changed before they are made, only to keep the run
// going (each is a documented power of every process, not a kernel
// fault): halt is skipped (any process may power the machine off), half
// the forks are skipped (one costs as much as a hundred other calls), kill
// never names the driver, its shell or init, sleep sleeps at most 2
// ticks, trace and vmprint print nothing (they would flood the console),
// only a worker's forked children exit early, and an exit's status is
// the number of calls the process made. The
// workers run in /fuzz with /dev/null as descriptors 0-2, and /fuzz/img
// is a copy of /bin/echo with damaged header bytes, for exec.

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "fs.h"
#include "param.h"
#include "fuzzgen.h"

#define WORKER_CALLS 200   // calls per worker
#define CHILD_CALLS  30    // calls a forked child makes before it exits
#define POLL         10    // ticks between two looks at a worker
#define ASLEEP       2     // looks that may find it asleep in a row
#define WATCHDOG     100   // looks before it is killed anyway
#define SWEEP_TICKS  3000  // ticks to wait for leftover processes to go

static int driver;          // our pid: the workers never kill it
static int worker_pid;      // the worker's pid (its forked children differ)
static int made;            // calls this process made
static int limit;           // ... and may make

static char longname[300];
static char *paths[] = {
  "a", "b", "d", "d/e", "a/x", "d/e/f", ".", "..", "", "/", "/bin", "/dev",
  "/fuzz", "img", "null", "/nonexistent/x", "a/../b", "//a", longname,
  "abcdefghijklmnopqrstuvwxyz",
};
static char *argvs[4];

// A value that means something to this kernel: a descriptor, a path, a
// pid, an open mode, a size, an argv.
static unsigned int
fz_own(void)
{
  switch (fz_below(6)) {
  case 0:  return fz_below(20) - 2;          // NOFILE is 16
  case 1:  return (unsigned int)paths[fz_below(sizeof(paths) / sizeof(paths[0]))];
  case 2:  return driver + fz_below(12) - 2;
  case 3:  return fz_below(0x1000) & (O_RDONLY | O_WRONLY | O_RDWR | O_CREATE | O_TRUNC | O_APPEND);
  case 4:  return (unsigned int)argvs;
  default: return fz_below(3 * FZ_PAGE);
  }
}

// Change a call only as far as the run needs (see the header).
static void
guard(int *num, unsigned int *a)
{
  switch (*num) {
  case SYS_halt:
    *num = SYS_getpid;
    break;
  case SYS_fork:
    if (fz_below(2))            // half of them: a fork costs a hundred calls
      *num = SYS_getpid;
    break;
  case SYS_kill:
    if ((int)a[0] > 0 && (int)a[0] <= driver)
      a[0] = getpid();
    break;
  case SYS_exit:
    if (getpid() == worker_pid)
      *num = SYS_getpid;        // workers end at WORKER_CALLS; children may exit early
    a[0] = made;
    break;
  case SYS_sleep:
    if ((int)a[0] > 2)
      a[0] %= 3;
    break;
  case SYS_trace:
    a[0] = 0;
    break;
  case SYS_vmprint:
    a[0] = -1;
    break;
  }
}

// Make random calls until the limit; a forked child carries on with
// its own stream and a smaller limit.
static void
fuzz_calls(unsigned int seed)
{
  unsigned int a[6];
  int num;
  int r;
  int i;

  while (made < limit) {
    if (fz_below(8) == 0)
      fz_scramble();
    num = fz_callnum(NSYSCALL);
    for (i = 0; i < 6; i++)
      a[i] = fz_arg();
    guard(&num, a);
    made++;
    r = fuzztrap(a[0], a[1], a[2], a[3], a[4], a[5], num, 0, 0);
    if (num == SYS_fork && r == 0) {
      fz_seed(seed ^ fz_next(), made);
      if (limit > made + CHILD_CALLS)
        limit = made + CHILD_CALLS;
    }
  }
  exit(made);
}

static void
worker(unsigned int seed, int stream)
{
  int i;

  for (i = 0; i < 3; i++)
    close(i);
  for (i = 0; i < 3; i++)
    open("null", O_RDWR);
  worker_pid = getpid();
  fz_init(sbrk);
  fz_seed(seed, stream);
  made = 0;
  limit = WORKER_CALLS;
  fuzz_calls(seed);
}

// /fuzz/img: /bin/echo with a few bytes of its header (and segment
// table) changed.
static void
make_image(unsigned int seed)
{
  static char image[2 * FZ_PAGE];
  int n;
  int i;
  int in = open("/bin/echo", O_RDONLY);
  int out = open("img", O_CREATE | O_TRUNC | O_WRONLY);

  n = in < 0 ? 0 : read(in, image, sizeof(image));
  fz_seed(seed, 0xFFFF);
  for (i = 0; i < 3 && n > 0; i++)
    image[fz_below(n < 128 ? n : 128)] = fz_next();
  write(out, image, n > 0 ? n : 0);
  close(in);
  close(out);
}

static struct procinfo procs[NTHREAD];

// Whether process pid is asleep (in a system call) now.
static int
asleep(int pid)
{
  int n = getprocs(procs, NTHREAD);
  int i;

  for (i = 0; i < n; i++)
    if (procs[i].pid == pid)
      return procs[i].state == PROC_SLEEPING;
  return 0;
}

// Kill every process younger than the driver and wait until init has
// collected them all. Returns how many there were at first, or -1 if
// they are still there after SWEEP_TICKS.
static int
sweep(void)
{
  int n;
  int i;
  int found;
  int first = -1;
  int ticks;

  for (ticks = 0; ticks < SWEEP_TICKS; ticks++) {
    n = getprocs(procs, NTHREAD);
    found = 0;
    for (i = 0; i < n; i++) {
      if (procs[i].pid > driver) {
        found++;
        kill(procs[i].pid);
      }
    }
    if (first < 0)
      first = found;
    if (found == 0)
      return first;
    sleep(1);
  }
  printf("fuzz: FAIL processes remain after %d ticks:", SWEEP_TICKS);
  n = getprocs(procs, NTHREAD);
  for (i = 0; i < n; i++)
    if (procs[i].pid > driver)
      printf(" pid %d (parent %d, state %d)", procs[i].pid, procs[i].ppid, procs[i].state);
  printf("\n");
  return -1;
}

int
main(int argc, char **argv)
{
  unsigned int seed = argc > 1 ? atoi(argv[1]) : 1;
  int calls = argc > 2 ? atoi(argv[2]) : 20000;
  int finished = 0;
  int workers = 0;
  int killed = 0;
  int strays = 0;
  int console = tcgetpgrp();
  int pid;
  int status;
  int ticks;
  int dozing;
  int i;

  driver = getpid();
  for (i = 0; i < (int)sizeof(longname) - 1; i++)
    longname[i] = 'n';
  argvs[0] = "img";
  argvs[1] = longname;
  argvs[2] = (char *)CONSOLE_BASE;
  mkdir("/fuzz");
  if (chdir("/fuzz") < 0) {
    printf("fuzz: cannot make /fuzz\n");
    return 1;
  }
  mknod("null", NULLDEV, 0);
  make_image(seed);
  printf("fuzz: seed %u, %d calls\n", seed, calls);

  while (workers * WORKER_CALLS < calls) {
    pid = fork();
    if (pid == 0)
      worker(seed, workers);
    if (pid < 0) {
      printf("fuzz: FAIL fork: no worker\n");
      break;
    }
    workers++;
    dozing = 0;
    for (ticks = 0; waitpid(pid, &status, WNOHANG) == 0; ticks++) {
      dozing = asleep(pid) ? dozing + 1 : 0;
      if (dozing == ASLEEP || ticks == WATCHDOG) {
        kill(pid);
        killed++;
      }
      sleep(POLL);
    }
    if (status >= 0 && status <= WORKER_CALLS)
      finished++;
    i = sweep();
    if (i < 0)
      break;
    strays += i;
  }
  tcsetpgrp(console);
  chdir("/");
  printf("fuzz: done seed %u workers %d finished %d killed %d strays %d\n",
         seed, workers, finished, killed, strays);
  return 0;
}
