// bio.c: the buffer cache — a fixed set of NBUF block buffers.
//
// It does two jobs. It keeps recently used blocks in memory, so reading
// the same block again costs no disk access. And it makes sure that at
// most one copy of each block exists and that only one process at a time
// uses it: bread() returns the buffer locked, brelse() unlocks it.
//
// Buffers sit on a doubly linked list in least-recently-used order:
// brelse() moves a buffer that nobody holds any more to the front, and a
// new block takes the unheld buffer closest to the back.
//
// Interface:
//   b = bread(dev, blockno)   the block's buffer, locked, with its data
//   bwrite(b)                 write b's data to disk (b must be locked)
//   brelse(b)                 done with b; do not use it after this
//   bpin(b) / bunpin(b)       keep b in the cache (the log does this)
//
// When every buffer is held or pinned, bget() sleeps until brelse() or
// bunpin() frees one; it never fails. That wait always ends because:
//   - only the log pins, one buffer per logged block: at most LOGSIZE;
//   - a process waiting in bget() holds at most one other buffer, and
//     only inside a transaction (bmap holds the indirect block while
//     balloc reads the bitmap) — at most LOGSIZE / MAXOPBLOCKS of them;
//     readers call bread() holding no buffer;
//   - NBUF >= LOGSIZE + MAXOPBLOCKS (monoparam.h), so more buffers than
//     that are neither pinned nor held by a waiter: their holders release
//     them without waiting for a buffer.

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "fsport.h"     // everything it uses from its home (mono, servers/fs)

static struct {
  struct spinlock lock;   // protects the list, refcnt, dev and blockno
  struct buf buf[NBUF];
  struct buf head;        // list sentinel: head.next is the most recent
  int waiting;            // processes asleep in bget for a free buffer
} bcache;

uint bgetwaits;           // times bget waited for a free buffer, since boot
                          // (for the debugger and tests/kernel/test_fs_bcache.py)

void
binit(void)
{
  struct buf *b;

  initlock(&bcache.lock, "bcache");
  bcache.head.prev = &bcache.head;
  bcache.head.next = &bcache.head;
  for (b = bcache.buf; b < bcache.buf + NBUF; b++) {
    initsleeplock(&b->lock, "buffer");
    b->next = bcache.head.next;
    b->prev = &bcache.head;
    bcache.head.next->prev = b;
    bcache.head.next = b;
  }
}

// Find the buffer for (dev, blockno), or take over the least recently
// used free one, waiting for one if none is free. Either way, return it
// locked.
static struct buf *
bget(uint dev, uint blockno)
{
  struct buf *b;

  acquire(&bcache.lock);
  for (;;) {
    // Already cached?
    for (b = bcache.head.next; b != &bcache.head; b = b->next) {
      if (b->dev == dev && b->blockno == blockno) {
        b->refcnt++;
        release(&bcache.lock);
        acquiresleep(&b->lock);
        return b;
      }
    }

    // No: recycle the least recently used buffer nobody holds.
    for (b = bcache.head.prev; b != &bcache.head; b = b->prev) {
      if (b->refcnt == 0) {
        b->dev = dev;
        b->blockno = blockno;
        b->valid = 0;
        b->refcnt = 1;
        release(&bcache.lock);
        acquiresleep(&b->lock);
        return b;
      }
    }

    // Every buffer is held or pinned: wait until one is freed (the
    // header says why that happens), then look again from the start —
    // another process may have read our block meanwhile.
    bcache.waiting++;
    bgetwaits++;
    sleep(&bcache, &bcache.lock);
    bcache.waiting--;
  }
}

// b's last reference went away (caller holds bcache.lock): wake the
// processes waiting in bget for a free buffer.
static void
bfreed(struct buf *b)
{
  if (b->refcnt == 0 && bcache.waiting > 0)
    wakeup(&bcache);
}

// The buffer of a block, locked, holding the block's contents.
struct buf *
bread(uint dev, uint blockno)
{
  struct buf *b;

  b = bget(dev, blockno);
  if (!b->valid) {
    diskrw(b, 0);
    b->valid = 1;
  }
  return b;
}

// Write b's contents to disk. The caller must hold b's lock.
void
bwrite(struct buf *b)
{
  if (!holdingsleep(&b->lock))
    panic("bwrite: buffer not locked");
  diskrw(b, 1);
}

// Give b back. When nobody holds it any more it becomes the most
// recently used buffer, the last one to be recycled.
void
brelse(struct buf *b)
{
  if (!holdingsleep(&b->lock))
    panic("brelse: buffer not locked");
  releasesleep(&b->lock);

  acquire(&bcache.lock);
  b->refcnt--;
  if (b->refcnt == 0) {
    // unlink, then insert at the front
    b->next->prev = b->prev;
    b->prev->next = b->next;
    b->next = bcache.head.next;
    b->prev = &bcache.head;
    bcache.head.next->prev = b;
    bcache.head.next = b;
  }
  bfreed(b);
  release(&bcache.lock);
}

// Keep b cached even when nobody holds it: the log pins the blocks of a
// transaction until they are installed.
void
bpin(struct buf *b)
{
  acquire(&bcache.lock);
  b->refcnt++;
  release(&bcache.lock);
}

void
bunpin(struct buf *b)
{
  acquire(&bcache.lock);
  b->refcnt--;
  bfreed(b);
  release(&bcache.lock);
}
