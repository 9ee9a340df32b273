// sysfile.c: the file-system calls. Each one checks its arguments
// (descriptor in range and open, user pointers valid, paths that fit in
// MAXPATH) and returns -ENUMBER on any error (errnum.h: -EBADF for a
// descriptor that is not open, -ENOENT for a missing name, ...); then it
// calls file.c and fs.c.
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
  char name[DIRSIZ];
  char new[MAXPATH];
  char old[MAXPATH];
  struct inode *dp;
  struct inode *ip;
  int err;

  if ((err = argstr(0, old, MAXPATH)) < 0 || (err = argstr(1, new, MAXPATH)) < 0)
    return err;

  begin_op();
  if ((ip = namei(old, &err)) == 0) {
    end_op();
    return err;
  }
  ilock(ip);
  if (ip->type == T_DIR) {      // no hard links to directories
    iunlockput(ip);
    end_op();
    return -EPERM;
  }
  ip->nlink++;
  iupdate(ip);
  iunlock(ip);

  if ((dp = nameiparent(new, name, &err)) == 0)
    goto bad;
  ilock(dp);
  if (dp->dev != ip->dev)
    err = -EXDEV;
  else
    err = dirlink(dp, name, ip->inum);
  if (err < 0) {
    iunlockput(dp);
    goto bad;
  }
  iunlockput(dp);
  iput(ip);
  end_op();
  return 0;

bad:
  ilock(ip);
  ip->nlink--;
  iupdate(ip);
  iunlockput(ip);
  end_op();
  return err;
}

// int unlink(char *path): remove a name (an empty directory too).
int
sys_unlink(void)
{
  struct inode *ip;
  struct inode *dp;
  struct dirent de;
  char name[DIRSIZ];
  char path[MAXPATH];
  uint off;
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;

  begin_op();
  if ((dp = nameiparent(path, name, &err)) == 0) {
    end_op();
    return err;
  }
  ilock(dp);

  err = -EINVAL;
  if (namecmp(name, ".") == 0 || namecmp(name, "..") == 0)
    goto bad;
  if ((ip = dirlookup(dp, name, &off, &err)) == 0)
    goto bad;
  ilock(ip);
  if (ip->nlink < 1)
    panic("unlink: nlink < 1");
  if (ip->type == T_DIR && !isdirempty(ip)) {
    iunlockput(ip);
    err = -ENOTEMPTY;
    goto bad;
  }

  memset(&de, 0, sizeof(de));
  if (writei(dp, 0, (uint)&de, off, sizeof(de)) != sizeof(de))
    panic("unlink: cannot clear the entry");
  if (ip->type == T_DIR) {
    dp->nlink--;                // ip's ".." named dp
    iupdate(dp);
  }
  iunlockput(dp);

  ip->nlink--;
  iupdate(ip);
  iunlockput(ip);               // frees it if that was the last name and reference
  end_op();
  return 0;

bad:
  iunlockput(dp);
  end_op();
  return err;
}

// Make a new inode of the given type at path and return it locked, or
// the existing one if type is T_FILE and path names a file or device
// (open with O_CREATE). Returns 0 on any failure, with the error number
// in *err (-ENOENT, -EEXIST, -EISDIR, -ENOSPC, -ENFILE). Inside a
// transaction.
static struct inode *
create(char *path, int type, int major, int minor, int *err)
{
  struct inode *ip;
  struct inode *dp;
  char name[DIRSIZ];

  if ((dp = nameiparent(path, name, err)) == 0)
    return 0;
  ilock(dp);

  if ((ip = dirlookup(dp, name, 0, err)) != 0) {
    iunlockput(dp);
    ilock(ip);
    if (type == T_FILE && (ip->type == T_FILE || ip->type == T_DEVICE))
      return ip;
    *err = (type == T_FILE) ? -EISDIR : -EEXIST;
    iunlockput(ip);
    return 0;
  }
  if (*err != -ENOENT) {        // the name exists, but no inode entry is free
    iunlockput(dp);
    return 0;
  }

  // A directory that was removed (while some process had it as its
  // cwd) must stay empty: its inode is freed at the last iput.
  if (dp->nlink == 0) {
    iunlockput(dp);
    return 0;                   // *err is -ENOENT
  }
  if ((ip = ialloc(dp->dev, type, err)) == 0) {
    iunlockput(dp);
    return 0;
  }
  ilock(ip);
  ip->major = major;
  ip->minor = minor;
  ip->nlink = 1;                // the entry in dp, made below
  iupdate(ip);
  *err = -ENOSPC;               // dirlink's only failure below: no room

  if (type == T_DIR) {
    // "." does not count as a link; ".." counts as one of dp's.
    if (dirlink(ip, ".", ip->inum) < 0 || dirlink(ip, "..", dp->inum) < 0)
      goto fail;
  }
  if (dirlink(dp, name, ip->inum) < 0)
    goto fail;
  if (type == T_DIR) {
    dp->nlink++;
    iupdate(dp);
  }
  iunlockput(dp);
  return ip;

fail:
  // Nothing names the new inode: nlink 0 makes iput free it.
  ip->nlink = 0;
  iupdate(ip);
  iunlockput(ip);
  iunlockput(dp);
  return 0;
}

