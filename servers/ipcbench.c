// ipcbench: the microkernel's IPC primitives, repeated N times between
// console markers, for `minos bench`'s micro rows (shell/perf/ipcbench.py
// builds a boot bundle of this one image: it is not in the default
// bundle). As the root task it measures; spawned with an argument it
// plays the other side:
//
//   ipc N       a register-only call, answered by a replyrecv loop (pong)
//   ipclong N   a call carrying a 4 KiB long message, answered register-only
//   notify N    signal a notification and wait on another: the peer waits
//               on the first and signals the second (two notifications)
//
// Each operation runs a warm-up, then N = 1 and N = 1 + EXTRA between
// "[ipcbench OP N start]" and "[ipcbench OP N end]"; the difference of
// the two, divided by EXTRA, is one operation (shell/perf/ipcbench.py
// checks that the N it reads are the ones its rows say).

#include <stdio.h>
#include <string.h>
#include "mk.h"

#define CONTROL 0
#define PONG    1          // the register-only server's endpoint
#define LONG    2          // the long-message server's endpoint
#define PING_N  3          // root -> notifier
#define PONG_N  4          // notifier -> root
#define PING_S  5          // PING_N badged 1: what we signal with (a signal
                           // ORs its capability's badge into the word)
#define TASKS   10         // the peers' task capabilities

#define EXTRA   1000

static char buf[IPC_MAXLONG];

// ---- the peers (slot 0: their endpoint or notification) ----

static void
pong(void)
{
  struct msg m;

  memset(&m, 0, sizeof(m));
  ipc_recv(0, &m);
  for (;;) {
    m.info = 0;
    ipc_replyrecv(0, &m);
  }
}

static void
longserver(void)
{
  struct msg m;

  memset(&m, 0, sizeof(m));
  m.buf = (unsigned int)buf;
  m.size = IPC_MAXLONG;
  ipc_recv(0, &m);
  for (;;) {
    m.info = 0;
    m.size = IPC_MAXLONG;
    ipc_replyrecv(0, &m);
  }
}

// slot 0: the notification to wait on, slot 1: the one to signal
static void
notifier(void)
{
  unsigned int bits;

  for (;;) {
    ntfn_wait(0, &bits);
    ntfn_signal(1);
  }
}

// ---- the root: the measurements ----

static void
run(char *op, int n)
{
  struct msg m;
  unsigned int bits;
  int i;

  memset(&m, 0, sizeof(m));
  if (strcmp(op, "ipc") == 0) {
    for (i = 0; i < n; i++) {
      m.info = 0;
      ipc_call(PONG, &m);
    }
  } else if (strcmp(op, "ipclong") == 0) {
    m.buf = (unsigned int)buf;
    for (i = 0; i < n; i++) {
      m.info = IPC_INFO(0, IPC_MAXLONG);
      ipc_call(LONG, &m);
    }
  } else {
    for (i = 0; i < n; i++) {
      ntfn_signal(PING_S);
      ntfn_wait(PONG_N, &bits);
    }
  }
}

static void
measure(char *op)
{
  run(op, 10);                      // warm-up: the peer is loaded and waiting
  printf("[ipcbench %s %d start]\n", op, 1);
  run(op, 1);
  printf("[ipcbench %s %d end]\n", op, 1);
  printf("[ipcbench %s %d start]\n", op, 1 + EXTRA);
  run(op, 1 + EXTRA);
  printf("[ipcbench %s %d end]\n", op, 1 + EXTRA);
}

// A peer in slot `task` running `role`, given our slot `cap` in its
// slot 0 with `rights`, started.
static void
peer(char *role, int task, int cap, int rights)
{
  if (task_spawn(CONTROL, 1, role, task) != task || cap_mint(cap, task, 0, 0, rights) != 0)
    printf("ipcbench: cannot start %s\n", role);
}

int
main(int argc, char **argv)
{
  if (argc > 1) {
    if (strcmp(argv[1], "pong") == 0)
      pong();
    else if (strcmp(argv[1], "long") == 0)
      longserver();
    else
      notifier();
    return 0;
  }
  if (ep_create(PONG) != PONG || ep_create(LONG) != LONG ||
      ntfn_create(PING_N) != PING_N || ntfn_create(PONG_N) != PONG_N) {
    printf("ipcbench: cannot make its objects\n");
    return 1;
  }
  peer("pong", TASKS, PONG, RIGHT_RECV);
  peer("long", TASKS + 1, LONG, RIGHT_RECV);
  peer("notifier", TASKS + 2, PING_N, RIGHT_RECV);
  if (cap_mint(PONG_N, TASKS + 2, 1, 1, RIGHT_SEND) != 0 || cap_mint(PING_N, -1, PING_S, 1, RIGHT_SEND) != 0)
    printf("ipcbench: cannot mint the notifications\n");
  task_start(TASKS);
  task_start(TASKS + 1);
  task_start(TASKS + 2);
  measure("ipc");
  measure("ipclong");
  measure("notify");
  printf("[ipcbench done]\n");
  return 0;
}
