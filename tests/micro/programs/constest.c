// constest.c: the console driver's tests (tests/micro/test_micro_console.py),
// run as the root task of a bundle that holds only it and the driver
// (servers/console.c). It starts the driver as rs does (driver_setup,
// then task_start; no keep page) and is then its client: writes, reads the host types
// at each "TYPE ..." prompt (line editing, ^U, ^D, a full buffer), two
// reads parked at once, a write served while a read is parked, and ^C
// arriving as the PMN_INTR bit on the notification that plays pm's.
// Every broken rule prints "FAIL ..."; the end is "CONSTEST PASSED" or
// "CONSTEST FAILED".

#include <stdio.h>
#include <string.h>
#include "mk.h"
#include "proto.h"
#include "check.h"

#define CONTROL 0
#define CONS    2        // the driver's endpoint
#define IRQ     3        // the console interrupt's notification
#define PMN     4        // plays pm's notification (^C)
#define DONE    5        // the second reader thread has its line
#define DRIVER  8        // the driver's task

static char stack2[4096];
static char got2[256];
static int n2 = -1;


// A CONS_READ of up to want bytes into buf; the count or -error.
static int
consread(int want, char *buf)
{
  struct msg m;
  int r;

  memset(&m, 0, sizeof(m));
  m.info = IPC_INFO(CONS_READ, 0);
  m.w[0] = want;
  m.buf = (unsigned int)buf;
  m.size = want > 0 && want <= IPC_MAXLONG ? want : 1;
  r = ipc_call(CONS, &m);
  if (r < 0)
    return r;
  if ((int)m.w[0] > 0)
    buf[m.w[0]] = 0;
  return m.w[0];
}

static int
conswrite(char *s, int n)
{
  struct msg m;
  int r;

  memset(&m, 0, sizeof(m));
  m.info = IPC_INFO(CONS_WRITE, n);
  m.buf = (unsigned int)s;
  r = ipc_call(CONS, &m);
  return r < 0 ? r : (int)m.w[0];
}

// Reads one line, as the second of two parked readers.
static void
reader(int arg)
{
  n2 = consread(100, got2);
  ntfn_signal(DONE);
  thread_exit(0);
}

static int
startdriver(void)
{
  if (task_spawn(CONTROL, bundle_find("console", 0), 0, DRIVER) < 0 ||
      cap_mint(CONS, DRIVER, CONS_EP, 0, RIGHT_RECV) < 0 ||
      cap_mint(IRQ, DRIVER, CONS_IRQ, 0, RIGHT_RECV) < 0 ||
      cap_mint(PMN, DRIVER, CONS_PMN, PMN_INTR, RIGHT_SEND) < 0 ||
      driver_setup(CONTROL, DRIVER, DEV_CONSOLE, CONS_DEVVA, T_CONSOLE, IRQ, 0) < 0)
    return -1;
  return task_start(DRIVER);
}

static void
test_lines(void)
{
  char buf[300];
  int n, total;

  printf("TYPE LINE 1\n");
  n = consread(100, buf);
  check(n == 3 && strcmp(buf, "ac\n") == 0, "^H erases a character", n);
  printf("TYPE LINE 2\n");
  n = consread(100, buf);
  check(n == 2 && strcmp(buf, "z\n") == 0, "^U erases the line", n);
  printf("TYPE LINE 3\n");
  n = consread(2, buf);
  check(n == 2 && strcmp(buf, "he") == 0, "a short read takes part of the line", n);
  n = consread(100, buf);
  check(n == 4 && strcmp(buf, "llo\n") == 0, "the rest of the line", n);
  printf("TYPE LINE 4\n");
  n = consread(100, buf);
  check(n == 1 && buf[0] == 'q', "^D ends a read with what is typed", n);
  n = consread(100, buf);
  check(n == 0, "then ^D alone is end of input", n);
  printf("TYPE A LONG LINE\n");
  for (total = 0; total < 201; total += n) {
    n = consread(100, buf);
    if (n <= 0)
      break;
  }
  check(total == 201, "a line longer than the buffer arrives whole", total);
  printf("lines checked\n");
}

static void
test_parked(void)
{
  char buf[100];
  unsigned int bits;
  int n, tid;

  tid = thread_create(reader, (char *)(((unsigned int)stack2 + sizeof(stack2)) & ~7u), 0);
  check(tid > 0, "thread_create", tid);
  n = conswrite("(a write while a read waits)\n", 29);
  check(n == 29, "a write is served while a read is parked", n);
  printf("TYPE TWO LINES\n");
  n = consread(100, buf);
  ntfn_wait(DONE, &bits);
  check(n == 4 && n2 == 4, "two parked reads each get a line", n2);
  check((strcmp(buf, "one\n") == 0 && strcmp(got2, "two\n") == 0) ||
        (strcmp(buf, "two\n") == 0 && strcmp(got2, "one\n") == 0), "the two lines", 0);
  printf("parked reads checked\n");
}

static void
test_errors(void)
{
  struct msg m;
  char buf[4];
  int n;

  n = consread(IPC_MAXLONG + 1, buf);
  check(n == -EINVAL, "a read of more than a long message", n);
  memset(&m, 0, sizeof(m));
  m.info = IPC_INFO(PM_GETPID, 0);
  n = ipc_call(CONS, &m);
  check(n == 0 && m.w[0] == (unsigned int)-ENOSYS, "a request for another server", m.w[0]);
  printf("errors checked\n");
}

static void
test_intr(void)
{
  unsigned int bits = 0;

  printf("TYPE CTRL-C\n");
  check(ntfn_wait(PMN, &bits) == 0 && bits == PMN_INTR, "^C signals pm", bits);
  printf("interrupt checked\n");
}

// The cost of a write of 2 bytes ("hi"), between markers.
static void
measure(int n)
{
  int i;

  printf("COST conswrite %d START\n", n);
  for (i = 0; i < n; i++)
    conswrite("hi", 2);
  printf("COST conswrite %d END\n", n);
}

int
main(int argc, char **argv)
{
  unsigned int bits;

  if (ep_create(CONS) < 0 || ntfn_create(IRQ) < 0 || ntfn_create(PMN) < 0 ||
      ntfn_create(DONE) < 0) {
    printf("FAIL objects\n");
    return 1;
  }
  check(startdriver() == 0, "the driver starts and gets its device", -1);
  check(conswrite("console driver says hi\n", 23) == 23, "a write", -1);
  test_lines();
  test_parked();
  test_errors();
  test_intr();
  measure(50);
  measure(150);
  printf(failures ? "CONSTEST FAILED\n" : "CONSTEST PASSED\n");
  for (;;)
    ntfn_wait(PMN, &bits);
  return 0;
}
