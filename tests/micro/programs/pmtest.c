// pmtest.c: the process manager's tests (tests/micro/test_micro_pm.py),
// run as init — pid 1, the first process pm starts — on a boot bundle
// that also holds pmchild (an exec target) and two crafted images. It is
// an ordinary user program: libc's micro backend turns each call into a
// message to pm. Every broken rule prints "FAIL ..."; the run ends with
// "PMTEST PASSED" or "PMTEST FAILED", then halt. The host types ^C when
// it sees "TYPE CTRL-C".

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "fs.h"          // CONSOLE: the console device's major
#include "mk.h"
#include "proto.h"
#include "check.h"

static int shared = 5;


// Fork a child that runs f and exits with its result; returns its pid.
static int
spawnchild(int (*f)(void))
{
  int pid = fork();

  if (pid == 0)
    exit(f());
  return pid;
}

static int
childwork(void)
{
  shared = 99;                  // the parent's copy must not change
  if (getppid() != 1)
    return 3;
  return 7;
}

static void
test_ids(void)
{
  check(getpid() == 1, "init's pid", getpid());
  check(getppid() == 0, "init's parent", getppid());
}

static int
sleeper(void)
{
  for (;;)
    sleep(100);
  return 0;
}

static void
test_fork_wait(void)
{
  int pid, st = 0, r, i, pids[5], kids[40];

  pid = spawnchild(childwork);
  check(pid > 1, "fork returns the child's pid", pid);
  r = wait(&st);
  check(r == pid, "wait returns the child", r);
  check(st == 7, "the child's exit status", st);
  check(shared == 5, "the parent's memory is its own after fork", shared);
  r = wait(&st);
  check(r == -1 && errno == ECHILD, "wait with no children: ECHILD", r);
  pid = spawnchild(childwork);
  r = wait((int *)0x10000);
  check(r == -1 && errno == EFAULT, "wait into kernel memory: EFAULT", errno);
  check(wait(&st) == pid && st == 7, "the child is still there to wait for", st);

  // Several children; waitpid for one in particular, then the rest.
  for (i = 0; i < 5; i++) {
    pids[i] = fork();
    if (pids[i] == 0)
      exit(10 + i);
  }
  r = waitpid(pids[3], &st, 0);
  check(r == pids[3] && st == 13, "waitpid for one child", st);
  for (i = 0; i < 4; i++) {
    r = wait(&st);
    check(r > 0 && st >= 10 && st <= 14 && st != 13, "wait for the others", st);
  }
  // Forty children alive at once (usertests' forkmany makes 20): each
  // sleeps until it is killed.
  for (i = 0, r = 0; i < 40; i++) {
    kids[i] = spawnchild(sleeper);
    if (kids[i] > 0)
      r++;
  }
  check(r == 40, "forty processes at once", r);
  for (i = 0; i < 40; i++)
    kill(kids[i]);
  for (i = 0; i < 40 && wait(&st) > 0; i++)
    ;
  check(i == 40, "forty children collected", i);
  printf("fork and wait checked\n");
}

static char longargs[31][127];
static char *many[32];          // arguments that do not fit on a stack page

static void
test_exec(void)
{
  char *argv[] = { "pmchild", "exit", "42", 0 };
  char *bad[] = { "badseg", 0 };
  int pid, st = 0, r, i;

  pid = fork();
  if (pid == 0) {
    exec("/bin/pmchild", argv);
    exit(100 + errno);
  }
  r = wait(&st);
  check(r == pid && st == 42, "exec'd child's status", st);

  r = exec("/bin/badseg", bad);
  check(r == -1 && errno == ENOEXEC, "a segment in the devices: ENOEXEC", errno);
  r = exec("/bin/shortimg", bad);
  check(r == -1 && errno == ENOEXEC, "an image shorter than its header: ENOEXEC", errno);
  r = exec("/bin/noentry", bad);
  check(r == -1 && errno == ENOEXEC, "an entry outside the text: ENOEXEC", errno);
  r = exec("/bin/nosuchprogram", bad);
  check(r == -1 && errno == ENOENT, "a missing program: ENOENT", errno);
  r = exec((char *)0x10000, bad);
  check(r == -1 && errno == EFAULT, "exec of a kernel path: EFAULT", errno);
  r = exec("/bin/pmchild", (char **)0x10000);
  check(r == -1 && errno == EFAULT, "exec with a kernel argv: EFAULT", errno);
  check(getpid() == 1, "a failed exec leaves the process", getpid());
  // Arguments that fit in a message but not on the first stack page:
  // pm has built the new task already and must throw it away.
  for (i = 0; i < 31; i++) {
    memset(longargs[i], 'a' + i % 26, 126);
    longargs[i][126] = 0;
    many[i] = longargs[i];
  }
  many[31] = 0;
  r = exec("/bin/pmchild", many);
  check(r == -1 && errno == E2BIG, "arguments too big for the stack: E2BIG", errno);
  printf("exec checked\n");
}

