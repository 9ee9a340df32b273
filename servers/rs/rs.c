// rs.c: the reincarnation server (MINIX 3's RS) — it starts micro's
// drivers and servers from the boot bundle, watches them, and restarts
// one that dies, on the same endpoint, while the system runs on.
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
//   - a heartbeat: every HB_PERIOD ticks the watchdog thread asks the
//     pinger thread to call each driver with RS_PING; any answer shows
//     it alive. The watchdog kills a driver that has not answered
//     within HB_BOUND ticks (a hung driver), and its end is then a death
//     like any other.
//
// The restart (reaper thread, restart()): the dead task's capability is
// deleted; a new task is spawned from the same bundle image into the
// same slot; start() gives it what the service needs — the same
// endpoint to receive on, its interrupt's notification, its device
// mapped and its interrupt bound when it says ROOT_READY (driver.c),
// the disk's DMA page (rs's own, kept across instances: a transfer in
// flight at the crash lands in it, never in a freed page), pm's
// notification for the console's ^C — and lets it run. A client's
// request in flight at the crash fails with -EPIPE and is sent again by
// the client (servers/lib/retry.c), where that is safe.
//
// What can be restarted: the console and disk drivers (stateless: a
// new instance is as good as the old) and the fs server (its state —
// open files, pipes, each process's descriptors and directory — dies
// with it; the new instance mounts the disk again, and the log's
// recovery makes it consistent). pm is not restarted: its state is every
// process; when it dies rs halts the machine. A service that dies more
// than MAXRESTARTS times is given up: its endpoint is revoked and
// deleted, so that every call waiting on it fails (-EIDRM), never hangs.
//
// The main thread serves `svc` (userland/bin/svc.c): RS_LIST, RS_KILL.
// Threads: main (svc), reaper (deaths, restarts), pinger and watchdog
// (the heartbeat). Only the reaper changes a service's state and task;
// the others read it.

#include "syscall.h"     // struct svcinfo, SVC_* (first: ipc.h's SYS_* win)
#include <stdio.h>
#include <string.h>
#include "mk.h"
#include "proto.h"

#define CONTROL     RS_CONTROL
#define EXITS       1      // notification: a service ended (bit 1 << its index)
#define RSEP        2      // our endpoint: svc's requests
#define READY       3      // drivers say ROOT_READY here (badge: their index)
#define CONSEP      4      // the console driver's endpoint
#define CONSIRQ     5      // the console interrupt's notification
#define PMEP        6      // pm's endpoint
#define PMNTFN      7      // pm's notification
#define DISKEP      8      // the disk driver's endpoint
#define DISKIRQ     9      // the disk interrupt's notification
#define FSEP        10     // the fs server's endpoint
#define PINGNOW     11     // notification: the watchdog asks the pinger for a round
#define CHILD       16     // slot CHILD + i: service i's task

#define DMAVA       0x70000000u   // our page the disk transfers to and from
#define HB_PERIOD   100    // ticks between two heartbeats
#define HB_BOUND    100    // ticks a driver has to answer one
#define MAXRESTARTS 5

struct service {
  char *name;                  // its bundle image
  int ep;                      // its endpoint's slot here (-1: none)
  int heartbeat;               // pinged (a driver)
  int restart;                 // restarted when it dies
  int (*start)(int i);         // give service i's task its capabilities, start it
  int image;                   // its bundle image's number
  volatile int state;          // SVC_UP, SVC_RESTARTING, SVC_DEAD
  volatile int why;            // how its last instance ended (SVC_*)
  volatile int ending;         // how rs is ending this one (SVC_KILLED, SVC_HUNG), or 0
  int restarts;
};

static int startconsole(int i);
static int startdisk(int i);
static int startfs(int i);
static int startpm(int i);

// In the order they start: each finds what it depends on running.
static struct service services[] = {
  { "console", CONSEP, 1, 1, startconsole },
  { "disk",    DISKEP, 1, 1, startdisk },
  { "fs",      FSEP,   0, 1, startfs },
  { "pm",      PMEP,   0, 0, startpm },
};
#define NSERVICE ((int)(sizeof(services) / sizeof(services[0])))

static int dmapa;                     // our DMA page's physical address
static volatile int pinging = -1;     // the service the pinger waits for
static volatile int pingstart;        // since when (ticks)
static char io[IPC_MAXLONG];
static char stacks[3][4096];          // reaper, pinger, watchdog

// ---- starting each service: its capabilities (proto.h lists its slots) ----

