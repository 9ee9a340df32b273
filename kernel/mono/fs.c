// fs.c: the file system — blocks, inodes, directories and path names.
//
// Layers, bottom up (each uses only the ones below it):
//   blocks:       balloc/bfree hand out data blocks using the bitmap;
//   inodes:       ialloc/iget/ilock/iput, and readi/writei for contents;
//   directories:  a directory is an inode holding struct dirent records;
//   path names:   namei("/a/b") walks directories from / or the cwd.
// Every change goes through the log (log_write), so the callers wrap
// changes in begin_op()/end_op(). The on-disk format is fs.h
// (docs/fs.md); the host tools lang/fs/ read and write the same format.
// It uses nothing of the kernel but fsport.h, so the microkernel's
// file-system server compiles the same file (docs/micro.md).

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "buf.h"
#include "file.h"
#include "stat.h"
#include "errnum.h"
#include "fsport.h"     // everything it uses from its home (mono, servers/fs)

#define min(a, b) ((a) < (b) ? (a) : (b))

// The superblock of the (single) file-system disk.
struct superblock sb;

static void
readsb(int dev, struct superblock *out)
{
  struct buf *b;

  b = bread(dev, 1);
  memmove(out, b->data, sizeof(*out));
  brelse(b);
}

static void reclaimorphans(int dev);

// Read the superblock, recover from the log, and reclaim orphaned
// inodes. It reads the disk, so it runs in the first process (not in
// main, where nothing can sleep).
void
fsinit(int dev)
{
  readsb(dev, &sb);
  if (sb.magic != FSMAGIC)
    panic("fsinit: not a minos file system (bad magic)");
  initlog(dev, &sb);
  reclaimorphans(dev);
}

// ---------------------------------------------------------------- blocks

// Fill a block with zeros (through the log).
static void
bzero(int dev, uint bno)
{
  struct buf *b;

  b = bread(dev, bno);
  memset(b->data, 0, BSIZE);
  log_write(b);
  brelse(b);
}

// Allocate a zeroed data block; return its number, or 0 if the disk is full.
static uint
balloc(uint dev)
{
  uint base;
  uint bi;
  uint m;
  struct buf *bp;

  for (base = 0; base < sb.size; base += BPB) {
    bp = bread(dev, BBLOCK(base, sb));
    for (bi = 0; bi < BPB && base + bi < sb.size; bi++) {
      m = 1 << (bi % 8);
      if ((bp->data[bi / 8] & m) == 0) {
        bp->data[bi / 8] |= m;      // mark it in use
        log_write(bp);
        brelse(bp);
        bzero(dev, base + bi);
        return base + bi;
      }
    }
    brelse(bp);
  }
  printf("balloc: out of blocks\n");
  return 0;
}

// Mark block b free in the bitmap.
static void
bfree(int dev, uint b)
{
  struct buf *bp;
  uint bi;
  uint m;

  bp = bread(dev, BBLOCK(b, sb));
  bi = b % BPB;
  m = 1 << (bi % 8);
  if ((bp->data[bi / 8] & m) == 0)
    panic("bfree: block already free");
  bp->data[bi / 8] &= ~m;
  log_write(bp);
  brelse(bp);
}

// ---------------------------------------------------------------- inodes
//
// An inode describes one file or directory. On disk, struct dinode; in
// memory, struct inode (file.h), which adds a reference count and a
// sleep-lock. The table itable holds the inodes that some C code uses.
//
//   iget()    finds or makes the table entry (ref++); no disk access,
//             the entry may not be valid yet; 0 if the table is full;
//   ilock()   locks it and reads it from disk if needed;
//   iunlock() unlocks; iput() drops the reference — and when the last
//             reference to an inode with no links goes, frees the inode
//             and its blocks (so iput needs a transaction around it).
//
// Typical use:  ip = namei(path); ilock(ip); ...use ip...; iunlockput(ip);
// The split between iget and ilock lets path lookup hold a reference to
// a directory without keeping it locked.
//
// The table is a fixed resource that user programs can fill (NINODE is
// smaller than NFILE): a full table fails the system call with -ENFILE,
// never a panic. So every function that can need a new entry (iget,
// ialloc, dirlookup, namei) reports the failure to its caller.