static int
touchpastbreak(void)
{
  char *p = sbrk(0);

  p[8192] = 1;                  // two pages past the break: the pager refuses
  return 0;
}

static void
test_sbrk(void)
{
  char *old, *p;
  int i, pid, st = 0;

  old = sbrk(0);
  p = sbrk(3 * 4096);
  check(p == old, "sbrk returns the old break", (int)p);
  for (i = 0; i < 3 * 4096; i += 512)
    p[i] = i / 512;             // each page arrives by a fault to pm
  for (i = 0; i < 3 * 4096; i += 512)
    if (p[i] != i / 512)
      break;
  check(i == 3 * 4096, "lazy heap pages keep what was written", i);
  check(sbrk(-2 * 4096) == p + 3 * 4096, "sbrk shrinks", 0);
  check(sbrk(0) == p + 4096, "the new break", (int)sbrk(0));
  check(sbrk(-0x7fffffff) == (char *)-1 && errno == EINVAL, "shrinking below the heap: EINVAL", errno);
  old = sbrk(0);
  p = sbrk(0x7fffffff);         // lazy: only the break moves, as on mono
  check(p == old, "a huge sbrk", (int)p);
  check(sbrk(0x7fffffff) == (char *)-1 && errno == ENOMEM, "past the stack: ENOMEM", errno);
  check(sbrk(-0x7fffffff) == old + 0x7fffffff, "and back", 0);
  p = malloc(20000);
  check(p != 0, "malloc on the lazy heap", 0);
  if (p)
    memset(p, 'x', 20000);

  pid = spawnchild(touchpastbreak);
  check(wait(&st) == pid && st == -1, "a fault past the break kills the process", st);
  printf("sbrk checked\n");
}

static int
spin(void)
{
  for (;;)
    ;
  return 0;
}

static void
test_kill(void)
{
  int pid, st = 0, r;

  pid = spawnchild(spin);
  r = waitpid(pid, &st, WNOHANG);
  check(r == 0, "WNOHANG while the child runs", r);
  check(kill(pid) == 0, "kill a child", -1);
  r = wait(&st);
  check(r == pid && st == -1, "a killed child's status", st);
  r = kill(1);
  check(r == -1 && errno == EPERM, "kill init: EPERM", errno);
  r = kill(4242);
  check(r == -1 && errno == ESRCH, "kill nobody: ESRCH", errno);
  printf("kill checked\n");
}

static int
waiter(void)
{
  spawnchild(spin);
  wait(0);                      // blocked in IPC (its reply kept by pm) when killed
  return 0;
}

// A process blocked in a call to pm is killed; its orphan goes to init.
static void
test_kill_blocked(void)
{
  int pid, st = 0, r, t0;

  pid = spawnchild(waiter);
  t0 = uptime();
  check(sleep(3) == 0, "sleep", -1);
  check(uptime() - t0 >= 3, "uptime after sleep(3)", uptime() - t0);
  check(kill(pid) == 0, "kill a waiting child", -1);
  r = wait(&st);
  check(r == pid && st == -1, "the waiting child is killed", st);
  check(kill(pid + 1) == 0, "kill the orphan (now init's)", -1);
  r = wait(&st);
  check(r == pid + 1 && st == -1, "init collects the orphan", r);
  r = sleep(-1);
  check(r == -1 && errno == EINVAL, "sleep(-1): EINVAL", errno);
  printf("blocked kill checked\n");
}

static void
test_groups(void)
{
  int pid, st = 0, r;

  check(getpgid(0) == 1, "init's group", getpgid(0));
  pid = spawnchild(spin);
  check(setpgid(pid, 0) == 0, "setpgid of a child", -1);
  check(getpgid(pid) == pid, "the child leads its group", getpgid(pid));
  r = setpgid(4242, 0);
  check(r == -1 && errno == ESRCH, "setpgid of nobody: ESRCH", errno);
  check(tcsetpgrp(pid) == 0 && tcgetpgrp() == pid, "the foreground group", tcgetpgrp());
  printf("TYPE CTRL-C\n");
  r = wait(&st);
  check(r == pid && st == -1, "^C kills the foreground group", st);
  tcsetpgrp(1);
  printf("process groups checked\n");
}

