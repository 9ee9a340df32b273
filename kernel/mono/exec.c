// exec.c: replace the calling process's program with one from a file.
//
// The loader in kernel/core (loader.c) does the work: it checks the
// image, builds the new address space and switches the thread to it. This
// file only hands it a reader for the file's inode, and fetches the
// arguments of the system call. A failure leaves the caller intact and
// returns an error number (errnum.h): -ENOENT (no such file), -ENOTDIR
// (a directory in the path is a file), -EACCES (a directory or device,
// not a regular file), -ENOEXEC (not a valid image), -E2BIG (arguments
// do not fit), -ENOMEM.

#include "types.h"
#include "monoparam.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "stat.h"
#include "file.h"
#include "thread.h"
#include "proc.h"
#include "loader.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

// The loader's reader for an image in a file: src->arg is the locked inode.
static int
readinode(struct imgsrc *src, char *dst, uint off, uint n)
{
  return readi((struct inode *)src->arg, 0, (uint)dst, off, n) == (int)n ? 0 : -1;
}

// exec a program file. path and argv are kernel strings.
int
exec(char *path, char **argv)
{
  struct inode *ip;
  struct imgsrc src;
  int r;

  begin_op();
  ip = namei(path, &r);
  if (ip == 0) {
    end_op();
    return r;                   // -ENOENT, -ENOTDIR or -ENFILE
  }
  ilock(ip);
  if (ip->type != T_FILE) {
    iunlockput(ip);
    end_op();
    return -EACCES;             // only a regular file can be run (as POSIX says)
  }
  src.read = readinode;
  src.arg = ip;
  src.size = 0;
  r = execimage(&src, path, argv);
  iunlockput(ip);
  end_op();
  return r;
}

// int exec(char *path, char **argv)
int
sys_exec(void)
{
  char path[MAXPATH];
  char *argv[MAXARG + 1];
  uint uargv, uarg;
  int i, r;

  if ((r = argstr(0, path, MAXPATH)) < 0)
    return r;
  argaddr(1, &uargv);
  for (i = 0; i <= MAXARG; i++)
    argv[i] = 0;
  // Up to MAXARG arguments, then the terminating 0 (argv has room for it).
  for (i = 0;; i++) {
    if ((r = fetchaddr(uargv + i * sizeof(uint), &uarg)) < 0)
      goto out;
    if (uarg == 0)
      break;
    r = -E2BIG;
    if (i >= MAXARG)
      goto out;
    r = -ENOMEM;
    argv[i] = kalloc();
    if (argv[i] == 0)
      goto out;
    if ((r = fetchstr(uarg, argv[i], PGSIZE)) < 0) {
      if (r == -ENAMETOOLONG)
        r = -E2BIG;             // one argument longer than a page
      goto out;
    }
  }
  r = exec(path, argv);

out:
  for (i = 0; i < MAXARG && argv[i] != 0; i++)
    kfree(argv[i]);
  return r;
}
