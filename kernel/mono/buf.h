// buf.h: one block of the disk, cached in memory (kernel/mono/bio.c).
//
// A buffer is either free (refcnt 0, on the LRU list for reuse) or held
// by one or more users; only the holder of its sleep-lock may read or
// change data. `disk` is 1 while the disk driver owns the buffer.

#ifndef MINOS_BUF_H
#define MINOS_BUF_H

#include "types.h"
#include "sleeplock.h"
#include "fs.h"

struct buf {
  int valid;              // data holds the block's contents
  int disk;               // a disk request for it is in flight
  int dwrite;             // that request is a write (else a read)
  uint dev;
  uint blockno;
  struct sleeplock lock;
  uint refcnt;            // users of this buffer (bread without brelse)
  struct buf *prev;       // LRU list: most recently used first
  struct buf *next;
  struct buf *qnext;      // the disk driver's request queue
  uchar data[BSIZE];      // 4-byte aligned: the disk DMAs into it
};

#endif // MINOS_BUF_H
