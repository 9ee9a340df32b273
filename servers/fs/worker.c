// worker.c: the fs server's worker threads, and the core's waiting on
// them: sleep, wakeup and the sleep-locks (what
// kernel/include/unix/fsport.h asks of a home).
//
// NWORKER threads of the one server task receive on the fs endpoint,
// each in its own serve() loop with its own buffer (struct worker), so
// a client whose request waits on the disk does not stop another's.
// They share the core's tables (the buffer cache, the inodes, the log,
// the open files), so they take turns: a worker runs the core holding
// THE SERVER LOCK, and lets it go only where it would wait —
//   - a disk request (port.c, diskrw): it calls the disk driver without
//     the lock, and another worker serves the next client meanwhile;
//   - sleep(chan, lk), and a sleep-lock that another worker holds:
//     a buffer held across its disk transfer (bio.c), an inode whose
//     block is being read (fs.c), the log while it commits or is full
//     (log.c), no free buffer (bio.c).
// Between those points a worker runs alone, as xv6's kernel does on one
// core with interrupts off (MINIX 3's file server runs its worker
// threads the same way). So the core's spinlocks are never contended
// (port.c still checks them), and the state of a request — its client,
// its buffer — is the running worker's (running, set by whoever takes
// the lock).
//
// The server lock is a flag and a first-come queue of the workers
// waiting for it. Letting it go with a worker queued hands it over: the
// flag stays set and the first worker's own notification is signalled.
// A worker waits on its own notification and only for the lock, so no
// signal is taken by another, and none is lost (a notification keeps
// its bits until they are waited for). wakeup() does not run a sleeper:
// it puts it in that queue, where it gets the lock in turn (a monitor's
// condition variable moves its waiters to the entry queue the same way).
// A guard word taken with swap changes the flag and the queue
// atomically, for a few instructions (threads of one task may run on
// several cores at once; on one core, a thread that finds the guard
// taken by a preempted one spins until the timer switches). console.c's
// reader thread takes the lock too (workers[NWORKER]), to answer the
// reads it waited for.
//
// Invariant: held == 1 exactly while one worker runs the core (running)
// or the lock is being handed to the first of the queue; a worker is in
// the queue, asleep (chan != 0), or neither — never both.

#include "types.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "machine.h"
#include "fsport.h"
#include "mk.h"
#include "proto.h"
#include "fsserver.h"

#define STACKSIZE 8192            // a worker's stack (worker 0 runs on main's)

// The small state first, on one page with the workers' entries: a
// request touches these, and a page less is a TLB entry less.
struct worker *running;                  // the worker holding the server lock
static volatile uint guard;              // 1 while the flag and the queue change
static int held;                         // the server lock is taken
static struct worker *first;             // the queue for it, oldest first
static struct worker *last;
static int nasleep;                      // workers with chan set
struct worker workers[NWORKER + 1];      // the last: console.c's reader thread
static char iobufs[NWORKER][IPC_MAXLONG];
static char stacks[NWORKER - 1][STACKSIZE];

static void
spin(void)
{
  while (xchg(&guard, 1) != 0)
    ;
}

static void
unspin(void)
{
  xchg(&guard, 0);
}

// Put w at the end of the queue. The guard is held.
static void
enqueue(struct worker *w)
{
  w->next = 0;
  if (last)
    last->next = w;
  else
    first = w;
  last = w;
}

// Wait until a worker hands us the lock (serverunlock signals our
// notification); then we run.
static void
awaitturn(struct worker *w)
{
  uint bits;

  if (ntfn_wait(w->wake, &bits) < 0)
    panic("awaitturn: no notification");
  running = w;
}

// Take the server lock for w: at once if it is free, else in turn.
void
serverlock(struct worker *w)
{
  spin();
  if (!held) {
    held = 1;
    unspin();
    running = w;
    return;
  }
  enqueue(w);
  unspin();
  awaitturn(w);
}

// Let the server lock go: to the first worker queued, or free.
void
serverunlock(void)
{
  struct worker *w;

  running = 0;
  spin();
  if ((w = first) == 0) {
    held = 0;
    unspin();
    return;
  }
  first = w->next;
  if (first == 0)
    last = 0;
  unspin();
  ntfn_signal(w->wake);
}

