// sysfile.c: the file-system calls. Each one checks its arguments
// (descriptor in range and open, user pointers valid, paths that fit in
// MAXPATH) and returns -ENUMBER on any error (errnum.h: -EBADF for a
// descriptor that is not open, -ENOENT for a missing name, ...); then it
// calls file.c, and fsops.c for the operations on path names (the
// microkernel's file-system server calls the same ones).
// Calls that change the file system run inside begin_op()/end_op().

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "thread.h"
#include "proc.h"
#include "fs.h"
#include "file.h"
#include "stat.h"
#include "fcntl.h"
#include "defs.h"
#include "mono.h"
#include "errnum.h"

// Fetch argument n as a descriptor; set *pfd and *pf (either may be 0).
// Returns 0, or -EBADF if it is not an open descriptor.
static int
argfd(int n, int *pfd, struct file **pf)
{
  int fd;
  struct file *f;

  argint(n, &fd);
  if (fd < 0 || fd >= NOFILE || (f = myproc()->ofile[fd]) == 0)
    return -EBADF;
  if (pfd)
    *pfd = fd;
  if (pf)
    *pf = f;
  return 0;
}

// Give f the lowest free descriptor of the current process.
// Returns it, or -EMFILE if all NOFILE are in use.
static int
fdalloc(struct file *f)
{
  int fd;
  struct proc *p = myproc();

  for (fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd] == 0) {
      p->ofile[fd] = f;
      return fd;
    }
  }
  return -EMFILE;
}

// int dup(int fd): a new descriptor for the same open file.
int
sys_dup(void)
{
  struct file *f;
  int fd;

  if (argfd(0, 0, &f) < 0)
    return -EBADF;
  if ((fd = fdalloc(f)) < 0)
    return -EMFILE;
  filedup(f);
  return fd;
}

// int dup2(int oldfd, int newfd): make newfd refer to oldfd's open file,
// closing what newfd referred to before. Returns newfd.
// (The shell's `2>&1` and `> file` use it.)
int
sys_dup2(void)
{
  struct file *f;
  int oldfd;
  int newfd;
  struct proc *p = myproc();

  if (argfd(0, &oldfd, &f) < 0)
    return -EBADF;
  argint(1, &newfd);
  if (newfd < 0 || newfd >= NOFILE)
    return -EBADF;
  if (newfd == oldfd)
    return newfd;
  if (p->ofile[newfd])
    fileclose(p->ofile[newfd]);
  p->ofile[newfd] = filedup(f);
  return newfd;
}

// int read(int fd, void *buf, int n): bytes read, 0 at end of file.
int
sys_read(void)
{
  struct file *f;
  uint buf;
  int n;

  if (argfd(0, 0, &f) < 0)
    return -EBADF;
  argaddr(1, &buf);
  argint(2, &n);
  if (n < 0)
    return -EINVAL;
  return fileread(f, buf, n);
}

// int write(int fd, void *buf, int n): n, or -ENUMBER.
int
sys_write(void)
{
  struct file *f;
  uint buf;
  int n;

  if (argfd(0, 0, &f) < 0)
    return -EBADF;
  argaddr(1, &buf);
  argint(2, &n);
  if (n < 0)
    return -EINVAL;
  return filewrite(f, buf, n);
}

// int close(int fd)
int
sys_close(void)
{
  int fd;
  struct file *f;

  if (argfd(0, &fd, &f) < 0)
    return -EBADF;
  myproc()->ofile[fd] = 0;
  fileclose(f);
  return 0;
}

// int fstat(int fd, struct stat *st)
int
sys_fstat(void)
{
  struct file *f;
  uint st;

  if (argfd(0, 0, &f) < 0)
    return -EBADF;
  argaddr(1, &st);
  return filestat(f, st);
}

// int link(char *old, char *new): another name for the file old.
int
sys_link(void)
{
  char new[MAXPATH];
  char old[MAXPATH];
  int err;

  if ((err = argstr(0, old, MAXPATH)) < 0 || (err = argstr(1, new, MAXPATH)) < 0)
    return err;
  return fslink(old, new);
}

// int unlink(char *path): remove a name (an empty directory too).
int
sys_unlink(void)
{
  char path[MAXPATH];
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  return fsunlink(path);
}

// int open(char *path, int flags): a descriptor, or -ENUMBER.
int
sys_open(void)
{
  char path[MAXPATH];
  int omode;
  int err;

  argint(1, &omode);
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  return fileopen(path, omode, fdalloc);
}

// int mkdir(char *path)
int
sys_mkdir(void)
{
  char path[MAXPATH];
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  return fsmkdir(path);
}

// int mknod(char *path, int major, int minor): a device node.
int
sys_mknod(void)
{
  char path[MAXPATH];
  int major;
  int minor;
  int err;

  argint(1, &major);
  argint(2, &minor);
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  return fsmknod(path, major, minor);
}

// int chdir(char *path)
int
sys_chdir(void)
{
  char path[MAXPATH];
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  return fschdir(path, &myproc()->cwd);
}

// int pipe(int fd[2]): fd[0] reads, fd[1] writes.
int
sys_pipe(void)
{
  uint fdarray;
  struct file *rf;
  struct file *wf;
  int fd0;
  int fd1;
  int err;
  struct proc *p = myproc();

  argaddr(0, &fdarray);
  if ((err = pipealloc(&rf, &wf)) < 0)
    return err;
  fd0 = -1;
  if ((fd0 = fdalloc(rf)) < 0 || (fd1 = fdalloc(wf)) < 0) {
    if (fd0 >= 0)
      p->ofile[fd0] = 0;
    fileclose(rf);
    fileclose(wf);
    return -EMFILE;
  }
  if (copyout(p->thread->as->pagetable, fdarray, (char *)&fd0, sizeof(fd0)) < 0 ||
      copyout(p->thread->as->pagetable, fdarray + sizeof(fd0), (char *)&fd1, sizeof(fd1)) < 0) {
    p->ofile[fd0] = 0;
    p->ofile[fd1] = 0;
    fileclose(rf);
    fileclose(wf);
    return -EFAULT;
  }
  return 0;
}

// int getcwd(char *buf, int size): the current directory's absolute
// path, 0-terminated, in buf. Returns its length, or -ERANGE if it does
// not fit in size bytes (or inodepath's error).
int
sys_getcwd(void)
{
  char path[MAXPATH];
  uint buf;
  int size;
  int len;

  argaddr(0, &buf);
  argint(1, &size);
  if (size <= 0)
    return -EINVAL;
  begin_op();
  len = inodepath(myproc()->cwd, path, MAXPATH);
  end_op();
  if (len < 0)
    return len;
  if (len + 1 > size)
    return -ERANGE;
  if (copyout(myproc()->thread->as->pagetable, buf, path, len + 1) < 0)
    return -EFAULT;
  return len;
}
