// ipctest.c: the microkernel's IPC tests, run as the root task of a test
// boot bundle (tests/micro/test_ipc.py). The bundle holds this program
// and its peers: image 0 ("ipctest", this program, the root: it holds
// the control capability) and image PEERIMAGE ("peer", ipcpeers.c),
// which the root spawns for each role, named by argv[1]; ipctest.h is
// what the two share. Every check prints "FAIL ..." when it fails; the root ends
// with "IPCTEST PASSED" or "IPCTEST FAILED". The host types one key for
// the interrupt test when it sees "TYPE A KEY".
//
// Root's slots: 0 control, 1 EP (the root serves it), 2 EXITS
// (notification: a peer ended), 3 IRQ (notification: console
// interrupt), 4-8 the endpoints the pong, echo, echosmall, deferred and
// bound peers serve (each its own: a server never ends), 9 the bound
// peer's notification, 10-29 the peers' tasks, 30+ badged copies.
// A peer's slots: ipctest.h (ROLECAP, the capability of its role, and
// more for some roles).

#include <stdio.h>
#include <string.h>
#include "mk.h"
#define CHECK_SHARED
#include "check.h"
#include "ipctest.h"

int failures;                      // every file's checks (check.h)

#define DEVVA   0x60000000u      // where the console's registers are mapped

static volatile int shared;        // written by the second thread; spun on to pass time

// Spawn a peer with a capability (a copy of our slot `cap`, with badge
// and rights) in its slot ROLECAP, watched by EXITS with bit `bit`; it runs
// once started.
void
spawnpeer(char *role, int slot, int cap, unsigned int badge, int rights, unsigned int bit)
{
  int r = task_spawn(CONTROL, PEERIMAGE, role, slot);

  check(r == slot, "spawn", r);
  if (cap >= 0)
    check(cap_mint(cap, slot, ROLECAP, badge, rights) == 0, "mint for a peer", 0);
  check(task_onexit(slot, EXITS, bit) == 0, "onexit", 0);
}

void
start(char *role, int slot, int cap, unsigned int badge, int rights, unsigned int bit)
{
  spawnpeer(role, slot, cap, badge, rights, bit);
  check(task_start(slot) == 0, "start", 0);
}

// Wait until the peers of `bits` have all ended.
void
reap(unsigned int bits)
{
  unsigned int got, seen = 0;

  while ((seen & bits) != bits) {
    ntfn_wait(EXITS, &got);
    seen |= got;
  }
}

static void
pingpong(int n)
{
  struct msg m;
  int i, r, before;

  clearmsg(&m);
  before = ipc_count();
  printf("PING %d START\n", n);
  for (i = 0; i < n; i++) {
    m.info = 0;
    m.w[0] = i;
    r = ipc_call(PONG, &m);
    if (r != 0 || m.w[0] != (unsigned int)i + 1)
      break;
  }
  printf("PING %d END\n", n);
  check(i == n, "every call answered with w[0] + 1", i);
  check(ipc_count() - before == 2 * n, "two messages per round trip", ipc_count() - before);
}

static void
test_pingpong(void)
{
  check(ep_create(PONG) == PONG, "ep_create", 0);
  start("pong", PEER, PONG, 0, RIGHT_RECV, 0);
  pingpong(10);               // warm-up: pong loads and starts serving
  pingpong(1000);
  pingpong(2000);
}

// Labels LABEL_KERNEL and up are the kernel's (ipc.h): a user message
// with one is refused with -EPERM, on the fast path's case (a
// register-only call to a server waiting in replyrecv) and the slow
// path's (nbsend, a long part, a capability given, a reply), and
// nothing is delivered. A client cannot forge a page fault to its
// pager or a notification to a driver.
#define FORGEEP   40
#define FORGER    41