// Give up the server lock until wakeup(chan), then have it again.
static void
waitfor(void *chan)
{
  struct worker *w = running;

  w->chan = chan;
  nasleep++;
  serverunlock();               // we are in no queue until wakeup puts us there
  awaitturn(w);
}

// Every worker asleep on chan queues for the server lock. The caller
// holds it.
void
wakeup(void *chan)
{
  struct worker *w;

  for (w = workers; w <= workers + NWORKER && nasleep > 0; w++) {
    if (w->chan == chan) {
      w->chan = 0;
      nasleep--;
      spin();
      enqueue(w);
      unspin();
    }
  }
}

// The core's sleep: give up lk and the server lock until wakeup(chan),
// then take both again (the server lock first: lk is free by then, as
// no spinlock is held across a wait, fsport.h).
void
sleep(void *chan, struct spinlock *lk)
{
  release(lk);
  waitfor(chan);
  acquire(lk);
}

// The sleep-locks. Only the holder of the server lock looks at one, so
// a sleep-lock needs no spinlock of its own (core's sleeplock.c, mono's,
// takes lk->lk; here it only names the lock): its holder is a worker,
// by tid.
void
initsleeplock(struct sleeplock *lk, char *name)
{
  initlock(&lk->lk, name);
  lk->name = name;
  lk->locked = 0;
  lk->tid = 0;
}

void
acquiresleep(struct sleeplock *lk)
{
  while (lk->locked)
    waitfor(lk);
  lk->locked = 1;
  lk->tid = running->tid;
}

void
releasesleep(struct sleeplock *lk)
{
  if (!holdingsleep(lk)) {
    printf("sleep-lock '%s': ", lk->name);
    panic("releasesleep: not held");
  }
  lk->locked = 0;
  lk->tid = 0;
  wakeup(lk);
}

int
holdingsleep(struct sleeplock *lk)
{
  return lk->locked && lk->tid == running->tid;
}

// The worker whose stack we run on (a worker knows itself by its stack,
// as early Linux found the current process from its kernel stack
// pointer): worker i >= 1 on stacks[i - 1], worker 0 on main's stack.
struct worker *
self(void)
{
  char here;
  uint off = (uint)&here - (uint)stacks;

  if (off < sizeof(stacks))
    return &workers[1 + off / STACKSIZE];
  return &workers[0];
}

// A notification in slot whose signals leave a bit: a badged copy of a
// new one (an unbadged capability signals no bits, and a signal sent
// before its wait would be lost). tmp: a free slot, free again after.
int
ntfn_badged(int slot, int tmp)
{
  int r;

  if ((r = ntfn_create(tmp)) < 0)
    return r;
  r = cap_mint(tmp, -1, slot, 1, RIGHTS_ALL);
  cap_delete(tmp);
  return r;
}

// Every worker's notification (slots FS_WAKE on; FS_PARK, not parked
// on yet, lends its slot), before any thread but main runs.
int
workersinit(void)
{
  int i;

  for (i = 0; i <= NWORKER; i++) {
    workers[i].tid = i + 1;
    workers[i].io = i < NWORKER ? iobufs[i] : 0;
    workers[i].wake = FS_WAKE + i;
    if (ntfn_badged(workers[i].wake, FS_PARK) < 0)
      return -1;
  }
  return 0;
}

static int (*handler)(struct msg *m);

static void
workerloop(int i)
{
  serve(FS_EP, workers[i].io, IPC_MAXLONG, handler);
}

// Start workers 1 .. NWORKER-1 on their stacks, then serve as worker 0:
// every one receives on the fs endpoint and calls handle (which takes
// the server lock). Does not return.
void
workersrun(int (*handle)(struct msg *m))
{
  int i;

  handler = handle;
  for (i = 1; i < NWORKER; i++)
    if (thread_create(workerloop, (void *)((uint)(stacks[i - 1] + STACKSIZE) & ~7u), i) < 0)
      printf("fs: worker %d not started\n", i);
  workerloop(0);
}
