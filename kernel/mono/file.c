// file.c: open files — the objects file descriptors point to.
//
// A struct file is what open() or pipe() creates. Descriptors in one or
// more processes (after dup or fork) may share it, and with it its
// offset. ftable holds all of them; ref counts the descriptors.

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "thread.h"
#include "proc.h"
#include "fs.h"
#include "file.h"
#include "stat.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

// The device drivers, indexed by major number (console.c fills in CONSOLE).
struct devsw devsw[NDEV];

static struct {
  struct spinlock lock;
  struct file file[NFILE];
} ftable;

void
fileinit(void)
{
  initlock(&ftable.lock, "ftable");
  devnullinit();
}

// A new open file with one reference, or 0 if the table is full.
struct file *
filealloc(void)
{
  struct file *f;

  acquire(&ftable.lock);
  for (f = ftable.file; f < ftable.file + NFILE; f++) {
    if (f->ref == 0) {
      f->ref = 1;
      f->type = FD_NONE;
      f->readable = 0;
      f->writable = 0;
      f->append = 0;
      f->pipe = 0;
      f->ip = 0;
      f->off = 0;
      f->major = 0;
      release(&ftable.lock);
      return f;
    }
  }
  release(&ftable.lock);
  return 0;
}

// One more descriptor refers to f.
struct file *
filedup(struct file *f)
{
  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("filedup: file not open");
  f->ref++;
  release(&ftable.lock);
  return f;
}

// One descriptor less; when none is left, close the pipe end or drop
// the inode.
void
fileclose(struct file *f)
{
  struct file ff;

  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("fileclose: file not open");
  if (--f->ref > 0) {
    release(&ftable.lock);
    return;
  }
  ff = *f;                      // the slot is free from here on
  f->ref = 0;
  f->type = FD_NONE;
  release(&ftable.lock);

  if (ff.type == FD_PIPE) {
    pipeclose(ff.pipe, ff.writable);
  } else if (ff.type == FD_INODE || ff.type == FD_DEVICE) {
    begin_op();                 // iput may free an unlinked file
    iput(ff.ip);
    end_op();
  }
}

// Copy f's metadata to user address addr (a struct stat).
int
filestat(struct file *f, uint addr)
{
  struct stat st;

  if (f->type != FD_INODE && f->type != FD_DEVICE)
    return -EBADF;              // a pipe has no inode
  ilock(f->ip);
  stati(f->ip, &st);
  iunlock(f->ip);
  if (copyout(myproc()->thread->as->pagetable, addr, (char *)&st, sizeof(st)) < 0)
    return -EFAULT;
  return 0;
}

// Read up to n bytes from f to user address addr.
int
fileread(struct file *f, uint addr, int n)
{
  if (!f->readable)
    return -EBADF;

  if (f->type == FD_PIPE)
    return piperead(f->pipe, addr, n);

  if (f->type == FD_DEVICE) {
    if (f->major < 0 || f->major >= NDEV || devsw[f->major].read == 0)
      return -ENODEV;
    return devsw[f->major].read(1, addr, n);
  }

  if (f->type == FD_INODE)
    return inoderead(f, 1, addr, n);
  panic("fileread: bad file type");
  return -1;
}

// Write n bytes from user address addr to f. Returns n, or -ENUMBER if
// not everything could be written (writei's reason, e.g. -ENOSPC).
int
filewrite(struct file *f, uint addr, int n)
{
  if (!f->writable)
    return -EBADF;

  if (f->type == FD_PIPE)
    return pipewrite(f->pipe, addr, n);

  if (f->type == FD_DEVICE) {
    if (f->major < 0 || f->major >= NDEV || devsw[f->major].write == 0)
      return -ENODEV;
    return devsw[f->major].write(1, addr, n);
  }

  if (f->type != FD_INODE)
    panic("filewrite: bad file type");
  return inodewrite(f, 1, addr, n);
}