static void
test_forge(void)
{
  static char part[8] = "forged";
  struct msg m;
  int r, before = ipc_count();

  clearmsg(&m);
  m.info = IPC_INFO(LABEL_FAULT, 0);
  m.w[0] = FAULTVA;
  r = ipc_call(PONG, &m);
  check(r == -EPERM, "a call with LABEL_FAULT", r);
  m.info = IPC_INFO(LABEL_NOTIFY, 0);
  r = ipc_nbsend(PONG, &m);
  check(r == -EPERM, "a send with LABEL_NOTIFY", r);
  m.info = IPC_INFO(0x7FFF, 0);
  r = ipc_call(PONG, &m);
  check(r == -EPERM, "a call with label 0x7FFF", r);
  m.info = IPC_INFO(LABEL_FAULT, sizeof(part));
  m.buf = (unsigned int)part;
  r = ipc_call(PONG, &m);
  check(r == -EPERM, "a long message with LABEL_FAULT", r);
  m.info = IPC_INFO(LABEL_FAULT, 0) | IPC_GIVECAP;
  m.buf = 0;
  m.w[3] = EP;
  r = ipc_call(PONG, &m);
  check(r == -EPERM, "a capability given with LABEL_FAULT", r);
  check(ipc_count() == before, "no forged message delivered", ipc_count() - before);
  clearmsg(&m);
  m.info = IPC_INFO(LABEL_KERNEL - 1, 0);
  m.w[0] = 7;
  r = ipc_call(PONG, &m);
  check(r == 0 && m.w[0] == 8, "the label below the kernel's is a user's", r);

  check(ep_create(FORGEEP) == FORGEEP, "ep_create", 0);
  start("forger", FORGER, FORGEEP, 0, RIGHT_RECV, 32768);
  clearmsg(&m);
  r = ipc_call(FORGEEP, &m);
  check(r == -EPERM, "the forged reply fails our call", r);
  reap(32768);
  check(cap_delete(FORGER) == 0 && cap_delete(FORGEEP) == 0, "delete the forger's capabilities", 0);
  printf("kernel labels checked\n");
}

// Direct-switch starvation (test_starve). A client calling a server in
// a loop hands the core back and forth by direct switches (the fast
// path), never through the run queue; a third runnable task must still
// get the core. While a thread waits in the run queue, the pair runs on
// one time slice — each switch donates what is left of the turn to the
// thread it runs — and the tick that ends it sends the running one to
// the back of the queue, behind the third task. (Before: the turn began
// again at every switch, and the runner waited for ever.) The runner is
// loaded and blocked first, so that it needs only a moment of the core;
// the poller makes calls for a few ticks before it wakes it, so that
// the pair's turns are long past. The root only waits: three tasks, the
// poller, pong and the runner, share the one core.
#define RUNNER      42
#define POLLER      43
#define GO          44
#define RAN         45

static void
test_starve(void)
{
  check(ntfn_create(GO) == GO && ntfn_create(RAN) == RAN, "ntfn_create", 0);
  spawnpeer("runner", RUNNER, GO, 0, RIGHT_RECV, 65536);
  check(cap_mint(RAN, RUNNER, SECONDCAP, 1, RIGHT_SEND) == 0, "mint for the runner", 0);
  spawnpeer("poller", POLLER, PONG, 0, RIGHT_SEND, 1u << 17);
  check(cap_mint(RAN, POLLER, SECONDCAP, 0, RIGHT_RECV) == 0, "mint for the poller", 0);
  check(cap_mint(GO, POLLER, THIRDCAP, 1, RIGHT_SEND) == 0, "mint for the poller", 0);
  check(task_start(RUNNER) == 0 && task_start(POLLER) == 0, "start", 0);
  reap(65536 | (1u << 17));
  check(cap_delete(RUNNER) == 0 && cap_delete(POLLER) == 0, "delete the peers' capabilities", 0);
  check(cap_delete(GO) == 0 && cap_delete(RAN) == 0, "delete the notifications", 0);
}

// Priorities: three senders queue on one endpoint, started with
// priorities 1, 3 and 2 (badges 1, 2, 3); the receiver takes the
// highest first (ipc.c, enqueue). A priority out of range, or above
// the caller's own, is refused; the root runs at PRIO_MAX.
#define PRIOEP      46
#define PSEND       47          // 47, 48, 49
#define PREADY      50

