// port.c: the file-system core's home in the fs server — what
// kernel/include/unix/fsport.h asks of a home, in a user process of the
// microkernel.
//
//   the disk      diskrw is a call to the disk driver (proto.h, DISK
//                 section): a block travels as the long part of the
//                 request (a write) or of the reply (a read); a call
//                 the driver died with is sent again to its next
//                 instance (servers/lib/retry.c);
//   the caller    fs_cwd is the directory of the process whose request
//                 the server is serving (main.c: caller). The core never
//                 touches a caller's memory here: the server hands it
//                 the message's buffer, its own memory (user 0), so
//                 either_copy* with user 1 is refused;
//   locks         the server runs one request at a time on one thread,
//                 so no lock is ever contended and nothing ever waits.
//                 acquire/release still check the core's discipline (a
//                 lock taken twice, or released unheld, is a bug: panic),
//                 and a sleep() — which could only wait forever — is a
//                 panic too (log.c and bio.c sleep only when another
//                 request holds what they need, which cannot happen).
//   reporting     printf goes to the kernel's debugging console; panic
//                 prints and ends the server.

#include "types.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "file.h"
#include "fsport.h"
#include "mk.h"
#include "proto.h"
#include "fsserver.h"

int diskcalls;           // requests sent to the disk driver (FS_STATS)

void
diskrw(struct buf *b, int write)
{
  struct msg m;
  int r;

  m.info = IPC_INFO(write ? DISK_WRITE_BLOCK : DISK_READ_BLOCK, write ? BSIZE : 0);
  m.w[0] = b->blockno;
  m.buf = (uint)b->data;        // the block to write, and where a read's lands
  m.size = BSIZE;
  r = ipc_callretry(FS_DISK, &m);     // again if the driver is restarted under us
  diskcalls++;
  if (r < 0 || (int)m.w[0] < 0 || (!write && IPC_LEN(m.info) != BSIZE)) {
    printf("fs: disk %s of block %d failed (%d)\n", write ? "write" : "read", b->blockno,
           r < 0 ? r : (int)m.w[0]);
    panic("diskrw");
  }
}

struct inode *
fs_cwd(void)
{
  return caller->cwd;
}

int
either_copyout(int user_dst, uint dst, void *src, uint len)
{
  if (user_dst)
    return -1;                  // no caller memory here: data travels in messages
  memmove((char *)dst, src, len);
  return 0;
}

int
either_copyin(void *dst, int user_src, uint src, uint len)
{
  if (user_src)
    return -1;
  memmove(dst, (char *)src, len);
  return 0;
}

void
initlock(struct spinlock *lk, char *name)
{
  lk->name = name;
  lk->locked = 0;
  lk->cpu = 0;
}

void
acquire(struct spinlock *lk)
{
  if (lk->locked) {
    printf("lock '%s': ", lk->name);
    panic("acquire: already held");
  }
  lk->locked = 1;
}

void
release(struct spinlock *lk)
{
  if (!lk->locked) {
    printf("lock '%s': ", lk->name);
    panic("release: not held");
  }
  lk->locked = 0;
}

void
sleep(void *chan, struct spinlock *lk)
{
  printf("lock '%s': ", lk->name);
  panic("sleep: nothing can wake a one-thread server");
}

void
wakeup(void *chan)
{
  // Nobody ever sleeps (above).
}

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
  if (lk->locked) {
    printf("sleep-lock '%s': ", lk->name);
    panic("acquiresleep: already held");
  }
  lk->locked = 1;
  lk->tid = 1;
}

void
releasesleep(struct sleeplock *lk)
{
  if (!lk->locked) {
    printf("sleep-lock '%s': ", lk->name);
    panic("releasesleep: not held");
  }
  lk->locked = 0;
  lk->tid = 0;
}

int
holdingsleep(struct sleeplock *lk)
{
  return lk->locked;
}

void
panic(char *s)
{
  printf("fs: panic: %s\n", s);
  for (;;)
    thread_exit(1);
}