static struct {
  struct spinlock lock;     // protects ref, dev and inum of the entries
  struct inode inode[NINODE];
} itable;

void
iinit(void)
{
  int i;

  initlock(&itable.lock, "itable");
  for (i = 0; i < NINODE; i++)
    initsleeplock(&itable.inode[i].lock, "inode");
}

// The dinode of inode inum inside its (locked) block buffer.
static struct dinode *
dinode_in(struct buf *bp, uint inum)
{
  return (struct dinode *)bp->data + inum % IPB;
}

// Allocate a free inode of the given type on dev. Returns it
// referenced but unlocked, or 0 with *err set: -ENOSPC if every inode
// on disk is in use, -ENFILE if the in-memory table is full. The table
// entry is taken before the disk inode is claimed, so a failure leaves
// nothing allocated.
struct inode *
ialloc(uint dev, int type, int *err)
{
  uint inum;
  struct buf *bp;
  struct dinode *dip;
  struct inode *ip;

  for (inum = 1; inum < sb.ninodes; inum++) {
    bp = bread(dev, IBLOCK(inum, sb));
    dip = dinode_in(bp, inum);
    if (dip->type == 0) {
      if ((ip = iget(dev, inum)) == 0) {
        brelse(bp);
        *err = -ENFILE;
        return 0;
      }
      memset(dip, 0, sizeof(*dip));
      dip->type = type;         // claimed: on disk at commit
      log_write(bp);
      brelse(bp);
      return ip;
    }
    brelse(bp);
  }
  printf("ialloc: out of inodes\n");
  *err = -ENOSPC;
  return 0;
}

// Copy a changed in-memory inode to disk (through the log).
// Call after every change to a field that lives on disk; hold ip->lock.
void
iupdate(struct inode *ip)
{
  struct buf *bp;
  struct dinode *dip;

  bp = bread(ip->dev, IBLOCK(ip->inum, sb));
  dip = dinode_in(bp, ip->inum);
  dip->type = ip->type;
  dip->major = ip->major;
  dip->minor = ip->minor;
  dip->nlink = ip->nlink;
  dip->size = ip->size;
  memmove(dip->addrs, ip->addrs, sizeof(ip->addrs));
  log_write(bp);
  brelse(bp);
}

// The in-memory entry for inode inum on dev, with one more reference,
// or 0 if the table is full (the caller's system call fails with
// -ENFILE). Does not lock it or read it from disk.
struct inode *
iget(uint dev, uint inum)
{
  struct inode *ip;
  struct inode *empty = 0;

  acquire(&itable.lock);
  for (ip = itable.inode; ip < itable.inode + NINODE; ip++) {
    if (ip->ref > 0 && ip->dev == dev && ip->inum == inum) {
      ip->ref++;
      release(&itable.lock);
      return ip;
    }
    if (empty == 0 && ip->ref == 0)
      empty = ip;
  }
  if (empty == 0) {
    release(&itable.lock);
    return 0;                   // every entry is in use
  }

  ip = empty;
  ip->dev = dev;
  ip->inum = inum;
  ip->ref = 1;
  ip->valid = 0;
  release(&itable.lock);
  return ip;
}

// One more reference to ip (ip = idup(ip1) style).
struct inode *
idup(struct inode *ip)
{
  acquire(&itable.lock);
  ip->ref++;
  release(&itable.lock);
  return ip;
}