static void
test_prio(void)
{
  static int prios[3] = { 1, 3, 2 };
  struct msg m;
  unsigned int bits, seen = 0, order = 0;
  int i, r;

  check(ep_create(PRIOEP) == PRIOEP && ntfn_create(PREADY) == PREADY, "create", 0);
  r = task_prio(-1, PRIO_MIN - 1);
  check(r == -EINVAL, "a priority below PRIO_MIN", r);
  r = task_prio(-1, PRIO_MAX + 1);
  check(r == -EINVAL, "a priority above PRIO_MAX", r);
  r = task_prio(60, PRIO_MIN);
  check(r == -EBADF, "the priority of no task", r);
  for (i = 0; i < 3; i++) {
    spawnpeer("psender", PSEND + i, PRIOEP, i + 1, RIGHT_SEND, 1u << (18 + i));
    check(cap_mint(PREADY, PSEND + i, SECONDCAP, 1u << i, RIGHT_SEND) == 0, "mint for a sender", i);
    r = task_prio(PSEND + i, prios[i]);
    check(r == 0, "give a sender its priority", r);
    check(task_start(PSEND + i) == 0, "start", i);
  }
  while (seen != 7) {
    ntfn_wait(PREADY, &bits);
    seen |= bits;
  }
  for (i = 0; i < 20000; i++)   // (let each reach its send)
    shared = i;
  for (i = 0; i < 3; i++) {
    clearmsg(&m);
    r = ipc_recv(PRIOEP, &m);
    order = order * 10 + m.badge;
  }
  printf("senders served in order %d\n", order);
  check(order == 231, "the highest priority sender first", order);
  reap(7u << 18);
  for (i = 0; i < 3; i++)
    cap_delete(PSEND + i);
  check(cap_delete(PRIOEP) == 0 && cap_delete(PREADY) == 0, "delete", 0);
  printf("priorities checked\n");
}

static void
test_badges(void)
{
  struct msg m;
  int i, r;
  unsigned int seen = 0;

  start("client", PEER + 1, EP, 11, RIGHT_SEND | RIGHT_GRANT, 1);
  start("client", PEER + 2, EP, 22, RIGHT_SEND | RIGHT_GRANT, 2);
  for (i = 0; i < 2; i++) {
    clearmsg(&m);
    r = ipc_recv(EP, &m);
    check(r == 0 && IPC_LABEL(m.info) == 5 && m.w[0] == 1234, "a client's message", r);
    seen |= m.badge == 11 ? 1 : m.badge == 22 ? 2 : 4;
  }
  check(seen == 3, "each client seen with its own badge", seen);
  printf("badges seen: %d\n", seen);
  reap(3);
}

static void
test_rights(void)
{
  start("nocap", PEER + 3, -1, 0, 0, 4);
  start("sendonly", PEER + 4, EP, 0, RIGHT_SEND, 8);
  reap(12);
  printf("rights checked\n");
}

static void
test_deferred(void)
{
  struct msg m;
  unsigned int seen = 0;
  int i, r;

  check(ep_create(DEFER) == DEFER, "ep_create", 0);
  start("deferred", PEER + 8, DEFER, 0, RIGHT_RECV, 128);
  for (i = 0; i < 2; i++) {
    spawnpeer("caller", PEER + 9 + i, DEFER, 0, RIGHT_SEND, 256 << i);
    check(cap_mint(EP, PEER + 9 + i, SECONDCAP, 0, RIGHT_SEND) == 0, "mint EP for a caller", 0);
    check(task_start(PEER + 9 + i) == 0, "start", 0);
  }
  for (i = 0; i < 2; i++) {
    clearmsg(&m);
    r = ipc_recv(EP, &m);
    check(r == 0, "a caller's report", r);
    seen |= m.w[0] == 101 ? 1 : m.w[0] == 201 ? 2 : 4;
  }
  check(seen == 3, "one caller answered at once, the other later", seen);
  reap(128 | 256 | 512);
  printf("deferred reply checked\n");
}

static void
test_bound(void)
{
  struct msg m;
  int r;

  check(ep_create(BOUNDEP) == BOUNDEP && ntfn_create(BNTFN) == BNTFN, "create", 0);
  spawnpeer("bound", PEER + 11, BOUNDEP, 0, RIGHT_RECV, 1024);
  check(cap_mint(BNTFN, PEER + 11, SECONDCAP, 0, RIGHT_RECV) == 0, "mint the notification", 0);
  check(cap_mint(BNTFN, -1, 30, 0x40, RIGHT_SEND) == 0, "a badged copy to signal with", 0);
  check(task_start(PEER + 11) == 0, "start", 0);
  check(ntfn_signal(30) == 0, "signal", 0);
  clearmsg(&m);
  m.info = IPC_INFO(3, 0);
  r = ipc_call(BOUNDEP, &m);
  check(r == 0 && m.w[0] == 0x40, "the bound peer saw the signal's bits", m.w[0]);
  reap(1024);
  printf("bound notification checked\n");
}

