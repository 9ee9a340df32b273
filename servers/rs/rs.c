// rs.c: the reincarnation server (MINIX 3's RS) — it loads and starts
// micro's drivers and servers from the boot bundle (the user-level
// loader, servers/lib/load.c: the kernel loads only the root task, which
// loads rs), watches them, and restarts one that dies, on the same
// endpoint, while the system runs on.
//
// The root task starts rs with a copy of its control capability
// (RS_CONTROL, proto.h). rs makes every kernel object the services
// share — their endpoints, the interrupts' notifications, pm's
// notification — and keeps a capability to each, so an endpoint
// outlives the server that receives on it: the clients' capabilities
// stay good, and their calls wait in the endpoint's queue for the next
// instance (docs/micro.md, "When a server dies").
//
// How rs learns of a death:
//   - every service's end signals rs's notification EXITS, with bit
//     1 << its index (onexit): a crash, an exit, a kill;
//   - a heartbeat, for every service: every HB_PERIOD ticks the watchdog
//     thread asks each service's pinger thread (one per service, so one
//     slow service delays no other's ping) to call it with RS_PING; any
//     answer shows it alive (the fs server answers 0; pm and the
//     drivers -ENOSYS, as to any label not their own). A service that has not answered within
//     HB_BOUND ticks hangs — unless it waits for a service it calls
//     (`needs`: the fs server calls the disk and console drivers, pm
//     calls the fs server) that is itself silent or being restarted:
//     then that one is the culprit, and once it is restarted the
//     waiting call is retried (retry.c) and the ping answered. The
//     watchdog kills a hung service, and its end is then a death like
//     any other.
//
// The restart (the reaper thread: died, launch): the dead task's
// capability is deleted; a new task is built in the same slot by its
// service's start function — loaded from the same bundle image
// (task_spawn: its pages are rs's, granted to it, and go with it) and
// given, before it runs, what the service needs: the same endpoint to
// receive on, its interrupt's notification, its device mapped and its
// interrupt bound (driver.c), the disk's DMA page (rs's own, kept
// across instances: a transfer in flight at the crash lands in it,
// never in a freed page; its address is the driver's argument), the
// console's keep page (rs's own too: the console driver keeps its input
// there, so a new instance goes on with the line being typed), pm's
// notification for the console's ^C — then launch starts it. rs never
// waits for a service it starts: one that dies at once, or faults, is a
// death like any other. A client's request in flight at the crash fails
// with -EPIPE and is sent again by the client (servers/lib/retry.c),
// where that is safe.
//
// What can be restarted: the console and disk drivers (stateless: a
// new instance is as good as the old) and the fs server (its state —
// open files, pipes, each process's descriptors and directory — dies
// with it; the new instance mounts the disk again, and the log's
// recovery makes it consistent). pm is not restarted: its state is every
// process; when it dies — or hangs, and the watchdog kills it — rs says
// so and halts the machine. A service that dies more than MAXRESTARTS
// times — or that cannot be started at all (no image, a bad one, a
// service it needs given up) — is given up: rs says so once, and its
// endpoint is revoked and deleted, so that every call waiting on it,
// and every later one, fails (-EIDRM), never hangs.
//
// The main thread serves `svc` (userland/bin/svc.c): RS_LIST, RS_KILL.
// Threads: main (svc), reaper (deaths, restarts), watchdog, and one
// pinger per service (the heartbeat). Only the reaper changes a
// service's state, task and `since`; only a service's pinger its
// `pingsent`; the others read them.

#include "syscall.h"     // struct svcinfo, SVC_* (first: ipc.h's SYS_* win)
#include <stdio.h>
#include <string.h>
#include "mk.h"
#include "proto.h"

#define CONTROL     RS_CONTROL
#define EXITS       1      // notification: a service ended (bit 1 << its index)
#define RSEP        2      // our endpoint: svc's requests
#define CONSEP      4      // the console driver's endpoint
#define CONSIRQ     5      // the console interrupt's notification
#define PMEP        6      // pm's endpoint
#define PMNTFN      7      // pm's notification
#define DISKEP      8      // the disk driver's endpoint
#define DISKIRQ     9      // the disk interrupt's notification
#define FSEP        10     // the fs server's endpoint
#define PINGNOW     11     // slot PINGNOW + i: notification: the watchdog asks
                           //   service i's pinger for a ping
