// fsport.c: the file-system core's home in the Unix library OS — what
// kernel/include/unix/fsport.h asks of a home, in a library linked into
// every process of the Unix (libos/unix).
//
// kernel/mono's bio.c, log.c, fs.c and fsops.c are linked into every
// program unchanged. Their tables (the buffer cache, the inode table,
// the log, the superblock) are the core's globals; the linker places
// their data and bss at one fixed address, _fixed (shell/build.py
// UNIX_FSCORE, lang/link.py: fixed), the same in every program, outside
// the image. init binds pages there (unix_fsinit) and every child maps
// the same pages writable (unix_passfs, as the shared region): one
// buffer cache, one inode table, one log for the whole Unix, the way
// ExOS shared its buffer cache. Pointers inside them (a buffer's LRU
// links, a file's inode) are good in every process; a pointer into a
// program's own image (a lock's name) is not, and nothing here reads one.
//
//   the disk      diskrw: EXO_disk_read/EXO_disk_write of block
//                 ux->fsbase + blockno (the file system lies after the
//                 boot bundle, at its first free block: fsstart; init
//                 binds all its blocks in the Unix's disk domain, and
//                 every child is granted it: proc.c unix_equip). The kernel DMAs whole pages, and a
//                 buffer's data is not page-aligned, so a block travels
//                 through a page of the process's own (FSBOUNCE);
//   the caller    the process the library runs in: fs_cwd is its
//                 process-table entry's cwd; either_copy* with user set
//                 check our own mappings first (uaccess: UVPT), so a
//                 bad pointer is -EFAULT, never a fault inside the core
//                 with its locks held;
//   locks         words of the shared pages, taken with swap; a waiter
//                 yields its time slice and looks again (unix_spin).
//                 sleep and wakeup are xv6's on the library's usleep
//                 and uwakeup (EXO_notify: a sleeper blocks in the
//                 kernel until woken). Sleep-locks are core's
//                 sleeplock.c on these; a holder is a pid (mythread);
//   reporting     printf is libc's; panic (a broken invariant: the file
//                 system is inconsistent) ends this process with -1.

#define sleep fssleep            // libc has sleep(ticks): the core's sleep is fssleep (fsport.h)

#include "memlayout.h"
#include "unix.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "buf.h"
#include "thread.h"
#include "fsport.h"

#define FSBOUNCE 0xDFFFD000      // a page of our own the disk reads and writes

extern char _fixed[], _efixed[];  // the core's tables (lang/link.py: fixed)
static int bounceenv;            // the env whose FSBOUNCE is mapped (fork copies this word)

// ---- the caller's memory ----

// 1 if [va, va+n) is mapped in us for user access (ring 3), writable
// (or copy-on-write) if write. Read from our page table's view (UVPT:
// libos_pte), with no system call; the kernel's and the devices' pages
// are mapped for ring 0 only.
int
uaccess(uint va, uint n, int write)
{
  uint a, pte;

  if (n == 0)
    return 1;
  if (va + n < va || va < USER_BASE || va + n > USERTOP)
    return 0;                        // (the view shows user space only)
  for (a = va & ~4095; a < va + n; a += 4096) {
    pte = libos_pte(a);
    if ((pte & PTE_P) == 0 || ((pte >> PTE_RING_SHIFT) & 3) != 3
        || (write && (pte & (PTE_W | LIBOS_PTE_COW)) == 0))
      return 0;
    if (a + 4096 < a)
      break;
  }
  return 1;
}

// Copy the string at src (our memory, checked page by page) into dst:
// its length, -EFAULT for a bad address, -ENAMETOOLONG if it does not fit
// in max bytes.
int
ufetchstr(char *dst, char *src, int max)
{
  uint page = 1;                 // (never a page boundary: checked at the first byte)
  int i;

  for (i = 0; i < max; i++) {
    if (((uint)(src + i) & ~4095) != page) {
      page = (uint)(src + i) & ~4095;
      if (!uaccess(page, 1, 0))
        return -EFAULT;
    }
    if ((dst[i] = src[i]) == 0)
      return i;
  }
  return -ENAMETOOLONG;
}

int
either_copyout(int user_dst, uint dst, void *src, uint len)
{
  if (user_dst && !uaccess(dst, len, 1))
    return -1;
  memmove((char *)dst, src, len);
  return 0;
}