static char stack2[4096];

// The root task's second thread: shows it shares the task's memory and
// capabilities, then ends (the task goes on).
static void
second(int arg)
{
  struct msg m;

  shared = arg;
  clearmsg(&m);
  m.w[0] = arg + 1;
  ipc_send(EP, &m);
  thread_exit(0);
}

static void
test_threads(void)
{
  struct msg m;
  int r;

  r = thread_create(second, stack2 + 1, 1);
  check(r == -EINVAL, "a thread with a misaligned stack", r);
  r = thread_create(second, (char *)(((unsigned int)stack2 + sizeof(stack2)) & ~7u), 41);
  check(r > 0, "thread_create", r);
  r = thread_create(second, (char *)0x10000, 1);
  check(r == -EINVAL, "a thread with its stack in kernel memory", r);
  clearmsg(&m);
  r = ipc_recv(EP, &m);
  check(r == 0 && m.w[0] == 42 && m.badge == 0, "a message from our own second thread", m.w[0]);
  check(shared == 41, "the second thread shares our memory", shared);
  printf("threads checked\n");
}

static void
test_givecap(void)
{
  struct msg m;
  int r;

  check(ep_create(25) == 25, "ep_create", 0);
  start("capper", PEER + 12, 25, 0, RIGHT_RECV, 2048);
  clearmsg(&m);
  m.info = IPC_INFO(0, 0) | IPC_GIVECAP;
  m.w[3] = 31;                 // the pager test's badged copy: send only, no grant
  r = ipc_call(25, &m);
  check(r == -EPERM, "give a capability without the grant right", r);
  m.info = IPC_INFO(0, 0) | IPC_GIVECAP;
  m.w[3] = 26;                 // an empty slot
  r = ipc_call(25, &m);
  check(r == -EBADF, "give an empty slot", r);
  m.info = IPC_INFO(0, 0) | IPC_GIVECAP;
  m.w[3] = EP;
  r = ipc_call(25, &m);
  check(r == 0 && m.w[3] == 5, "give EP in a call", m.w[3]);
  clearmsg(&m);
  r = ipc_recv(EP, &m);
  check(r == 0 && m.w[0] == 77, "the receiver used the capability", m.w[0]);
  reap(2048);
  // The clients of test_badges ended long ago, and their task slots
  // have been used again since: our capabilities to them are dead.
  r = task_onexit(PEER + 1, EXITS, 1);
  check(r == -EBADF, "a capability to a task that ended", r);
  r = page_map(PEER + 2, (unsigned int)page & ~4095u, 0x41000000, MAP_R);
  check(r == -EBADF, "map into a task that ended", r);
  printf("capability passing checked\n");
}

