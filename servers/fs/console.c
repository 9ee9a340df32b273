// console.c: the console device file (/dev/console, major CONSOLE) of
// the fs server, forwarded to the console driver (servers/console.c).
//
// A write is a call to the driver, which answers at once. A read waits
// for a line the user has not typed yet, and the server must not wait
// with it: the read is parked (park.h) and handed to a second thread of
// the server, the console reader, which calls the driver, waits there,
// and answers the parked request itself (ipc_replyto works from any
// thread of the task that saved the reply). The main thread signals the
// reader through a notification (FS_CONSN) and a ring of the parked
// entries: only the main thread adds to it (tail), only the reader takes
// from it (head), so it needs no lock.
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
static volatile uint head;          // the reader's: next to serve
static volatile uint tail;          // the main thread's: next free
static char readbuf[IPC_MAXLONG];   // the reader thread's buffer
static char stack[4096];            // the reader thread's stack

// The console reader thread: serve the parked reads, one at a time.
static void
reader(int arg)
{
  struct park *p;
  struct msg m;
  unsigned int bits;
  int r;

  for (;;) {
    ntfn_wait(FS_CONSN, &bits);
    while (head != tail) {
      p = ring[head % NPARK];
      m.info = IPC_INFO(CONS_READ, 0);
      m.w[0] = p->n;
      m.buf = (uint)readbuf;
      m.size = p->n;
      r = ipc_callretry(FS_CONS, &m);   // again if the driver is restarted
      if (r < 0)
        m.w[0] = r;
      m.info = IPC_INFO(REPLY_OK, (int)m.w[0] > 0 ? (int)m.w[0] : 0);
      m.buf = (uint)readbuf;
      head++;
      unpark(p, &m);
    }
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
  if (hasconsole && (ntfn_create(FS_CONSN) < 0 ||
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

// A console write: the count written.
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