// Lock ip, reading it from disk the first time.
void
ilock(struct inode *ip)
{
  struct buf *bp;
  struct dinode *dip;

  if (ip == 0 || ip->ref < 1)
    panic("ilock: no such inode");

  acquiresleep(&ip->lock);
  if (!ip->valid) {
    bp = bread(ip->dev, IBLOCK(ip->inum, sb));
    dip = dinode_in(bp, ip->inum);
    ip->type = dip->type;
    ip->major = dip->major;
    ip->minor = dip->minor;
    ip->nlink = dip->nlink;
    ip->size = dip->size;
    memmove(ip->addrs, dip->addrs, sizeof(ip->addrs));
    brelse(bp);
    ip->valid = 1;
    if (ip->type == 0)
      panic("ilock: inode is free on disk");
  }
}

void
iunlock(struct inode *ip)
{
  if (ip == 0 || !holdingsleep(&ip->lock) || ip->ref < 1)
    panic("iunlock: not locked");
  releasesleep(&ip->lock);
}

// Drop a reference. If it was the last one and no directory entry names
// the inode any more, free the inode and its contents on disk.
// Must be inside a transaction (begin_op) for that case.
void
iput(struct inode *ip)
{
  acquire(&itable.lock);
  if (ip->ref == 1 && ip->valid && ip->nlink == 0) {
    // Ours is the only reference and no directory leads here, so no
    // one else can hold or take ip->lock: acquiresleep will not wait.
    acquiresleep(&ip->lock);
    release(&itable.lock);

    itrunc(ip);
    ip->type = 0;               // free on disk
    iupdate(ip);
    ip->valid = 0;

    releasesleep(&ip->lock);
    acquire(&itable.lock);
  }
  ip->ref--;
  release(&itable.lock);
}

void
iunlockput(struct inode *ip)
{
  iunlock(ip);
  iput(ip);
}

// Free the orphans: inodes in use on disk with no link. A file unlinked
// while still open keeps its inode (nlink 0) until its last close, when
// iput frees it; if the power goes before that, nothing on disk names
// the inode any more and nothing would ever free it. At mount no file
// is open, so every inode with a type and nlink 0 is such an orphan:
// drop it as its last iput would have (its blocks too), each in its
// own transaction. (The scan reads each inode block once: sb.ninodes
// / IPB blocks; it lets go of the block while it frees an orphan, since
// iput reads and writes that block.)
static void
reclaimorphans(int dev)
{
  uint inum;
  struct buf *bp = 0;
  struct dinode *dip;
  struct inode *ip;

  for (inum = 1; inum < sb.ninodes; inum++) {
    if (bp == 0)
      bp = bread(dev, IBLOCK(inum, sb));
    dip = dinode_in(bp, inum);
    if (dip->type != 0 && dip->nlink == 0) {
      brelse(bp);
      bp = 0;
      printf("fsinit: reclaimed orphan inode %d\n", inum);
      begin_op();
      ip = iget(dev, inum);     // the table is empty at mount: never 0
      ilock(ip);                // read it: iput frees only a valid inode
      iunlockput(ip);           // the last reference, nlink 0: freed
      end_op();
    } else if ((inum + 1) % IPB == 0) {
      brelse(bp);               // the next inode is in the next block
      bp = 0;
    }
  }
  if (bp)
    brelse(bp);
}

// ---------------------------------------------------------------- contents
//
// The data of an inode lives in blocks listed in ip->addrs: the first
// NDIRECT directly, the next NINDIRECT in the block addrs[NDIRECT].

// The disk block holding block bn of ip's data. If there is none yet,
// allocate it (and the indirect block) when alloc is set (writes, inside
// a transaction), else return 0. Also 0 if the disk is full.
static uint
bmap(struct inode *ip, uint bn, int alloc)
{
  uint addr;
  uint *a;
  struct buf *bp;

  if (bn < NDIRECT) {
    addr = ip->addrs[bn];
    if (addr == 0 && alloc) {
      addr = balloc(ip->dev);
      ip->addrs[bn] = addr;
    }
    return addr;
  }
  bn -= NDIRECT;
  if (bn >= NINDIRECT)
    panic("bmap: block out of range");

  addr = ip->addrs[NDIRECT];
  if (addr == 0) {
    if (!alloc)
      return 0;
    addr = balloc(ip->dev);
    if (addr == 0)
      return 0;
    ip->addrs[NDIRECT] = addr;
  }
  bp = bread(ip->dev, addr);
  a = (uint *)bp->data;
  addr = a[bn];
  if (addr == 0 && alloc) {
    addr = balloc(ip->dev);
    if (addr) {
      a[bn] = addr;
      log_write(bp);
    }
  }
  brelse(bp);
  return addr;
}