// Revocation (seL4's derivation tree): a chain A -> B -> C of copies,
// and D, another copy of A. Deleting B, the go-between, leaves C alive;
// revoking A removes C and D, not A. nbsend probes a slot: -EAGAIN
// (nobody receives) while it holds the endpoint, -EBADF once it is gone.
static void
test_revoke(void)
{
  struct msg m;
  unsigned int bits;
  int r, i;

  clearmsg(&m);
  check(ep_create(23) == 23, "ep_create A", 0);
  check(cap_mint(23, -1, 24, 0, RIGHTS_ALL) == 0, "mint A -> B", 0);
  check(cap_mint(24, -1, 26, 5, RIGHT_SEND | RIGHT_GRANT) == 0, "mint B -> C", 0);
  check(cap_mint(23, -1, 27, 0, RIGHT_SEND) == 0, "mint A -> D", 0);
  check(cap_delete(24) == 0, "delete B", 0);
  r = ipc_nbsend(26, &m);
  check(r == -EAGAIN, "C lives on without B", r);
  r = cap_revoke(24);
  check(r == -EBADF, "revoke an empty slot", r);
  check(cap_revoke(23) == 0, "revoke A", 0);
  r = ipc_nbsend(26, &m);
  check(r == -EBADF, "revoking A removed C (through deleted B)", r);
  r = ipc_nbsend(27, &m);
  check(r == -EBADF, "revoking A removed D", r);
  r = ipc_nbsend(23, &m);
  check(r == -EAGAIN, "A itself stays", r);
  r = ipc_nbsend(EP, &m);
  check(r == -EAGAIN, "another endpoint's capability stays", r);
  check(cap_mint(23, -1, 24, 0, RIGHTS_ALL) == 0, "a slot revoked is free again", 0);
  check(cap_delete(24) == 0, "delete it", 0);

  // A peer holds a copy of A and waits on it as a sender. Revoking A
  // takes its copy, but the endpoint lives on (A names it); deleting A,
  // its last capability, frees it: the waiting peer gets -EIDRM.
  start("waiter", 28, 23, 0, RIGHT_SEND, 4096);
  clearmsg(&m);
  r = ipc_recv(23, &m);
  check(r == 0 && m.w[0] == 1, "the waiter is here", m.w[0]);
  // Let it reach its second send: we sleep, so it runs, on any core (a
  // loop here left that to when a tick fell: we run at PRIO_MAX, and on
  // one core it ran only if the tick came while it had the core).
  check(tick_sleep(2) == 0, "sleep while the waiter sends", 0);
  check(cap_revoke(23) == 0, "revoke the waiter's copy", 0);
  check(cap_delete(23) == 0, "delete A", 0);
  reap(4096);

  // Objects are freed with their last capability: 1,000 endpoints and
  // notifications made and deleted one after the other (the tables
  // hold 64 and 32).
  for (i = 0; i < 1000; i++) {
    if (ep_create(29) != 29 || cap_delete(29) != 0)
      break;
    if (ntfn_create(29) != 29 || cap_mint(29, -1, 24, 1, RIGHT_SEND) != 0 ||
        cap_delete(29) != 0 || cap_delete(24) != 0)
      break;
  }
  check(i == 1000, "1,000 endpoints and notifications made and freed", i);
  // A copy is a capability too: it keeps the object alive.
  check(ntfn_create(29) == 29, "ntfn_create", 0);
  check(cap_mint(29, -1, 24, 2, RIGHT_SEND) == 0, "a copy", 0);
  check(cap_delete(29) == 0, "delete the original", 0);
  check(ntfn_signal(24) == 0, "the copy keeps the notification alive", 0);
  check(cap_delete(24) == 0, "delete the copy: the notification is freed", 0);
  r = ntfn_poll(24, &bits);
  check(r == -EBADF, "nothing left in the slot", r);
  printf("revocation checked\n");
}

// A server died (what a reincarnation server relies on). A kept reply
// dies with its server: the caller gets -EPIPE, never a hang. A service
// that crashes while it owes a reply fails that call with -EPIPE; its
// endpoint outlives it (we hold a capability to it), so a new instance
// of the image, given the same endpoint, serves the same clients with
// the capabilities they already have.
static int
callsvc(int cap, unsigned int w0)
{
  struct msg m;
  int r;

  clearmsg(&m);
  m.w[0] = w0;
  r = ipc_call(cap, &m);
  return r < 0 ? r : (int)m.w[0];
}

static void
test_died(void)
{
  int r;

  check(ep_create(23) == 23, "ep_create", 0);
  start("saver", 26, 23, 0, RIGHT_RECV, 8192);
  r = callsvc(23, 1);
  check(r == -EPIPE, "a call whose kept reply died with its server", r);
  reap(8192);
  check(cap_delete(26) == 0, "delete the dead task's capability", 0);

  start("svc", 26, 23, 0, RIGHT_RECV, 16384);
  r = callsvc(23, 41);
  check(r == 42, "the service answers", r);
  r = callsvc(23, 666);
  check(r == -EPIPE, "a call in flight when the service crashed", r);
  reap(16384);
  check(cap_delete(26) == 0, "delete the dead task's capability", 0);
  start("svc", 26, 23, 0, RIGHT_RECV, 16384);     // reincarnated: same image, same endpoint
  r = callsvc(23, 99);
  check(r == 100, "the restarted service answers on the same endpoint", r);
  printf("server death checked\n");
}

static char grantbuf[3 * 4096];
#define LOADEE      53