// A process holds pm's, the file system's and the reincarnation
// server's endpoints (PROC_PM, PROC_FS, PROC_RS), nothing else: not the
// console driver's, not a device, not the right to make tasks.
static int
tryrights(void)
{
  struct msg m;
  int slot, bad = 0;

  for (slot = PROC_RS + 1; slot < NCAP; slot++) {
    memset(&m, 0, sizeof(m));
    m.info = IPC_INFO(CONS_WRITE, 0);
    if (ipc_call(slot, &m) != -EBADF)
      bad++;
  }
  if (map_device(0, -1, DEV_CONSOLE, 0x60000000) != -EPERM)
    bad++;
  if (task_new(0, 5, "x") != -EPERM)
    bad++;
  if (irq_bind(0, T_CONSOLE, 0) != -EPERM)
    bad++;
  if (machine_halt(0, 3) != -EPERM)
    bad++;
  return bad;
}

static int
touchconsole(void)
{
  return *(volatile unsigned int *)CONS_DEVVA;   // not mapped here: the pager refuses
}

static void
test_rights(void)
{
  int pid, st = 0;

  pid = spawnchild(tryrights);
  check(wait(&st) == pid && st == 0, "a process reaches no other server or device", st);
  pid = spawnchild(touchconsole);
  check(wait(&st) == pid && st == -1, "the console's registers are not in a process", st);
  printf("rights checked\n");
}

// ---- costs (test_micro_pm.py reads the counters at each marker line) ----

static void
op_getpid(void)
{
  getpid();
}

// write(1, "hi", 2): libc -> the fs server's console device -> the
// console driver, and the replies back.
static void
op_write(void)
{
  write(1, "hi", 2);
}

// A whole process: fork, the child ends at once, the parent waits.
static void
op_fork(void)
{
  if (fork() == 0)
    _exit(0);
  wait(0);
}

// fork + exec of pmchild (which ends at once) + wait.
static void
op_spawn(void)
{
  char *argv[] = { "pmchild", 0 };

  if (fork() == 0) {
    exec("/bin/pmchild", argv);
    _exit(1);
  }
  wait(0);
}

// n rounds of f between two marker lines of the same length.
static void
measure(char *what, int n, void (*f)(void))
{
  int i;

  printf("COST %s %d START\n", what, n);
  for (i = 0; i < n; i++)
    f();
  printf("COST %s %d END\n", what, n);
}

// No page leaks: processes that are waited for leave every page free
// (a wait returns once the child's task is gone).
static void
test_leak(void)
{
  struct sysinfo before, after;
  int i, pid;
  char *argv[] = { "pmchild", 0 };

  check(sysinfo(&before) == 0 && before.nproc == 1, "sysinfo", before.nproc);
  for (i = 0; i < 10; i++) {
    pid = fork();
    if (pid == 0) {
      sbrk(20000);
      exec("/bin/pmchild", many);   // E2BIG: a task built and thrown away
      exec("/bin/pmchild", argv);
      _exit(1);
    }
    waitpid(pid, 0, 0);
  }
  check(sysinfo(&after) == 0, "sysinfo", -1);
  check(after.freepages == before.freepages, "pages leaked", before.freepages - after.freepages);
  check(after.totalpages == before.totalpages && after.ncpu >= 1, "sysinfo's counts", after.ncpu);
  printf("leak checked\n");
}

static void
test_costs(void)
{
  measure("getpid", 100, op_getpid);
  measure("getpid", 1100, op_getpid);    // (a heartbeat in one window: 1/1000 of it per call)
  measure("write", 50, op_write);
  measure("write", 150, op_write);
  measure("fork", 4, op_fork);
  measure("fork", 8, op_fork);
  measure("spawn", 4, op_spawn);
  measure("spawn", 8, op_spawn);
}

int
main(int argc, char **argv)
{
  // The console as fd 0, 1 and 2, as init does (userland/init.c).
  if (open("/console", O_RDWR) < 0) {
    mknod("/console", CONSOLE, 0);
    open("/console", O_RDWR);
  }
  dup(0);
  dup(0);
  printf("pmtest: init runs\n");
  test_ids();
  test_fork_wait();
  test_exec();
  test_sbrk();
  test_kill();
  test_kill_blocked();
  test_rights();
  test_groups();
  test_leak();
  test_costs();
  printf(failures ? "PMTEST FAILED\n" : "PMTEST PASSED\n");
  halt(0);
  return 0;
}
