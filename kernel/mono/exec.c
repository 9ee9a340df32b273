// exec.c: replace the calling process's program with one from a file.
//
// The loader in kernel/core (loader.c) does the work: it checks the
// image, builds the new address space and switches the thread to it. This
// file only hands it a reader for the file's inode, and fetches the
// arguments of the system call.

#include "types.h"
#include "monoparam.h"
#include "memlayout.h"
#include "spinlock.h"
#include "thread.h"
#include "thread.h"
#include "proc.h"
#include "loader.h"
#include "defs.h"
#include "mono.h"

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
  ip = namei(path);
  if (ip == 0) {
    end_op();
    return -1;
  }
  ilock(ip);
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

  if (argstr(0, path, MAXPATH) < 0)
    return -1;
  argaddr(1, &uargv);
  for (i = 0; i <= MAXARG; i++)
    argv[i] = 0;
  r = -1;
  for (i = 0;; i++) {
    if (i >= MAXARG)
      goto out;
    if (fetchaddr(uargv + i * sizeof(uint), &uarg) < 0)
      goto out;
    if (uarg == 0)
      break;
    argv[i] = kalloc();
    if (argv[i] == 0)
      goto out;
    if (fetchstr(uarg, argv[i], PGSIZE) < 0)
      goto out;
  }
  r = exec(path, argv);

out:
  for (i = 0; i < MAXARG && argv[i] != 0; i++)
    kfree(argv[i]);
  return r;
}