// What a block that was never written reads as.
static uchar zeroblock[BSIZE];

// Free all of ip's data blocks and set its size to 0. Hold ip->lock.
void
itrunc(struct inode *ip)
{
  int i;
  struct buf *bp;
  uint *a;

  for (i = 0; i < NDIRECT; i++) {
    if (ip->addrs[i]) {
      bfree(ip->dev, ip->addrs[i]);
      ip->addrs[i] = 0;
    }
  }
  if (ip->addrs[NDIRECT]) {
    bp = bread(ip->dev, ip->addrs[NDIRECT]);
    a = (uint *)bp->data;
    for (i = 0; i < NINDIRECT; i++) {
      if (a[i])
        bfree(ip->dev, a[i]);
    }
    brelse(bp);
    bfree(ip->dev, ip->addrs[NDIRECT]);
    ip->addrs[NDIRECT] = 0;
  }
  ip->size = 0;
  iupdate(ip);
}

// Fill in st from ip. Hold ip->lock.
void
stati(struct inode *ip, struct stat *st)
{
  st->dev = ip->dev;
  st->ino = ip->inum;
  st->type = ip->type;
  st->nlink = ip->nlink;
  st->major = ip->major;
  st->minor = ip->minor;
  st->size = ip->size;
}

// Read n bytes at offset off of ip's data to dst (a user address if
// user_dst, else a kernel one). Returns the bytes read (fewer at the end
// of the file), or -EFAULT if dst is bad. Hold ip->lock.
int
readi(struct inode *ip, int user_dst, uint dst, uint off, uint n)
{
  uint done;
  uint m;
  uint addr;
  struct buf *bp;

  if (off > ip->size || off + n < off)
    return 0;
  if (off + n > ip->size)
    n = ip->size - off;

  for (done = 0; done < n; done += m, off += m, dst += m) {
    m = min(n - done, BSIZE - off % BSIZE);
    addr = bmap(ip, off / BSIZE, 0);
    if (addr == 0) {
      // A block never written (minos does not make such holes, but a
      // damaged disk might have them): it reads as zeros.
      if (either_copyout(user_dst, dst, zeroblock, m) < 0)
        return -1;
      continue;
    }
    bp = bread(ip->dev, addr);
    if (either_copyout(user_dst, dst, bp->data + off % BSIZE, m) < 0) {
      brelse(bp);
      return -EFAULT;
    }
    brelse(bp);
  }
  return done;
}

// Write n bytes from src (user address if user_src) to ip's data at
// offset off, growing the file if needed. Returns the bytes written, or
// if nothing could be written -EFAULT (bad src), -ENOSPC (disk full) or
// -EFBIG (past the maximum size). Hold ip->lock, inside a transaction.
int
writei(struct inode *ip, int user_src, uint src, uint off, uint n)
{
  uint done;
  uint m;
  uint addr;
  struct buf *bp;
  int err = 0;

  if (off > ip->size || off + n < off)
    return -EINVAL;
  if (off + n > MAXFILE * BSIZE)
    return -EFBIG;

  for (done = 0; done < n; done += m, off += m, src += m) {
    m = min(n - done, BSIZE - off % BSIZE);
    addr = bmap(ip, off / BSIZE, 1);
    if (addr == 0) {
      err = -ENOSPC;            // disk full
      break;
    }
    bp = bread(ip->dev, addr);
    if (either_copyin(bp->data + off % BSIZE, user_src, src, m) < 0) {
      brelse(bp);
      err = -EFAULT;
      break;
    }
    log_write(bp);
    brelse(bp);
  }

  if (off > ip->size)
    ip->size = off;
  // Write the inode back even if the size did not change: bmap may
  // have added a block address.
  iupdate(ip);
  if (done == 0 && n > 0)
    return err;
  return done;
}

