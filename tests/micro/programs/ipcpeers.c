// ipcpeers.c: the peers of the microkernel's IPC tests (ipctest.c, the
// root task; tests/micro/test_ipc.py). The test bundle holds this
// program as image PEERIMAGE ("peer"); the root spawns it once for each
// role, named by argv[1], with the capabilities that role uses already
// in its slots (ipctest.h lists them) — each role is a few lines of one
// side of a test the root runs. Every broken rule prints "FAIL ...".

#include <stdio.h>
#include <string.h>
#include "mk.h"
#include "check.h"
#include "ipctest.h"

// pong: answer each call with w[0] + 1, forever (a server's loop).
static void
pong(void)
{
  struct msg m;

  clearmsg(&m);
  ipc_recv(ROLECAP, &m);
  for (;;) {
    m.w[0] = m.w[0] + 1;
    m.info = IPC_INFO(0, 0);
    ipc_replyrecv(ROLECAP, &m);
  }
}

// echo: answer each long message with its bytes reversed (size: the
// buffer it receives into).
static char echobuf[IPC_MAXLONG];

static void
echo(unsigned int size)
{
  struct msg m;
  unsigned int i, n;
  char c;

  clearmsg(&m);
  m.buf = (unsigned int)echobuf;
  m.size = size;
  ipc_recv(ROLECAP, &m);
  for (;;) {
    n = IPC_LEN(m.info);
    for (i = 0; i < n / 2; i++) {
      c = echobuf[i];
      echobuf[i] = echobuf[n - 1 - i];
      echobuf[n - 1 - i] = c;
    }
    m.info = IPC_INFO(0, n);
    m.buf = (unsigned int)echobuf;
    m.size = size;
    ipc_replyrecv(ROLECAP, &m);
  }
}

// client: one message to the root, then try to forge another badge.
static void
client(void)
{
  struct msg m;
  int r;

  r = cap_mint(0, -1, 1, 99, RIGHT_SEND);
  check(r == -EPERM, "a badged capability cannot be re-badged", r);
  clearmsg(&m);
  m.info = IPC_INFO(5, 0);
  m.w[0] = 1234;
  r = ipc_send(ROLECAP, &m);
  check(r == 0, "client send", r);
}

// nocap: a task with no capabilities tries everything.
static void
nocap(void)
{
  struct msg m;
  int r;

  clearmsg(&m);
  r = ipc_call(ROLECAP, &m);
  check(r == -EBADF, "call on an empty slot", r);
  r = ipc_send(31, &m);
  check(r == -EBADF, "send on an empty slot", r);
  r = ipc_send(-1, &m);
  check(r == -EBADF, "send on slot -1", r);
  r = ipc_send(100000, &m);
  check(r == -EBADF, "send on slot 100000", r);
  r = task_spawn(0, 1, 0, 5);
  check(r == -EPERM, "spawn without the control capability", r);
  r = irq_bind(0, 10, 0);
  check(r == -EPERM, "irq_bind without the control capability", r);
  r = map_device(0, -1, DEV_DISK, 0x60000000);
  check(r == -EPERM, "map_device without the control capability", r);
  r = page_map(3, 0x40000000, 0x41000000, MAP_R);
  check(r == -EBADF, "map into a task it has no capability for", r);
}

// sendonly: holds EP with the right to send only.
static void
sendonly(void)
{
  struct msg m;
  int r;

  clearmsg(&m);
  r = ipc_recv(ROLECAP, &m);
  check(r == -EBADF, "recv on a send-only capability", r);
  r = cap_mint(0, -1, 1, 0, RIGHT_SEND);
  check(r == -EPERM, "mint a capability without the grant right", r);
}

// faulter: touch a page nobody mapped; the pager maps it.
static void
faulter(void)
{
  volatile unsigned int *p = (unsigned int *)FAULTVA;

  printf("faulter reads %x\n", p[0]);
  printf("faulter reads %x\n", p[2048]);   // the next page: the pager refuses
  printf("FAIL faulter survived\n");
}