int
either_copyin(void *dst, int user_src, uint src, uint len)
{
  if (user_src && !uaccess(src, len, 0))
    return -1;
  memmove(dst, (char *)src, len);
  return 0;
}

struct inode *
fs_cwd(void)
{
  return myproc->cwd;
}

// ---- the disk ----

void
diskrw(struct buf *b, int write)
{
  int r;

  if (bounceenv != libos_getenvid()) {
    if ((libos_pte(FSBOUNCE) & PTE_P) == 0 && libos_alloc_map(FSBOUNCE, PTE_W) < 0)
      panic("diskrw: no page for the disk's transfers");
    bounceenv = libos_getenvid();
  }
  if (write) {
    memmove((char *)FSBOUNCE, b->data, BSIZE);
    r = exo_disk_write(ux->fsbase + b->blockno, (void *)FSBOUNCE);
  } else {
    r = exo_disk_read(ux->fsbase + b->blockno, (void *)FSBOUNCE);
    memmove(b->data, (char *)FSBOUNCE, BSIZE);
  }
  if (r < 0) {
    printf("libos fs: disk %s of block %d failed (%d)\n", write ? "write" : "read",
           b->blockno, r);
    panic("diskrw");
  }
}

// ---- the open-file table: an entry of the Unix's (unix.h struct ufile) ----

struct file *
filealloc(void)
{
  struct ufile *u;

  ulock();
  for (u = ux->files; u < &ux->files[NUFILE]; u++)
    if (u->type == UF_FREE) {
      memset(u, 0, sizeof(*u));
      u->type = UF_INODE;
      u->ref = 1;
      u->f.ref = 1;
      uunlock();
      return &u->f;
    }
  uunlock();
  return 0;
}

// f, from filealloc, never got its inode (fsops.c fileopen's failure).
void
fileclose(struct file *f)
{
  ulock();
  ((struct ufile *)f)->type = UF_FREE;
  uunlock();
}

// ---- locks ----

// The lock lives in the shared pages, its name in the rodata of the
// program that made it, which is another program's memory in every
// other process: the lock keeps no name.
void
initlock(struct spinlock *lk, char *name)
{
  memset(lk, 0, sizeof(*lk));
}

void
acquire(struct spinlock *lk)
{
  unix_spin(&lk->locked);
}

void
release(struct spinlock *lk)
{
  unix_unspin(&lk->locked);
}

// xv6's sleep on the library's usleep (proc.c: EXO_notify): we are
// noted as sleeping on chan under ulock while lk is still held, so a
// waker, which changes what we wait for under lk and then calls
// wakeup(chan), finds us (or its notification waits for our EXO_recv).
// fswaiters counts the sleepers, so a wakeup with none costs one load:
// the core calls wakeup at every release of a sleep-lock.
void
fssleep(void *chan, struct spinlock *lk)
{
  ulock();
  ux->fswaiters++;
  release(lk);
  usleep(chan);                      // (a kill only wakes us: the core looks again)
  ux->fswaiters--;
  uunlock();
  acquire(lk);
}

void
wakeup(void *chan)
{
  if (ux->fswaiters == 0)            // (read after a sleeper's release of lk: see above)
    return;
  ulock();
  uwakeup(chan);
  uunlock();
}

// The sleep-locks are core's (kernel/core/sleeplock.c, linked with the
// file-system core): they name a lock's holder by mythread()->tid, here
// the process's pid.
struct thread *
mythread(void)
{
  static struct thread me;

  me.tid = myproc->pid;
  return &me;
}

// The file system's invariants broke: this process ends (its locks stay
// taken, so the Unix's file system is stuck: as a kernel panic stops
// mono's).
void
panic(char *s)
{
  printf("pid %d (%s): libos fs: panic: %s\n", myproc->pid, myproc->name, s);
  libos_flush();
  ulock();
  myproc->status = -1;
  myproc->state = UP_ZOMBIE;
  uunlock();
  exo_exit(-1);
  for (;;)
    ;
}

// ---- start ----