// ---------------------------------------------------------------- directories

// Compare two names of at most DIRSIZ bytes.
int
namecmp(const char *s, const char *t)
{
  return strncmp(s, t, DIRSIZ);
}

// Look for name in directory dp. Returns its inode (referenced,
// unlocked) and, if poff, the entry's byte offset; or 0 with *err set
// to -ENOENT if the name is absent, -ENFILE if the inode table is full.
// Hold dp->lock.
struct inode *
dirlookup(struct inode *dp, char *name, uint *poff, int *err)
{
  struct inode *ip;
  uint off;
  struct dirent de;

  if (dp->type != T_DIR)
    panic("dirlookup: not a directory");

  for (off = 0; off < dp->size; off += sizeof(de)) {
    if (readi(dp, 0, (uint)&de, off, sizeof(de)) != sizeof(de))
      panic("dirlookup: cannot read directory");
    if (de.inum == 0)
      continue;
    if (namecmp(name, de.name) == 0) {
      if (poff)
        *poff = off;
      if ((ip = iget(dp->dev, de.inum)) == 0)
        *err = -ENFILE;
      return ip;
    }
  }
  *err = -ENOENT;
  return 0;
}

// Add the entry (name, inum) to directory dp, reusing the first free
// slot if there is one. Returns 0, -EEXIST if the name exists, or
// -ENOSPC if there is no room. (It compares names itself rather than
// call dirlookup, so it needs no inode-table entry.)
// Hold dp->lock, inside a transaction.
int
dirlink(struct inode *dp, char *name, uint inum)
{
  uint off;
  uint freeoff = dp->size;      // append unless a free slot turns up
  struct dirent de;

  for (off = 0; off < dp->size; off += sizeof(de)) {
    if (readi(dp, 0, (uint)&de, off, sizeof(de)) != sizeof(de))
      panic("dirlink: cannot read directory");
    if (de.inum == 0) {
      if (freeoff == dp->size)
        freeoff = off;
    } else if (namecmp(name, de.name) == 0) {
      return -EEXIST;
    }
  }
  off = freeoff;

  memset(&de, 0, sizeof(de));
  strncpy(de.name, name, DIRSIZ);
  de.inum = inum;
  if (writei(dp, 0, (uint)&de, off, sizeof(de)) != sizeof(de))
    return -ENOSPC;
  return 0;
}

// Is directory dp empty apart from "." and ".."? Hold dp->lock.
int
isdirempty(struct inode *dp)
{
  uint off;
  struct dirent de;

  for (off = 2 * sizeof(de); off < dp->size; off += sizeof(de)) {
    if (readi(dp, 0, (uint)&de, off, sizeof(de)) != sizeof(de))
      panic("isdirempty: cannot read directory");
    if (de.inum != 0)
      return 0;
  }
  return 1;
}

// ---------------------------------------------------------------- path names

// Take the first element of the path *pathp: copy it into name (at most
// DIRSIZ bytes) and advance *pathp past it and the slashes after it.
// Returns 1, or 0 when no element is left, or -1 when the element is
// longer than DIRSIZ (no such name can exist, and cutting it short
// could find the wrong file).
//   "a/bb/c" -> name "a", rest "bb/c"     "///a//bb" -> name "a", rest "bb"
//   "a"      -> name "a", rest ""         "" and "///" -> 0
static int
skipelem(char **pathp, char *name)
{
  char *path = *pathp;
  char *s;
  int len;

  while (*path == '/')
    path++;
  if (*path == 0)
    return 0;
  s = path;
  while (*path != '/' && *path != 0)
    path++;
  len = path - s;
  if (len > DIRSIZ)
    return -1;
  memmove(name, s, len);
  if (len < DIRSIZ)
    name[len] = 0;
  while (*path == '/')
    path++;
  *pathp = path;
  return 1;
}