// Grant (L4): the page moves; the granter loses it.
static void
test_grant(void)
{
  unsigned int pg = ((unsigned int)grantbuf + 4095) & ~4095u;
  int r;

  *(volatile unsigned int *)pg = 0xD00D;
  r = page_grant(-1, 0x40000000, 0x43000000, MAP_W);
  check(r == -EPERM, "grant our text writable", r);
  r = page_grant(-1, pg, 0x43000000, MAP_W);
  check(r == 0, "grant a page (to ourselves, at another address)", r);
  check(*(volatile unsigned int *)0x43000000 == 0xD00D, "the page arrived with its contents", 0);
  r = page_map(-1, pg, 0x44000000, MAP_R);
  check(r == -EFAULT, "the granter has the page no more", r);
  r = page_grant(PEER + 1, 0x43000000, 0x43000000, MAP_R);
  check(r == -EBADF, "grant to a task that ended", r);
  check(*(volatile unsigned int *)0x43000000 == 0xD00D, "a refused grant leaves the page", 0);

  // The loader's empty pages (servers/lib/load.c): a fresh page made
  // straight into a task we hold (it was our own address space only).
  r = task_spawn(CONTROL, PEERIMAGE, "idle", LOADEE);
  check(r == LOADEE, "a task, not started", r);
  r = page_alloc(LOADEE, 0x45000000, MAP_W);
  check(r == 0, "a fresh page into a task we hold", r);
  r = page_alloc(LOADEE, 0x45000000, MAP_W);
  check(r == -EEXIST, "not where it has one", r);
  check(task_kill(LOADEE) == 0 && cap_delete(LOADEE) == 0, "end it unstarted", 0);
  r = page_alloc(LOADEE, 0x45000000, MAP_W);
  check(r == -EBADF, "nor into a task we do not hold", r);
  printf("grant checked\n");
}

static void
test_irq(void)
{
  unsigned int bits = 0;
  int r, c;

  check(ntfn_create(IRQ) == IRQ, "ntfn_create", 0);
  r = irq_bind(CONTROL, T_TIMER, IRQ);
  check(r == -EINVAL, "bind the timer's interrupt (not a device's)", r);
  check(irq_bind(CONTROL, T_CONSOLE, IRQ) == 0, "bind the console interrupt", 0);
  check(map_device(CONTROL, -1, DEV_CONSOLE, DEVVA) == 0, "map the console", 0);
  r = map_device(CONTROL, -1, DEV_CONSOLE, DEVVA + 4096);
  check(r == -EINVAL, "map the console twice", r);
  r = map_device(CONTROL, -1, DEV_DMA, DEVVA + 4096);
  check(r > 0 && *(volatile unsigned int *)(DEVVA + 4096) == 0, "a DMA page: mapdev of DEV_DMA", r);
  r = dma_page(CONTROL, -1, DEVVA + 4096);
  check(r == -EEXIST, "dmapage where the DMA page is", r);
  r = map_device(CONTROL, -1, DEV_DMA + 1, DEVVA + 8192);
  check(r == -EINVAL, "map a device there is not", r);
  printf("TYPE A KEY\n");
  r = ntfn_wait(IRQ, &bits);
  c = *(volatile unsigned int *)(DEVVA + CONSOLE_RX);
  check(r == 0 && bits == (1u << T_CONSOLE), "the interrupt's notification bit", bits);
  printf("driver read '%c'\n", c);
  check(irq_ack(IRQ, T_CONSOLE) == 0, "irq_ack", 0);
  r = irq_ack(EXITS, T_CONSOLE);
  check(r == -EINVAL, "irq_ack with another notification", r);
}

int
main(int argc, char **argv)
{
  check(ep_create(EP) == EP, "ep_create", 0);
  check(ntfn_create(EXITS) == EXITS, "ntfn_create", 0);
  check(ep_create(EP) == -EINVAL, "ep_create into a used slot", 0);
  test_pingpong();
  test_forge();
  test_starve();
  test_prio();
  test_unmap();
  test_badges();
  test_rights();
  test_map();
  test_long();
  test_pager();
  test_deferred();
  test_bound();
  test_threads();
  test_givecap();
  test_revoke();
  test_grant();
  test_died();
  test_irq();
  printf("IPCTEST %s\n", failures ? "FAILED" : "PASSED");
  return 0;
}