static int
startconsole(int i)
{
  int task = CHILD + i, r;

  if ((r = cap_mint(CONSEP, task, CONS_EP, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(CONSIRQ, task, CONS_IRQ, 0, RIGHT_RECV)) < 0 ||
      (r = cap_mint(PMNTFN, task, CONS_PMN, PMN_INTR, RIGHT_SEND)) < 0 ||
      (r = cap_mint(READY, task, DRV_ROOT, i, RIGHT_SEND)) < 0)
    return r;
  return driver_start(CONTROL, READY, task, i, DEV_CONSOLE, CONS_DEVVA, T_CONSOLE, CONSIRQ);
}

static int
startdisk(int i)
{
  return disk_start(CONTROL, READY, CHILD + i, i, DISKEP, DISKIRQ, DMAVA, dmapa);
}

static int
startfs(int i)
{
  return fsserver_start(CHILD + i, FSEP, DISKEP, CONSEP);
}

static int
startpm(int i)
{
  int task = CHILD + i, r;

  if ((r = cap_mint(CONTROL, task, PM_CONTROL, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(PMEP, task, PM_EP, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(PMNTFN, task, PM_NTFN, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(FSEP, task, PM_FSEP, 0, RIGHTS_ALL)) < 0 ||
      (r = cap_mint(RSEP, task, PM_RSEP, 0, RIGHTS_ALL)) < 0)
    return r;
  return task_start(task);
}

// A new instance of service i from its image, in its task slot, told
// to signal EXITS when it ends, and started. 0 or -error.
static int
launch(int i)
{
  struct service *s = &services[i];
  int r;

  if ((r = task_spawn(CONTROL, s->image, 0, CHILD + i)) < 0)
    return r;
  if ((r = task_onexit(CHILD + i, EXITS, 1u << i)) < 0)
    return r;
  return s->start(i);
}

// ---- deaths and restarts (the reaper thread) ----

// Service i will never run again: every call waiting on its endpoint,
// and every later one, fails (-EIDRM) instead of waiting forever.
static void
giveup(int i)
{
  struct service *s = &services[i];

  s->state = SVC_DEAD;
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

// The pinger: a round of RS_PING calls, one driver after the other,
// each time the watchdog asks. It waits on a notification, not on the
// clock: a thread sleeping on the clock is woken at every tick (core's
// ticksleep), and one such thread in rs is enough.
static void
pinger(int arg)
{
  struct msg m;
  unsigned int bits;
  int i;

  for (;;) {
    ntfn_wait(PINGNOW, &bits);
    for (i = 0; i < NSERVICE; i++) {
      if (!services[i].heartbeat || services[i].state != SVC_UP)
        continue;
      pingstart = tick_now();
      pinging = i;
      memset(&m, 0, sizeof(m));
      m.info = IPC_INFO(RS_PING, 0);
      ipc_call(services[i].ep, &m);     // any answer will do; a kill ends it too
      pinging = -1;
    }
  }
}

// The watchdog: every HB_PERIOD ticks, kill the driver the pinger has
// waited for more than HB_BOUND ticks, or start a new round.
static void
watchdog(int arg)
{
  int i;

  for (;;) {
    tick_sleep(HB_PERIOD);
    i = pinging;
    if (i < 0) {
      ntfn_signal(PINGNOW);
    } else if (services[i].state == SVC_UP && tick_now() - pingstart > HB_BOUND &&
               services[i].ending == SVC_NONE) {
      printf("micro: rs: %s does not answer: killed\n", services[i].name);
      services[i].ending = SVC_HUNG;
      task_kill(CHILD + i);
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

static int
makeobjects(void)
{
  return (ntfn_create(EXITS) < 0 || ep_create(RSEP) < 0 || ep_create(READY) < 0 ||
          ep_create(CONSEP) < 0 || ntfn_create(CONSIRQ) < 0 || ep_create(PMEP) < 0 ||
          ntfn_create(PMNTFN) < 0 || ep_create(DISKEP) < 0 || ntfn_create(DISKIRQ) < 0 ||
          ep_create(FSEP) < 0 || ntfn_create(PINGNOW) < 0 || (dmapa = dma_page(CONTROL, -1, DMAVA)) < 0) ? -1 : 0;
}

// The bundle image called name: its number, or -1.
static int
findimage(char *name)
{
  char found[16];
  int i;

  for (i = 1; bundle_image(i, found) >= 0; i++)
    if (strcmp(found, name) == 0)
      return i;
  return -1;
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
    if ((s->image = findimage(s->name)) < 0 || (r = launch(i)) < 0) {
      printf("rs: cannot start %s\n", s->name);
      continue;
    }
    s->state = SVC_UP;
    printf("micro: rs: %s started\n", s->name);
  }
  for (i = 0; i < 3; i++)
    thread_create(i == 0 ? reaper : i == 1 ? pinger : watchdog,
                  (void *)((unsigned int)(stacks[i] + sizeof(stacks[i])) & ~7u), 0);
  serve(RSEP, io, sizeof(io), handle);
  return 0;
}