// Look up path (from / if it starts with '/', else from the cwd). With
// parent set, stop one step early: return the parent directory and copy
// the last element to name. Returns a referenced, unlocked inode, or 0
// with *err set: -ENFILE if the inode table is full, -ENOTDIR if a
// name follows a file ("f/x"), else -ENOENT. Calls iput, so it must be
// inside a transaction.
static struct inode *
namex(char *path, int parent, char *name, int *err)
{
  struct inode *ip;
  struct inode *next;
  int r;

  *err = -ENOENT;
  if (*path == 0)
    return 0;                   // "" names nothing
  if (*path == '/')
    ip = iget(ROOTDEV, ROOTINO);
  else
    ip = idup(fs_cwd());
  if (ip == 0) {
    *err = -ENFILE;
    return 0;
  }

  while ((r = skipelem(&path, name)) == 1) {
    ilock(ip);
    if (ip->type != T_DIR) {
      iunlockput(ip);
      *err = -ENOTDIR;          // a name follows something that is not a directory
      return 0;
    }
    if (parent && *path == '\0') {
      iunlock(ip);              // stop one level early
      return ip;
    }
    next = dirlookup(ip, name, 0, err);
    iunlockput(ip);
    if (next == 0)
      return 0;
    ip = next;
  }
  if (r < 0 || parent) {
    // A name too long, or a parent asked of a path with no last
    // element (such as "/").
    iput(ip);
    return 0;
  }
  return ip;
}

struct inode *
namei(char *path, int *err)
{
  char name[DIRSIZ];

  return namex(path, 0, name, err);
}

struct inode *
nameiparent(char *path, char *name, int *err)
{
  return namex(path, 1, name, err);
}

// Write the absolute path of directory dir into buf (n bytes, with the
// terminating 0). Walks up through ".." and finds each directory's name
// in its parent. Returns the length, or -ENAMETOOLONG if buf is too
// small, -ENOENT if the directory is no longer in the tree, -ENFILE if
// the inode table is full. Inside a transaction (it iputs).
int
inodepath(struct inode *dir, char *buf, int n)
{
  char tmp[MAXPATH];
  int pos = MAXPATH - 1;        // tmp[pos..] holds the path built so far
  struct inode *ip;
  struct inode *parent;
  uint off;
  struct dirent de;
  int len;
  int found;
  int err;

  tmp[pos] = 0;
  ip = idup(dir);
  while (ip->inum != ROOTINO) {
    ilock(ip);
    parent = dirlookup(ip, "..", 0, &err);
    iunlock(ip);
    if (parent == 0 || parent == ip) {
      if (parent)
        iput(parent);
      iput(ip);
      return parent ? -ENOENT : err;
    }
    // Find ip's name in parent.
    ilock(parent);
    found = 0;
    for (off = 2 * sizeof(de); off < parent->size; off += sizeof(de)) {
      if (readi(parent, 0, (uint)&de, off, sizeof(de)) != sizeof(de))
        break;
      if (de.inum == ip->inum) {
        found = 1;
        break;
      }
    }
    iunlock(parent);
    iput(ip);
    ip = parent;
    if (!found) {
      iput(ip);
      return -ENOENT;
    }
    for (len = 0; len < DIRSIZ && de.name[len] != 0; len++)
      ;                         // a full-length name has no 0 byte
    if (pos - len - 1 < 0) {
      iput(ip);
      return -ENAMETOOLONG;
    }
    pos -= len;
    memmove(tmp + pos, de.name, len);
    tmp[--pos] = '/';
  }
  iput(ip);

  if (tmp[pos] == 0)
    tmp[--pos] = '/';           // the root itself
  len = MAXPATH - 1 - pos;
  if (len + 1 > n)
    return -ENAMETOOLONG;
  memmove(buf, tmp + pos, len + 1);
  return len;
}
