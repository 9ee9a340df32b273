// sleeplock.c: locks that put the waiting process to sleep instead of
// spinning — for holds that last long (a buffer during disk I/O, an inode
// while its blocks are read). Only processes can take them.

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "thread.h"
#include "defs.h"

void
initsleeplock(struct sleeplock *lk, char *name)
{
  initlock(&lk->lk, "sleeplock");
  lk->name = name;
  lk->locked = 0;
  lk->tid = 0;
}

void
acquiresleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  while (lk->locked)
    sleep(lk, &lk->lk);
  lk->locked = 1;
  lk->tid = mythread()->tid;
  release(&lk->lk);
}

void
releasesleep(struct sleeplock *lk)
{
  acquire(&lk->lk);
  lk->locked = 0;
  lk->tid = 0;
  wakeup(lk);
  release(&lk->lk);
}

int
holdingsleep(struct sleeplock *lk)
{
  int r;

  acquire(&lk->lk);
  r = lk->locked && (lk->tid == mythread()->tid);
  release(&lk->lk);
  return r;
}
