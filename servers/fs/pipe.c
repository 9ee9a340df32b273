// pipe.c: the fs server's pipes, and its parked requests (park.h).
//
// A pipe is mono's (kernel/mono/pipe.c): a PIPESIZE-byte ring between
// counters nread and nwrite that only grow; nwrite - nread bytes wait.
// What differs is waiting. Mono's reader sleeps in the kernel; here a
// request that cannot go on — a read of an empty pipe whose writers are
// open, a write to a full pipe whose reader is open — is parked (park.h)
// and the server serves the next client. Whenever a pipe changes (bytes
// in, bytes out, an end closed) kick() answers the parked requests that
// can now go on, oldest first, so bytes keep their order.
//
// Results are mono's: a read returns what is there (at most n), 0 at
// end of file; a write returns n, or the bytes written before the
// reader went away (-EPIPE if none).

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

#define PIPESIZE 2048
#define NPIPE    32

struct pipe {
  int used;
  uint nread;             // bytes read so far
  uint nwrite;            // bytes written so far
  int readopen;           // the read end is open
  int writeopen;          // the write end is open
  int nwaiting;           // park[] entries waiting on this pipe
  char data[PIPESIZE];    // byte k lives at data[k % PIPESIZE]
};

static struct pipe pipes[NPIPE];
struct park park[NPARK];
static uint parkseq;
static char out[IPC_MAXLONG];   // the reply to a parked read (sent at once, under the server lock)

// ---------------------------------------------------------------- parking

struct park *
parkcaller(int kind)
{
  struct park *p;

  for (p = park; p < park + NPARK; p++) {
    if (p->kind == 0) {
      if (reply_save(FS_PARK + (p - park)) < 0)
        return 0;
      p->kind = kind;
      p->seq = parkseq++;
      p->pid = running->caller->pid;
      p->done = 0;
      return p;
    }
  }
  return 0;
}

// The entry is free again (and its pipe has one parked request less).
static void
parkfree(struct park *p)
{
  if (p->kind == PARK_READ || p->kind == PARK_WRITE)
    p->pipe->nwaiting--;
  p->kind = 0;
}

void
unpark(struct park *p, struct msg *reply)
{
  ipc_replyto(FS_PARK + (p - park), reply);   // -ESRCH if the caller is gone: fine
  parkfree(p);
}

// Forget the parked requests of a process that ended (FS_PROCEXIT).
void
unparkpid(uint pid)
{
  struct park *p;

  for (p = park; p < park + NPARK; p++) {
    if (p->kind != 0 && p->pid == pid) {
      cap_delete(FS_PARK + (p - park));
      parkfree(p);
    }
  }
}

// How many requests are parked (FS_STATS: a test waits for one).
int
nparked(void)
{
  struct park *p;
  int n = 0;

  for (p = park; p < park + NPARK; p++)
    n += p->kind != 0;
  return n;
}

// The oldest parked request of a kind on pipe pi, or 0. Entries are
// taken from the front of park[] and pi counts its own (nwaiting), so
// the search stops once it has seen them all.
static struct park *
oldest(struct pipe *pi, int kind)
{
  struct park *p;
  struct park *best = 0;
  int left = pi->nwaiting;      // pi's entries not seen yet

  for (p = park; p < park + NPARK && left > 0; p++) {
    if ((p->kind == PARK_READ || p->kind == PARK_WRITE) && p->pipe == pi) {
      left--;
      if (p->kind == kind && (best == 0 || p->seq - best->seq > 0x80000000u))
        best = p;
    }
  }
  return best;
}

// Park the request being served on pi (parkcaller keeps its reply):
// the entry, or 0 when every reply slot holds a parked request.
static struct park *
parkon(struct pipe *pi, int kind)
{
  struct park *p = parkcaller(kind);

  if (p != 0) {
    p->pipe = pi;
    pi->nwaiting++;
  }
  return p;
}

// ---------------------------------------------------------------- the ring

// Move up to n bytes out of pi into buf; the count. The bytes waiting
// may wrap around the end of data: then two pieces.
static int
take(struct pipe *pi, char *buf, int n)
{
  int i;
  int k;

  if (n > pi->nwrite - pi->nread)
    n = pi->nwrite - pi->nread;
  for (i = 0; i < n; i += k) {
    k = PIPESIZE - pi->nread % PIPESIZE;      // to the end of data
    if (k > n - i)
      k = n - i;
    memmove(buf + i, pi->data + pi->nread % PIPESIZE, k);
    pi->nread += k;
  }
  return n;
}

// Move up to n bytes of buf into pi; the count (as much as there is
// room for, in at most two pieces).
static int
put(struct pipe *pi, char *buf, int n)
{
  int i;
  int k;

  if (n > pi->nread + PIPESIZE - pi->nwrite)
    n = pi->nread + PIPESIZE - pi->nwrite;
  for (i = 0; i < n; i += k) {
    k = PIPESIZE - pi->nwrite % PIPESIZE;
    if (k > n - i)
      k = n - i;
    memmove(pi->data + pi->nwrite % PIPESIZE, buf + i, k);
    pi->nwrite += k;
  }
  return n;
}