// The boot bundle's end (block 0 lists its images): where the file
// system starts. Read through FSBOUNCE (the bundle's blocks are public).
static uint
bundleend(void)
{
  struct exobentry *e = (struct exobentry *)(FSBOUNCE + 8);
  uint *hdr = (uint *)FSBOUNCE, i, end = 1, last;

  if (libos_alloc_map(FSBOUNCE, PTE_W) < 0 || exo_disk_read(0, (void *)FSBOUNCE) < 0
      || hdr[0] != EXOB_MAGIC)
    return 0;
  bounceenv = libos_getenvid();
  for (i = 0; i < hdr[1] && 8 + (i + 1) * sizeof(*e) <= 4096; i++) {
    last = e[i].block + (e[i].size + 4095) / 4096;
    if (last > end)
      end = last;
  }
  return end;
}

// Where our file system starts: the first free block after the boot
// bundle. Another library OS started first may have bound the blocks
// right after it for a file system of its own (XCP's, beside which it
// starts Unix): the disk's exposed information says whose each block is.
static uint
fsstart(void)
{
  uint b = bundleend();
  int who;

  if (b == 0)
    return 0;
  while ((who = exo_disk_info(b)) != EXO_BLOCK_FREE) {
    if (who < EXO_BLOCK_PUBLIC)
      return 0;                      // past the disk's end
    b++;
  }
  return b;
}

static void
fsfail(char *why)
{
  printf("libos: %s\n", why);
  libos_flush();
  exo_exit(1);
}

// init: the core's tables in pages of ours at _fixed (zeroed: the linker
// placed them there, nothing loaded them), the file system's blocks
// bound in our disk domain, then mono's mount: binit, iinit, fsinit
// (which recovers the log). Our cwd is "/".
void
unix_fsinit(void)
{
  struct superblock *sb = (struct superblock *)FSBOUNCE;
  uint va;
  int err;

  if ((uint)_fixed < USHARED + NSHARED * 4096)
    fsfail("the file system's tables overlap the shared region (unix.h NSHARED)");
  for (va = (uint)_fixed; va < (uint)_efixed; va += 4096)
    if (libos_alloc_map(va, PTE_W) < 0)
      fsfail("no pages for the file system's tables");
  if ((ux->fsbase = fsstart()) == 0)
    fsfail("the disk holds no boot bundle, or no free blocks after it");
  // the superblock is block 1: bind it, read it, then bind the rest
  if (exo_disk_bind(ux->fsbase, 2) < 0 || exo_disk_read(ux->fsbase + 1, (void *)FSBOUNCE) < 0)
    fsfail("no file system after the boot bundle");
  if (sb->magic != FSMAGIC || exo_disk_bind(ux->fsbase, sb->size) < 0)
    fsfail("the file system after the boot bundle is not minos's, or its blocks are taken");
  binit();
  iinit();
  fsinit(ROOTDEV);
  if ((myproc->cwd = namei("/", &err)) == 0)
    fsfail("the file system has no root directory");
}

// The core's tables, writable, in child env (proc.c unix_equip).
int
unix_passfs(int env)
{
  uint va;

  for (va = (uint)_fixed; va < (uint)_efixed; va += 4096)
    if (exo_page_pass(env, va, va, PTE_W) < 0)
      return -1;
  return 0;
}

// Another reference to ip (fork: the child's cwd).
void
unix_fsdup(struct inode *ip)
{
  idup(ip);
}

// Let go of a reference to ip (a closed file, a process's cwd): iput may
// free an unlinked file, so inside a transaction.
void
unix_fsput(struct inode *ip)
{
  if (ip == 0)
    return;
  begin_op();
  iput(ip);
  end_op();
}

// exec's image (exec.c): the inode of the regular file at path, with a
// reference (unix_fsput lets it go), or 0 and *err.
struct inode *
unix_imgopen(char *path, int *err)
{
  struct inode *ip;

  if ((ip = namei(path, err)) == 0)
    return 0;
  ilock(ip);
  if (ip->type != T_FILE) {
    iunlock(ip);
    unix_fsput(ip);
    *err = -EACCES;
    return 0;
  }
  iunlock(ip);
  return ip;
}

// n bytes at offset off of ip into dst (our own memory): how many, or an
// error.
int
unix_imgread(struct inode *ip, char *dst, uint off, uint n)
{
  int r;

  ilock(ip);
  r = readi(ip, 0, (uint)dst, off, n);
  iunlock(ip);
  return r;
}