// deferred: save the first caller's reply, serve the second caller
// first, then answer the first through the saved reply.
static void
deferred(void)
{
  struct msg a, b;
  int r;

  clearmsg(&a);
  ipc_recv(ROLECAP, &a);
  r = reply_save(SAVED);
  check(r == 0, "save a reply", r);
  r = reply_save(2);
  check(r == -ESRCH, "save a reply that is saved already", r);
  clearmsg(&b);
  ipc_recv(ROLECAP, &b);
  b.w[0] += 100;
  b.info = 0;
  r = ipc_reply(0, &b);
  check(r == 0, "answer the second caller", r);
  a.w[0] += 200;
  a.info = 0;
  r = ipc_replyto(SAVED, &a);
  check(r == 0, "answer through the saved reply", r);
  r = ipc_replyto(SAVED, &a);
  check(r == -EBADF, "a saved reply answers once", r);
}

// caller: call the deferred server (slot 0), tell the root (slot 1)
// what came back.
static void
caller(void)
{
  struct msg m;
  int r;

  clearmsg(&m);
  m.w[0] = 1;
  r = ipc_call(ROLECAP, &m);
  check(r == 0, "a deferred call", r);
  m.info = 0;
  ipc_send(SECONDCAP, &m);
}

// bound: one recv ends for the bound notification, the next for a call.
static void
bound(void)
{
  struct msg m;
  unsigned int bits;
  int r;

  r = ntfn_bind(1);
  check(r == 0, "bind a notification", r);
  clearmsg(&m);
  r = ipc_recv(ROLECAP, &m);
  check(r == 0 && IPC_LABEL(m.info) == LABEL_NOTIFY, "a signal ends recv", m.info);
  bits = m.w[0];
  clearmsg(&m);
  r = ipc_recv(ROLECAP, &m);
  check(r == 0 && IPC_LABEL(m.info) == 3, "then a message", m.info);
  m.w[0] = bits;
  m.info = 0;
  ipc_reply(0, &m);
}

// waiter: tell the root we are here, then wait on our endpoint (slot 0)
// as a sender until the endpoint is freed under us.
static void
waiter(void)
{
  struct msg m;
  int r;

  clearmsg(&m);
  m.w[0] = 1;
  ipc_send(ROLECAP, &m);
  m.w[0] = 2;
  r = ipc_send(ROLECAP, &m);
  printf("waiter woke with %d\n", r);
}

// saver: take a call, keep its reply, and end without answering.
static void
saver(void)
{
  struct msg m;

  clearmsg(&m);
  ipc_recv(ROLECAP, &m);
  check(reply_save(SAVED) == 0, "save a reply", 0);
}

// svc: a service that answers w[0] + 1, and crashes (a page fault, no
// pager: the kernel kills it) on a request of 666, while it owes the
// reply.
static void
svc(void)
{
  struct msg m;

  clearmsg(&m);
  ipc_recv(ROLECAP, &m);
  for (;;) {
    if (m.w[0] == 666)
      *(volatile int *)0x48000000 = 1;
    m.w[0] = m.w[0] + 1;
    m.info = 0;
    ipc_replyrecv(ROLECAP, &m);
  }
}

// capper: take a capability from a call (into slot 5), answer with
// where it landed, then use it: send on it.
static void
capper(void)
{
  struct msg m;
  unsigned int slot;
  int r;

  clearmsg(&m);
  m.w[3] = 5;
  r = ipc_recv(ROLECAP, &m);
  check(r == 0 && m.w[3] == 5, "a capability arrives in the slot we named", m.w[3]);
  slot = m.w[3];
  m.info = 0;
  ipc_reply(0, &m);
  clearmsg(&m);
  m.w[0] = 77;
  r = ipc_send(slot, &m);
  check(r == 0, "send on the capability we were given", r);
}