#define CHILD       16     // slot CHILD + i: service i's task

#define DMAVA       0x70000000u   // our page the disk transfers to and from
#define KEEPVA      0x70001000u   // our page the console driver keeps its input in
#define HB_PERIOD   400    // ticks between two heartbeats
#define HB_BOUND    400    // ticks a service has to answer one (a busy one
                           //   shares the core with every runnable process)
#define MAXRESTARTS 5

// The services, by their index in services[] (their start order).
#define CONSOLE     0
#define DISK        1
#define FS          2
#define PM          3
#define NSERVICE    4
#define BIT(i)      (1u << (i))

struct service {
  char *name;                  // its bundle image
  int ep;                      // its endpoint's slot here (-1: none)
  unsigned int needs;          // BIT(j): it calls service j, and waits for it
  int restart;                 // restarted when it dies
  int (*start)(int i);         // build service i's task, with its capabilities (not started)
  int image;                   // its bundle image's number
  volatile int state;          // SVC_UP, SVC_RESTARTING, SVC_DEAD
  volatile int why;            // how its last instance ended (SVC_*)
  volatile int ending;         // how rs is ending this one (SVC_KILLED, SVC_HUNG), or 0
  int restarts;
  volatile int since;          // tick its instance was started (the reaper's)
  volatile int pingsent;       // tick its pinger called it, -1: not waiting (its pinger's)
};

static int startconsole(int i);
static int startdisk(int i);
static int startfs(int i);
static int startpm(int i);

// In the order they start (CONSOLE, DISK, FS, PM): each finds what it
// depends on running.
static struct service services[NSERVICE] = {
  { "console", CONSEP, 0,                        1, startconsole },
  { "disk",    DISKEP, 0,                        1, startdisk },
  { "fs",      FSEP,   BIT(DISK) | BIT(CONSOLE), 1, startfs },
  { "pm",      PMEP,   BIT(FS),                  0, startpm },
};

static int dmapa;                     // our DMA page's physical address
static char io[IPC_MAXLONG];
static char stacks[2 + NSERVICE][4096];   // reaper, watchdog, the pingers

// ---- starting each service: its capabilities (proto.h lists its slots) ----

// Each start function builds a new instance of service i in its task
// slot, CHILD + i: loaded from its bundle image (spawn), with what it
// needs given to it before it runs — it is not started (launch starts
// it). 0 or -error.

// Service i's task, from its image, with argv { its name, arg }.
static int
spawn(int i, char *arg)
{
  return task_spawn(CONTROL, services[i].image, arg, CHILD + i);
}

