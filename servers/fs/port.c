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
//                 the running worker is serving (worker.c: running->caller). The core never
//                 touches a caller's memory here: the server hands it
//                 the message's buffer, its own memory (user 0), so
//                 either_copy* with user 1 is refused;
//   locks         the server's worker threads run the core one at a
//                 time, holding the server lock (worker.c), and let it
//                 go only to wait: in diskrw below, and in sleep() and
//                 the sleep-locks, which worker.c provides with wakeup.
//                 So a spinlock is never contended: acquire/release
//                 check the core's discipline (a lock taken twice, or
//                 released unheld, or taken without the server lock,
//                 is a bug: panic).
//   reporting     printf goes to the kernel's debugging console; panic
//                 prints and ends the server, every thread of it.

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
int diskwaits;           // workers waiting on the disk driver now (FS_STATS)

// A block to or from the disk: the worker lets the server lock go for
// the call (b stays its own: it holds b->lock), so other workers serve
// other clients while the disk works.
void
diskrw(struct buf *b, int write)
{
  struct worker *w = running;
  struct msg m;
  int r;

  m.info = IPC_INFO(write ? DISK_WRITE_BLOCK : DISK_READ_BLOCK, write ? BSIZE : 0);
  m.w[0] = b->blockno;
  m.buf = (uint)b->data;        // the block to write, and where a read's lands
  m.size = BSIZE;
  diskwaits++;
  serverunlock();
  r = ipc_callretry(FS_DISK, &m);     // again if the driver is restarted under us
  serverlock(w);
  diskwaits--;
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
  return running->caller->cwd;
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
  if (running == 0) {
    printf("lock '%s': ", lk->name);
    panic("acquire: not holding the server lock");
  }
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
panic(char *s)
{
  printf("fs: panic: %s\n", s);
  task_kill(-1);
  for (;;)
    thread_exit(1);
}
