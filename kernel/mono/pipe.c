// pipe.c: pipes — a bounded byte buffer between a writing and a reading
// file.
//
// Readers sleep while the pipe is empty and writers while it is full;
// each side wakes the other after making progress. The reader and the
// writer may run on different cores: all state is under pi->lock, and
// sleep()/wakeup() (kernel/core/sched.c) take care of a sleeper on
// another core. A read of an empty pipe whose write ends are all closed
// returns 0 (end of file); a write to a pipe with no reader fails.

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "thread.h"
#include "proc.h"
#include "fs.h"
#include "file.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

#define PIPESIZE 2048   // the pipe and its buffer fit in one kalloc page

struct pipe {
  struct spinlock lock;
  uint nread;           // bytes read so far (counts up forever)
  uint nwrite;          // bytes written so far; nwrite - nread are waiting
  int readopen;         // the read end is still open
  int writeopen;        // the write end is still open
  char data[PIPESIZE];  // byte k lives at data[k % PIPESIZE]
};

// Make a pipe and its two open files: *f0 reads, *f1 writes.
// Returns 0, -ENFILE if out of file slots, or -ENOMEM if out of memory.
int
pipealloc(struct file **f0, struct file **f1)
{
  struct pipe *pi = 0;

  int err;

  *f0 = 0;
  *f1 = 0;
  err = -ENFILE;
  if ((*f0 = filealloc()) == 0 || (*f1 = filealloc()) == 0)
    goto bad;
  err = -ENOMEM;
  if ((pi = (struct pipe *)kalloc()) == 0)
    goto bad;
  initlock(&pi->lock, "pipe");
  pi->nread = 0;
  pi->nwrite = 0;
  pi->readopen = 1;
  pi->writeopen = 1;

  (*f0)->type = FD_PIPE;
  (*f0)->readable = 1;
  (*f0)->writable = 0;
  (*f0)->pipe = pi;
  (*f1)->type = FD_PIPE;
  (*f1)->readable = 0;
  (*f1)->writable = 1;
  (*f1)->pipe = pi;
  return 0;

bad:
  if (*f0)
    fileclose(*f0);
  if (*f1)
    fileclose(*f1);
  return err;
}

// One end of the pipe closed. Wake whoever waits on the other end (a
// reader sees end of file, a writer sees no reader); free the pipe when
// both ends are closed.
void
pipeclose(struct pipe *pi, int writable)
{
  acquire(&pi->lock);
  if (writable) {
    pi->writeopen = 0;
    wakeup(&pi->nread);
  } else {
    pi->readopen = 0;
    wakeup(&pi->nwrite);
  }
  if (pi->readopen == 0 && pi->writeopen == 0) {
    release(&pi->lock);
    kfree((char *)pi);
  } else {
    release(&pi->lock);
  }
}

// Write n bytes from user address addr. Returns n, or the bytes written
// before the reader went away (-EPIPE if none), or -EFAULT for a bad
// address, or -EINTR if the process is killed while waiting.
int
pipewrite(struct pipe *pi, uint addr, int n)
{
  int i = 0;
  uint start;
  uint m;
  struct proc *pr = myproc();

  acquire(&pi->lock);
  while (i < n) {
    if (!pi->readopen || killed(pr->thread)) {
      release(&pi->lock);
      if (i > 0)
        return i;
      return pi->readopen ? -EINTR : -EPIPE;
    }
    if (pi->nwrite == pi->nread + PIPESIZE) {
      wakeup(&pi->nread);       // full: let the reader drain it
      sleep(&pi->nwrite, &pi->lock);
      continue;
    }
    // Copy as much as fits without wrapping around the buffer's end.
    start = pi->nwrite % PIPESIZE;
    m = PIPESIZE - start;
    if (m > pi->nread + PIPESIZE - pi->nwrite)
      m = pi->nread + PIPESIZE - pi->nwrite;
    if (m > n - i)
      m = n - i;
    if (copyin(pr->thread->as->pagetable, pi->data + start, addr + i, m) < 0) {
      release(&pi->lock);
      return -EFAULT;
    }
    pi->nwrite += m;
    i += m;
  }
  wakeup(&pi->nread);
  release(&pi->lock);
  return i;
}

// Read up to n bytes to user address addr: wait until some bytes are
// there (or every writer has closed: 0, end of file), then take what is
// there. Returns -EFAULT for a bad address, -EINTR if killed while
// waiting.
int
piperead(struct pipe *pi, uint addr, int n)
{
  int i = 0;
  uint start;
  uint m;
  struct proc *pr = myproc();

  if (n < 0)
    return -EINVAL;
  acquire(&pi->lock);
  while (pi->nread == pi->nwrite && pi->writeopen) {
    if (killed(pr->thread)) {
      release(&pi->lock);
      return -EINTR;
    }
    sleep(&pi->nread, &pi->lock);
  }
  while (i < n && pi->nread != pi->nwrite) {
    start = pi->nread % PIPESIZE;
    m = PIPESIZE - start;
    if (m > pi->nwrite - pi->nread)
      m = pi->nwrite - pi->nread;
    if (m > n - i)
      m = n - i;
    if (copyout(pr->thread->as->pagetable, addr + i, pi->data + start, m) < 0) {
      if (i == 0) {
        release(&pi->lock);
        return -EFAULT;
      }
      break;
    }
    pi->nread += m;
    i += m;
  }
  wakeup(&pi->nwrite);
  release(&pi->lock);
  return i;
}