// The console driver's registers, its interrupt and our keep page are
// set up before it runs (driver.c); DRV_KEEPARG tells it the page is there.
static int
startconsole(int i)
{
  int task = CHILD + i, r;

  if ((r = spawn(i, DRV_KEEPARG)) < 0 ||
      (r = cap_mint(CONSEP, task, CONS_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(CONSIRQ, task, CONS_IRQ, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(PMNTFN, task, CONS_PMN, PMN_INTR, RIGHT_SEND)) < 0)
    return r;
  return driver_setup(CONTROL, task, DEV_CONSOLE, CONS_DEVVA, T_CONSOLE, CONSIRQ, KEEPVA);
}

static int
startdisk(int i)
{
  return disk_make(CONTROL, services[i].image, CHILD + i, DISKEP, DISKIRQ, DMAVA, dmapa);
}

static int
startfs(int i)
{
  int r;

  if ((r = spawn(i, 0)) < 0)
    return r;
  return fsserver_setup(CHILD + i, FSEP, DISKEP, CONSEP);
}

static int
startpm(int i)
{
  int task = CHILD + i, r;

  if ((r = spawn(i, 0)) < 0 ||
      (r = cap_mint(CONTROL, task, PM_CONTROL, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(PMEP, task, PM_EP, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(PMNTFN, task, PM_NTFN, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(FSEP, task, PM_FSEP, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(RSEP, task, PM_RSEP, 0, RIGHTS_ALL)) < 0)
    return r;
  return 0;
}

// A new instance of service i, built (its start function), told to
// signal EXITS when it ends, and started. It never waits for the
// service: one that dies at once is a death like any other. 0 or
// -error, with the slot emptied.
static int
launch(int i)
{
  struct service *s = &services[i];
  int r;

  if ((r = s->start(i)) == 0 && (r = task_onexit(CHILD + i, EXITS, BIT(i))) == 0) {
    s->since = tick_now();      // a ping waiting for it has HB_BOUND ticks from now
    if ((r = task_start(CHILD + i)) == 0)
      return 0;
  }
  task_kill(CHILD + i);         // what was built of it (an empty slot: -EBADF)
  cap_delete(CHILD + i);
  return r;
}

// ---- deaths and restarts (the reaper thread) ----

// Service i will never run again: every call waiting on its endpoint,
// and every later one, fails (-EIDRM) instead of waiting forever.
static void
giveup(int i)
{
  struct service *s = &services[i];

  s->state = SVC_DEAD;
  if (!s->restart) {
    printf("micro: rs: %s is gone, and it cannot be restarted: the machine stops\n", s->name);
    machine_halt(CONTROL, 1);
  }
  if (s->ep >= 0) {
    cap_revoke(s->ep);
    cap_delete(s->ep);
  }
  printf("micro: rs: %s given up\n", s->name);
}

// Service i ended: restart it, or give it up.
static void
died(int i)
{
  struct service *s = &services[i];
  int r;

  s->why = s->ending ? s->ending : SVC_ENDED;
  s->ending = SVC_NONE;
  if (!s->restart) {
    s->state = SVC_DEAD;
    printf("micro: rs: %s ended; it cannot be restarted: the machine stops\n", s->name);
    machine_halt(CONTROL, 1);
    return;
  }
  if (s->restarts >= MAXRESTARTS) {
    giveup(i);
    return;
  }
  s->state = SVC_RESTARTING;
  cap_delete(CHILD + i);
  s->restarts++;
  if ((r = launch(i)) < 0) {
    printf("micro: rs: cannot restart %s (%d)\n", s->name, r);
    giveup(i);
    return;
  }
  s->state = SVC_UP;
  printf("micro: rs: %s restarted (%d)\n", s->name, s->restarts);
}

static void
reaper(int arg)
{
  unsigned int bits;
  int i;

  for (;;) {
    if (ntfn_wait(EXITS, &bits) < 0)
      thread_exit(1);
    for (i = 0; i < NSERVICE; i++)
      if (bits & (1u << i))
        died(i);
  }
}

// ---- the heartbeat ----

// Service i's pinger: an RS_PING call each time the watchdog asks. It
// waits on a notification, not on the clock: a thread sleeping on the
// clock is woken at every tick (core's ticksleep), and one such thread
// in rs, the watchdog, is enough. A ping sent while the service is
// being restarted waits in its endpoint's queue for the new instance.
static void
pinger(int i)
{
  struct service *s = &services[i];
  struct msg m;
  unsigned int bits;

  for (;;) {
    ntfn_wait(PINGNOW + i, &bits);
    memset(&m, 0, sizeof(m));
    m.info = IPC_INFO(RS_PING, 0);
    s->pingsent = tick_now();
    ipc_call(s->ep, &m);                // any answer will do; its end ends the call too
    s->pingsent = -1;
  }
}

// Service i has not answered its ping within HB_BOUND ticks (of the
// ping, or of its instance's start, whichever is later).
static int
silent(int i, int now)
{
  struct service *s = &services[i];
  int sent = s->pingsent, from;

  if (s->state != SVC_UP || sent < 0)
    return 0;
  from = sent > s->since ? sent : s->since;
  return now - from > HB_BOUND;
}

// Service i waits for a service it calls that does not answer either
// (silent, or being restarted): that one is to blame, not i. (One given
// up fails every call at once: -EIDRM.)
static int
waitsforsilent(int i, int now)
{
  int j;

  for (j = 0; j < NSERVICE; j++)
    if ((services[i].needs & BIT(j)) && (services[j].state == SVC_RESTARTING || silent(j, now)))
      return 1;
  return 0;
}

// The watchdog: every HB_PERIOD ticks, kill each service that hangs,
// and ask the pinger of each that answered its last ping for the next.
static void
watchdog(int arg)
{
  struct service *s;
  int i, now;

  for (;;) {
    tick_sleep(HB_PERIOD);
    now = tick_now();
    for (i = 0; i < NSERVICE; i++) {
      s = &services[i];
      if (s->state != SVC_UP)
        continue;
      if (s->pingsent < 0) {
        ntfn_signal(PINGNOW + i);
      } else if (silent(i, now) && !waitsforsilent(i, now) && s->ending == SVC_NONE) {
        if (!s->restart) {
          printf("micro: rs: %s does not answer, and it cannot be restarted: the machine stops\n",
                 s->name);
          machine_halt(CONTROL, 1);
        }
        printf("micro: rs: %s does not answer: killed\n", s->name);
        s->ending = SVC_HUNG;
        task_kill(CHILD + i);
      }
    }
  }
}

// ---- svc's requests (the main thread) ----

static int
handle(struct msg *m)
{
  struct svcinfo *info = (struct svcinfo *)io;
  struct service *s;
  int i, n = IPC_LEN(m->info);

  switch (IPC_LABEL(m->info)) {
  case RS_LIST:
    i = m->w[0];
    m->info = IPC_INFO(REPLY_OK, 0);
    if (i < 0 || i >= NSERVICE) {
      m->w[0] = -ENOENT;
      return 1;
    }
    s = &services[i];
    memset(info, 0, sizeof(*info));
    strcpy(info->name, s->name);
    info->task = CHILD + i;
    info->endpoint = s->ep;
    info->state = s->state;
    info->restarts = s->restarts;
    info->why = s->why;
    m->info = IPC_INFO(REPLY_OK, sizeof(*info));
    m->w[0] = 0;
    return 1;
  case RS_KILL:
    m->info = IPC_INFO(REPLY_OK, 0);
    m->w[0] = -ENOENT;
    if (n == 0 || n > 16 || io[n - 1] != 0)
      return 1;
    for (i = 0; i < NSERVICE; i++) {
      s = &services[i];
      if (strcmp(s->name, io) != 0)
        continue;
      if (!s->restart)
        m->w[0] = -EPERM;           // killing it would end the system
      else if (s->state != SVC_UP)
        m->w[0] = -EAGAIN;          // being restarted, or given up
      else {
        s->ending = SVC_KILLED;
        m->w[0] = task_kill(CHILD + i);
      }
      return 1;
    }
    return 1;
  default:
    m->info = IPC_INFO(REPLY_OK, 0);
    m->w[0] = -ENOSYS;
    return 1;
  }
}

// Each pinger's notification.
static int
pingobjects(void)
{
  int i;

  for (i = 0; i < NSERVICE; i++)
    if (ntfn_create(PINGNOW + i) < 0)
      return -1;
  return 0;
}

static int
makeobjects(void)
{
  return (ntfn_create(EXITS) < 0 || ep_create(RSEP) < 0 ||
          ep_create(CONSEP) < 0 || ntfn_create(CONSIRQ) < 0 || ep_create(PMEP) < 0 ||
          ntfn_create(PMNTFN) < 0 || ep_create(DISKEP) < 0 || ntfn_create(DISKIRQ) < 0 ||
          ep_create(FSEP) < 0 || pingobjects() < 0 || (dmapa = dma_page(CONTROL, -1, DMAVA)) < 0 ||
          dma_page(CONTROL, -1, KEEPVA) < 0) ? -1 : 0;
}

int
main(int argc, char **argv)
{
  struct service *s;
  int i, r;

  if (makeobjects() < 0) {
    printf("rs: out of kernel objects\n");
    return 1;
  }
  for (i = 0; i < NSERVICE; i++) {
    s = &services[i];
    s->state = SVC_DEAD;
    s->pingsent = -1;
    if ((s->image = bundle_find(s->name, 0)) < 0 || (r = launch(i)) < 0) {
      printf("micro: rs: cannot start %s (%d)\n", s->name, s->image < 0 ? s->image : r);
      giveup(i);                // its clients' calls fail, they do not wait
      continue;
    }
    s->state = SVC_UP;
    printf("micro: rs: %s started\n", s->name);
  }
  // reaper, watchdog, then service i's pinger (its argument: i)
  for (i = 0; i < 2 + NSERVICE; i++)
    if (thread_create(i == 0 ? reaper : i == 1 ? watchdog : pinger,
                      (void *)((unsigned int)(stacks[i] + sizeof(stacks[i])) & ~7u), i - 2) < 0)
      printf("rs: cannot start its thread %d\n", i);
  serve(RSEP, io, sizeof(io), handle);
  return 0;
}