// int open(char *path, int flags): a descriptor, or -ENUMBER.
int
sys_open(void)
{
  char path[MAXPATH];
  int omode;
  int accmode;
  int fd;
  int err;
  struct file *f;
  struct inode *ip;

  argint(1, &omode);
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  accmode = omode & O_ACCMODE;
  if (accmode == O_ACCMODE)
    return -EINVAL;             // not one of RDONLY, WRONLY, RDWR

  begin_op();
  if (omode & O_CREATE) {
    if ((ip = create(path, T_FILE, 0, 0, &err)) == 0) {
      end_op();
      return err;
    }
  } else {
    if ((ip = namei(path, &err)) == 0) {
      end_op();
      return err;
    }
    ilock(ip);
  }

  err = -EISDIR;
  if (ip->type == T_DIR && accmode != O_RDONLY)
    goto bad;                   // directories are read-only
  err = -ENODEV;
  if (ip->type == T_DEVICE && (ip->major < 0 || ip->major >= NDEV))
    goto bad;

  err = -ENFILE;
  if ((f = filealloc()) == 0)
    goto bad;
  if ((fd = fdalloc(f)) < 0) {
    fileclose(f);
    err = -EMFILE;
    goto bad;
  }

  if (ip->type == T_DEVICE) {
    f->type = FD_DEVICE;
    f->major = ip->major;
  } else {
    f->type = FD_INODE;
    f->off = 0;
  }
  f->ip = ip;
  f->readable = accmode == O_RDONLY || accmode == O_RDWR;
  f->writable = accmode == O_WRONLY || accmode == O_RDWR;
  f->append = (omode & O_APPEND) != 0;

  if ((omode & O_TRUNC) && ip->type == T_FILE)
    itrunc(ip);

  iunlock(ip);
  end_op();
  return fd;

bad:
  iunlockput(ip);
  end_op();
  return err;
}

// int mkdir(char *path)
int
sys_mkdir(void)
{
  char path[MAXPATH];
  struct inode *ip;
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  begin_op();
  if ((ip = create(path, T_DIR, 0, 0, &err)) == 0) {
    end_op();
    return err;
  }
  iunlockput(ip);
  end_op();
  return 0;
}

// int mknod(char *path, int major, int minor): a device node.
int
sys_mknod(void)
{
  char path[MAXPATH];
  int major;
  int minor;
  int err;
  struct inode *ip;

  argint(1, &major);
  argint(2, &minor);
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  if (major < 0 || major >= NDEV || minor < 0)
    return -EINVAL;
  begin_op();
  if ((ip = create(path, T_DEVICE, major, minor, &err)) == 0) {
    end_op();
    return err;
  }
  if (ip->type != T_DEVICE) {
    // create() returned an existing file: mknod does not reuse names.
    iunlockput(ip);
    end_op();
    return -EEXIST;
  }
  iunlockput(ip);
  end_op();
  return 0;
}

// int chdir(char *path)
int
sys_chdir(void)
{
  char path[MAXPATH];
  struct inode *ip;
  struct proc *p = myproc();
  int err;

  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  begin_op();
  if ((ip = namei(path, &err)) == 0) {
    end_op();
    return err;
  }
  ilock(ip);
  if (ip->type != T_DIR) {
    iunlockput(ip);
    end_op();
    return -ENOTDIR;
  }
  iunlock(ip);
  iput(p->cwd);
  end_op();
  p->cwd = ip;
  return 0;
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