// forger: answer a call with a kernel label (the kernel refuses: the
// caller gets -EPERM too), then end.
static void
forger(void)
{
  struct msg m;
  int r;

  clearmsg(&m);
  ipc_recv(ROLECAP, &m);
  m.info = IPC_INFO(LABEL_FAULT, 0);
  r = ipc_reply(0, &m);
  check(r == -EPERM, "a reply with a kernel label", r);
}

#define STARVE_MAX  20000

// runner: say we are loaded (signal RAN, slot 1), wait until we are
// woken (GO, slot 0), and say that we ran.
static void
runner(void)
{
  unsigned int bits;

  ntfn_signal(SECONDCAP);
  ntfn_wait(ROLECAP, &bits);
  ntfn_signal(SECONDCAP);
}

// poller: a client polling a server in a loop (pong, slot 0) beside a
// third task, the runner: wait until it is loaded (RAN, slot 1), make
// calls for a few ticks, wake it (GO, slot 2), and count the calls
// until it has run.
static void
poller(void)
{
  struct msg m;
  unsigned int bits = 0;
  int i;

  ntfn_wait(SECONDCAP, &bits);
  clearmsg(&m);
  for (i = 0; i < 100; i++)
    ipc_call(ROLECAP, &m);
  ntfn_signal(THIRDCAP);
  for (i = 0, bits = 0; i < STARVE_MAX && bits == 0; i++) {
    m.info = 0;
    ipc_call(ROLECAP, &m);
    ntfn_poll(SECONDCAP, &bits);
  }
  printf("runner ran after %d calls\n", i);
  check(i < STARVE_MAX, "a third task runs while a client polls a server", i);
}

// psender: a sender of test_prio: it cannot raise its own priority;
// it says it is here (slot 1) and sends on slot 0.
static void
psender(void)
{
  struct msg m;
  int r;

  r = task_prio(-1, PRIO_MAX);
  check(r == -EPERM, "raise our own priority", r);
  ntfn_signal(SECONDCAP);
  clearmsg(&m);
  ipc_send(ROLECAP, &m);
}

// toucher: a task with pages mapped from the root's (test_unmap): say
// we are here, report what the page holds, then touch it again after
// the root's unmap — a fault to our pager (the root), which refuses.
static void
toucher(void)
{
  volatile unsigned int *p = (unsigned int *)TOUCHVA;
  struct msg m;

  clearmsg(&m);
  ipc_call(ROLECAP, &m);
  m.w[0] = p[0];
  m.w[1] = p[1024];
  ipc_call(ROLECAP, &m);
  printf("FAIL toucher read %x after the unmap\n", p[0]);
}

static int
peer(char *role)
{
  if (strcmp(role, "pong") == 0)
    pong();
  else if (strcmp(role, "echo") == 0)
    echo(IPC_MAXLONG);
  else if (strcmp(role, "echosmall") == 0)
    echo(100);
  else if (strcmp(role, "client") == 0)
    client();
  else if (strcmp(role, "nocap") == 0)
    nocap();
  else if (strcmp(role, "sendonly") == 0)
    sendonly();
  else if (strcmp(role, "faulter") == 0)
    faulter();
  else if (strcmp(role, "deferred") == 0)
    deferred();
  else if (strcmp(role, "caller") == 0)
    caller();
  else if (strcmp(role, "bound") == 0)
    bound();
  else if (strcmp(role, "capper") == 0)
    capper();
  else if (strcmp(role, "waiter") == 0)
    waiter();
  else if (strcmp(role, "saver") == 0)
    saver();
  else if (strcmp(role, "svc") == 0)
    svc();
  else if (strcmp(role, "forger") == 0)
    forger();
  else if (strcmp(role, "runner") == 0)
    runner();
  else if (strcmp(role, "poller") == 0)
    poller();
  else if (strcmp(role, "psender") == 0)
    psender();
  else if (strcmp(role, "toucher") == 0)
    toucher();
  return failures ? 1 : 0;
}

int
main(int argc, char **argv)
{
  if (argc < 2) {
    printf("FAIL a peer with no role\n");
    return 1;
  }
  return peer(argv[1]);
}