// Answer the parked requests on pi that can go on now: the oldest
// parked write puts what fits of its bytes in and is answered once all
// are in (or the reader is gone: the count it wrote, -EPIPE if none);
// the oldest parked read is answered as soon as there are bytes (or no
// writer is left: 0, end of file). Repeat while something moved.
static void
kick(struct pipe *pi)
{
  /* BEGIN SOLUTION ipc */
  struct park *p;
  struct msg r;
  int k;
  int progress;

  do {
    progress = 0;
    if ((p = oldest(pi, PARK_WRITE)) != 0) {
      k = pi->readopen ? put(pi, p->data + p->done, p->n - p->done) : 0;
      p->done += k;
      if (p->done == p->n || !pi->readopen) {
        r.info = IPC_INFO(REPLY_OK, 0);
        r.w[0] = p->base + p->done > 0 ? p->base + p->done : -EPIPE;
        unpark(p, &r);
        progress = 1;
      } else if (k > 0) {
        progress = 1;
      }
    }
    if ((p = oldest(pi, PARK_READ)) != 0) {
      k = take(pi, out, p->n);
      if (k > 0 || !pi->writeopen) {
        r.info = IPC_INFO(REPLY_OK, k);
        r.w[0] = k;
        r.buf = (uint)out;
        unpark(p, &r);
        progress = 1;
      }
    }
  } while (progress);
  /* END SOLUTION ipc */
  /* STUB ipc
  // Lab ipc (labs/ipc/README.md): answer the parked requests of pi
  // that can go on, oldest first: oldest(), put(), take(), unpark().
  */
}

// ---------------------------------------------------------------- pipes

// A pipe and its two open files: *f0 reads, *f1 writes. 0, or -ENFILE.
int
pipealloc(struct file **f0, struct file **f1)
{
  struct pipe *pi;

  for (pi = pipes; pi < pipes + NPIPE && pi->used; pi++)
    ;
  if (pi == pipes + NPIPE)
    return -ENFILE;
  if ((*f0 = filealloc()) == 0)
    return -ENFILE;
  if ((*f1 = filealloc()) == 0) {
    fileclose(*f0);
    return -ENFILE;
  }
  pi->used = 1;
  pi->nread = 0;
  pi->nwrite = 0;
  pi->readopen = 1;
  pi->writeopen = 1;
  pi->nwaiting = 0;
  (*f0)->type = FD_PIPE;
  (*f0)->readable = 1;
  (*f0)->pipe = pi;
  (*f1)->type = FD_PIPE;
  (*f1)->writable = 1;
  (*f1)->pipe = pi;
  return 0;
}

// One end closed: the parked requests of the other end learn it; the
// pipe is free once both ends are.
void
pipeclose(struct pipe *pi, int writable)
{
  if (writable)
    pi->writeopen = 0;
  else
    pi->readopen = 0;
  kick(pi);
  if (!pi->readopen && !pi->writeopen)
    pi->used = 0;
}

// Read up to n bytes into buf (the reply's long part): the count, or
// PARKED when the caller must wait (its reply will come from kick).
int
piperead(struct file *f, char *buf, int n, struct msg *m)
{
  /* BEGIN SOLUTION ipc */
  struct pipe *pi = f->pipe;
  struct park *p;
  int k;

  kick(pi);                     // a parked writer's bytes into the ring first
  if (oldest(pi, PARK_READ) == 0 && (pi->nread != pi->nwrite || !pi->writeopen)) {
    k = take(pi, buf, n);
    kick(pi);                   // room for a parked writer
    return k;
  }
  if ((p = parkon(pi, PARK_READ)) == 0)
    return -EAGAIN;             // every reply slot holds a parked request
  p->n = n;
  return PARKED;
  /* END SOLUTION ipc */
  /* STUB ipc
  // Lab ipc (labs/ipc/README.md): take what the pipe holds, or park
  // the request (parkon) and return PARKED: kick() answers it later.
  return -ENOSYS;
  */
}

// Write the n bytes of buf: n (or -EPIPE), or PARKED when they do not
// all fit now (the rest waits in the parked entry).
int
pipewrite(struct file *f, char *buf, int n, struct msg *m)
{
  /* BEGIN SOLUTION ipc */
  struct pipe *pi = f->pipe;
  struct park *p;
  int k = 0;

  if (!pi->readopen)
    return -EPIPE;
  if (oldest(pi, PARK_WRITE) == 0)
    k = put(pi, buf, n);
  kick(pi);                     // bytes for a parked reader
  if (k == n)
    return n;
  if ((p = parkon(pi, PARK_WRITE)) == 0)
    return k > 0 ? k : -EAGAIN;
  memmove(p->data, buf + k, n - k);
  p->n = n - k;
  p->done = 0;
  p->base = k;
  return PARKED;
  /* END SOLUTION ipc */
  /* STUB ipc
  // Lab ipc (labs/ipc/README.md): put what fits, and park the rest of
  // the request (parkon; its bytes in p->data) until kick() moves it.
  return -ENOSYS;
  */
}
