// console.c: the console device file (/dev/console, major CONSOLE) of
// the fs server, forwarded to the console driver (servers/console.c).
//
// A write is a call to the driver, which answers at once. A read waits
// for a line the user has not typed yet, and no worker must wait with
// it: the read is parked (park.h) and handed to one more thread of the
// server, the console reader, which calls the driver, waits there, and
// answers the parked request itself (ipc_replyto works from any thread
// of the task that saved the reply). A worker hands it a read through
// a ring of parked entries and a notification (FS_CONSN). The reader
// is a worker of worker.c's lock (workers[NWORKER]): it takes the ring
// and answers holding the server lock, and waits for the driver
// without it. A read whose process ended meanwhile (FS_PROCEXIT freed
// its entry) is skipped before the call, or its line dropped after.
//
// Without a console driver (FS_CONS empty: a test bundle), writes go to
// the kernel's debugging console and a read ends at once (0).

#include "types.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "file.h"
#include "errnum.h"
#include "fsport.h"
#include "mk.h"
#include "proto.h"
#include "fsserver.h"
#include "park.h"

static int hasconsole;              // FS_CONS holds the driver's endpoint
static struct park *ring[NPARK];    // parked console reads, in order
static uint head;                   // next to serve
static uint tail;                   // next free
static char readbuf[IPC_MAXLONG];   // the reader thread's buffer
static char stack[4096];            // the reader thread's stack

// The next parked console read to serve, with its arrival number in
// *seq; 0 if none. The server lock is held.
static struct park *
nextread(uint *seq)
{
  struct park *p;

  while (head != tail) {
    p = ring[head % NPARK];
    head++;
    if (p->kind == PARK_CONS) {   // (not freed by FS_PROCEXIT)
      *seq = p->seq;
      return p;
    }
  }
  return 0;
}

// The console reader thread: serve the parked reads, one at a time.
static void
reader(int arg)
{
  struct worker *me = &workers[NWORKER];
  struct park *p;
  struct msg m;
  unsigned int bits;
  uint seq;
  int r;

  for (;;) {
    ntfn_wait(FS_CONSN, &bits);
    serverlock(me);
    while ((p = nextread(&seq)) != 0) {
      m.info = IPC_INFO(CONS_READ, 0);
      m.w[0] = p->n;
      m.buf = (uint)readbuf;
      m.size = p->n;
      serverunlock();
      r = ipc_callretry(FS_CONS, &m);   // again if the driver is restarted
      serverlock(me);
      if (r < 0)
        m.w[0] = r;
      m.info = IPC_INFO(REPLY_OK, (int)m.w[0] > 0 ? (int)m.w[0] : 0);
      m.buf = (uint)readbuf;
      if (p->kind == PARK_CONS && p->seq == seq)
        unpark(p, &m);
    }
    serverunlock();
  }
}

void
consinit(void)
{
  struct msg m;

  m.info = IPC_INFO(CONS_WRITE, 0);     // write nothing: is there a driver?
  m.buf = 0;
  m.size = 0;
  hasconsole = ipc_call(FS_CONS, &m) == 0;
  if (hasconsole && (ntfn_badged(FS_CONSN, FS_PARK) < 0 ||
                     thread_create(reader, (void *)((uint)(stack + sizeof(stack)) & ~7u), 0) < 0)) {
    printf("fs: no console reader thread\n");
    hasconsole = 0;
  }
}

// A console read of up to n bytes: PARKED (the reader answers), or 0
// without a console driver.
int
consread(int n, struct msg *m)
{
  struct park *p;

  if (!hasconsole)
    return 0;
  if ((p = parkcaller(PARK_CONS)) == 0)
    return -EAGAIN;
  p->n = n;
  ring[tail % NPARK] = p;
  tail++;
  ntfn_signal(FS_CONSN);
  return PARKED;
}

// A console write: the count written. The worker keeps the server
// lock across the call (letting it go costs about 140 instructions a
// write): the driver answers at once and calls no one (^C reaches pm as
// a notification), so nothing waits on us meanwhile — but while rs
// restarts a dead console driver, the whole server waits with this write.
int
conswrite(char *buf, int n)
{
  struct msg m;
  int i;

  if (!hasconsole) {
    for (i = 0; i < n; i++)
      debug_putc(buf[i] & 0xFF);
    return n;
  }
  m.info = IPC_INFO(CONS_WRITE, n);
  m.buf = (uint)buf;
  m.size = 0;
  if (ipc_callretry(FS_CONS, &m) < 0)
    return -EIO;
  return m.w[0];
}
