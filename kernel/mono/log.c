// log.c: the write-ahead log, which makes file-system updates atomic.
//
// A system call that changes the file system brackets its changes with
// begin_op() and end_op(). Inside, instead of bwrite(), it calls
// log_write(b): the block stays in the buffer cache (pinned) and is
// remembered in the log header. When the last operation of a group ends,
// the group commits:
//
//   1. write_log()     copy every changed block into the log area;
//   2. write_head()    write the header with n = number of blocks.
//                      This single block write is the commit point;
//   3. install_trans() copy the logged blocks to their home locations;
//   4. write_head()    with n = 0: the log is empty again.
//
// After a crash, recover_from_log() (at boot) repeats step 3 if the header
// says n > 0 — so a transaction is either wholly on disk or not at all.
//
// Several processes may be inside operations at once (group commit). An
// operation's end_op() returns only after the group it belongs to has
// committed, so a system call that returned to its caller survives a
// crash. begin_op() waits if the log might not have room for one more
// operation's worst case (MAXOPBLOCKS blocks).
//
// On-disk format (fs.h): block logstart holds struct logheader, the next
// LOGSIZE blocks hold copies of the logged blocks.

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "fsport.h"     // everything it uses from its home (mono, servers/fs)

static struct {
  struct spinlock lock;
  int start;            // block number of the log header
  int size;             // log blocks, header included
  int outstanding;      // operations between begin_op and end_op
  int committing;       // a commit is in progress: new operations wait
  uint generation;      // number of groups committed so far
  int dev;
  struct logheader lh;  // the header of the group being built
} log;

static void recover_from_log(void);
static void commit(void);

void
initlog(int dev, struct superblock *sb)
{
  if (sizeof(struct logheader) >= BSIZE)
    panic("initlog: log header too big");

  initlock(&log.lock, "log");
  log.start = sb->logstart;
  log.size = sb->nlog;
  log.dev = dev;
  log.outstanding = 0;
  log.committing = 0;
  log.generation = 0;
  recover_from_log();
}

// Copy the blocks of a committed group from the log to their homes.
static void
install_trans(int recovering)
{
  int i;
  struct buf *from;
  struct buf *to;

  for (i = 0; i < log.lh.n; i++) {
    from = bread(log.dev, log.start + 1 + i);
    to = bread(log.dev, log.lh.block[i]);
    memmove(to->data, from->data, BSIZE);
    bwrite(to);
    if (!recovering)
      bunpin(to);       // log_write pinned it
    brelse(from);
    brelse(to);
  }
}

// Read the on-disk header into log.lh.
static void
read_head(void)
{
  struct buf *b;
  struct logheader *lh;
  int i;

  b = bread(log.dev, log.start);
  lh = (struct logheader *)b->data;
  log.lh.n = lh->n;
  if (log.lh.n > LOGSIZE)
    panic("log: bad header on disk");
  for (i = 0; i < log.lh.n; i++)
    log.lh.block[i] = lh->block[i];
  brelse(b);
}

// Write log.lh to the header block. With n > 0 this commits the group.
static void
write_head(void)
{
  struct buf *b;
  struct logheader *hb;
  int i;

  b = bread(log.dev, log.start);
  hb = (struct logheader *)b->data;
  hb->n = log.lh.n;
  for (i = 0; i < log.lh.n; i++)
    hb->block[i] = log.lh.block[i];
  bwrite(b);
  brelse(b);
}

static void
recover_from_log(void)
{
  read_head();
  install_trans(1);     // a committed group that was not installed yet
  log.lh.n = 0;
  write_head();         // the log is empty
}

// Start a file-system operation.
void
begin_op(void)
{
  acquire(&log.lock);
  for (;;) {
    if (log.committing) {
      sleep(&log, &log.lock);
    } else if (log.lh.n + (log.outstanding + 1) * MAXOPBLOCKS > LOGSIZE) {
      sleep(&log, &log.lock);     // might not fit: wait for the next commit
    } else {
      log.outstanding++;
      release(&log.lock);
      return;
    }
  }
}

// End a file-system operation; commit if it was the last one of its
// group. Returns once the operation's changes are safely on disk.
void
end_op(void)
{
  uint mygroup;
  int do_commit = 0;

  acquire(&log.lock);
  if (log.committing)
    panic("end_op: commit in progress");
  mygroup = log.generation;
  log.outstanding--;
  if (log.outstanding == 0) {
    do_commit = 1;
    log.committing = 1;
  } else {
    // Room was reserved for this operation; now that it is done,
    // begin_op() may be able to admit another one.
    wakeup(&log);
    // The group commits when its last operation ends.
    while (log.generation == mygroup)
      sleep(&log, &log.lock);
  }
  release(&log.lock);

  if (do_commit) {
    // Commit without holding the lock: it sleeps on the disk.
    commit();
    acquire(&log.lock);
    log.committing = 0;
    log.generation++;
    wakeup(&log);
    release(&log.lock);
  }
}

// Copy the group's blocks from the buffer cache to the log area.
static void
write_log(void)
{
  int i;
  struct buf *to;
  struct buf *from;

  for (i = 0; i < log.lh.n; i++) {
    to = bread(log.dev, log.start + 1 + i);
    from = bread(log.dev, log.lh.block[i]);
    memmove(to->data, from->data, BSIZE);
    bwrite(to);
    brelse(from);
    brelse(to);
  }
}

static void
commit(void)
{
  if (log.lh.n > 0) {
    write_log();        // 1. the changed blocks into the log
    write_head();       // 2. the commit point
    install_trans(0);   // 3. the blocks to their homes
    log.lh.n = 0;
    write_head();       // 4. the log is empty again
  }
}

// Use instead of bwrite() inside an operation: records that b changed.
// The block goes to disk at commit; until then it stays pinned in the
// cache. Writing the same block twice in a group logs it once.
void
log_write(struct buf *b)
{
  int i;

  acquire(&log.lock);
  if (log.lh.n >= LOGSIZE || log.lh.n >= log.size - 1)
    panic("log_write: transaction too big");
  if (log.outstanding < 1)
    panic("log_write: outside begin_op/end_op");

  for (i = 0; i < log.lh.n; i++) {
    if (log.lh.block[i] == b->blockno)
      break;
  }
  if (i == log.lh.n) {
    log.lh.block[i] = b->blockno;
    log.lh.n++;
    bpin(b);
  }
  release(&log.lock);
}
