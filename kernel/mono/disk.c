// disk.c: the driver for the machine's disk (docs/devices.md).
//
// The disk does one request at a time: we write the block number and the
// buffer's physical address, then the command; some cycles later the
// transfer is done and the disk raises its completion interrupt.
//
// Callers queue their buffers here. The request at the head of the queue
// is the one the disk is working on; diskintr() finishes it, wakes its
// owner and starts the next one. A caller sleeps until its buffer is
// done, so the core is free to run other processes meanwhile.

#include "types.h"
#include "monoparam.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "defs.h"
#include "mono.h"

static struct {
  struct spinlock lock;
  struct buf *head;     // the request in flight, then the waiting ones
  struct buf *tail;
  uint nblocks;         // capacity, for sanity checks
} disk;

void
diskinit(void)
{
  initlock(&disk.lock, "disk");
  disk.head = 0;
  disk.tail = 0;
  disk.nblocks = REG(DISK_BASE, DISK_NBLOCKS);
  REG(DISK_BASE, DISK_STATUS) = 0;       // forget anything left from before
  REG(DISK_BASE, DISK_IRQCORE) = 0;      // completions interrupt core 0
  REG(DISK_BASE, DISK_CTRL) = 1;         // completion interrupt on
  irq_register(T_DISK, diskintr);
}

// Tell the disk to start on b. Caller holds disk.lock.
static void
diskstart(struct buf *b)
{
  REG(DISK_BASE, DISK_BLOCK) = b->blockno;
  REG(DISK_BASE, DISK_ADDR) = (uint)b->data;   // kernel addresses are physical
  REG(DISK_BASE, DISK_CMD) = b->dwrite ? DISK_WRITE : DISK_READ;
}

// Read b->blockno into b->data (write == 0), or write b->data to it.
// The caller holds b->lock. Returns when the transfer is complete.
void
diskrw(struct buf *b, int write)
{
  if (b->blockno >= disk.nblocks) {
    printf("disk: block %d is past the end (%d blocks)\n", b->blockno, disk.nblocks);
    panic("diskrw");
  }

  acquire(&disk.lock);
  b->disk = 1;
  b->dwrite = write;
  b->qnext = 0;
  if (disk.head == 0) {
    disk.head = b;
    disk.tail = b;
    diskstart(b);               // the disk is idle: start at once
  } else {
    disk.tail->qnext = b;       // diskintr starts it when its turn comes
    disk.tail = b;
  }
  while (b->disk)
    sleep(b, &disk.lock);
  release(&disk.lock);
}

// The disk finished a request: acknowledge it, wake the process that
// waits for it, and start the next one.
void
diskintr(void)
{
  struct buf *b;
  uint status;

  acquire(&disk.lock);
  status = REG(DISK_BASE, DISK_STATUS);
  if (status != DISK_DONE && status != DISK_ERROR) {
    release(&disk.lock);        // nothing finished (spurious)
    return;
  }
  REG(DISK_BASE, DISK_STATUS) = 0;   // acknowledge: clears the interrupt

  b = disk.head;
  if (b == 0) {
    release(&disk.lock);
    return;
  }
  if (status == DISK_ERROR) {
    printf("disk: error on block %d\n", b->blockno);
    panic("diskintr");
  }

  disk.head = b->qnext;
  if (disk.head == 0)
    disk.tail = 0;
  else
    diskstart(disk.head);
  b->disk = 0;
  wakeup(b);
  release(&disk.lock);
}
