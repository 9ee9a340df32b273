// fsops.c: the file-system operations that system calls make of path
// names and open files — link, unlink, create (open with O_CREATE,
// mkdir, mknod), open's lookup, chdir, and reading and writing a file's
// inode through an open file. The system-call layer around them (mono:
// sysfile.c and file.c; the microkernel: servers/fs/) fetches the
// arguments and keeps the descriptor tables; these functions take
// path names already in the file-system core's memory.
//
// Like bio.c, log.c and fs.c it uses only fsport.h, so every home of
// the file system runs the same operations with the same error numbers.
// Each function that changes the disk brackets its changes with
// begin_op()/end_op() itself, except openi and fileopeni, which run
// inside the caller's transaction (open allocates its descriptor between
// them).

#include "types.h"
#include "monoparam.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "file.h"
#include "stat.h"
#include "fcntl.h"
#include "errnum.h"
#include "fsport.h"     // everything it uses from its home (mono, servers/fs)

// link(old, new): another name for the file old. Returns 0 or -ENUMBER.
int
fslink(char *old, char *new)
{
  char name[DIRSIZ];
  struct inode *dp;
  struct inode *ip;
  int err;

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

// unlink(path): remove a name (an empty directory too).
int
fsunlink(char *path)
{
  struct inode *ip;
  struct inode *dp;
  struct dirent de;
  char name[DIRSIZ];
  uint off;
  int err;

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

// The inode that open(path, omode) opens — made first if omode has
// O_CREATE — locked, inside the caller's transaction; or 0 with *err set
// (-EINVAL for a bad access mode, -EISDIR for a directory opened for
// writing, -ENODEV for a device with no driver, or create's and namei's
// errors).
struct inode *
openi(char *path, int omode, int *err)
{
  struct inode *ip;
  int accmode = omode & O_ACCMODE;

  if (accmode == O_ACCMODE) {
    *err = -EINVAL;             // not one of RDONLY, WRONLY, RDWR
    return 0;
  }
  if (omode & O_CREATE) {
    if ((ip = create(path, T_FILE, 0, 0, err)) == 0)
      return 0;
  } else {
    if ((ip = namei(path, err)) == 0)
      return 0;
    ilock(ip);
  }

  if (ip->type == T_DIR && accmode != O_RDONLY)
    *err = -EISDIR;             // directories are read-only
  else if (ip->type == T_DEVICE && (ip->major < 0 || ip->major >= NDEV))
    *err = -ENODEV;
  else
    return ip;
  iunlockput(ip);
  return 0;
}

// open(path, omode): a new open file of path's inode, given a
// descriptor by the home's install(f) (the caller's lowest free one, or
// -EMFILE). Returns the descriptor or -ENUMBER (openi's errors, -ENFILE
// when the file table is full, install's).
int
fileopen(char *path, int omode, int (*install)(struct file *f))
{
  struct inode *ip;
  struct file *f;
  int fd;
  int err;

  begin_op();
  if ((ip = openi(path, omode, &err)) == 0) {
    end_op();
    return err;
  }
  err = -ENFILE;
  if ((f = filealloc()) == 0)
    goto bad;
  if ((fd = install(f)) < 0) {
    fileclose(f);
    err = fd;
    goto bad;
  }
  fileopeni(f, ip, omode);
  end_op();
  return fd;

bad:
  iunlockput(ip);
  end_op();
  return err;
}

// Make f, fresh from filealloc, the open file of ip (from openi) for
// omode: a device file or an inode at offset 0; empty a regular file
// for O_TRUNC. Unlocks ip, whose reference f keeps. Inside the
// transaction.
void
fileopeni(struct file *f, struct inode *ip, int omode)
{
  int accmode = omode & O_ACCMODE;

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
}

// mkdir(path)
int
fsmkdir(char *path)
{
  struct inode *ip;
  int err;

  begin_op();
  if ((ip = create(path, T_DIR, 0, 0, &err)) == 0) {
    end_op();
    return err;
  }
  iunlockput(ip);
  end_op();
  return 0;
}

// mknod(path, major, minor): a device node.
int
fsmknod(char *path, int major, int minor)
{
  struct inode *ip;
  int err;

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

// chdir(path): *cwd (a process's current directory) becomes path's
// inode, and the old one is let go. Returns 0 or -ENUMBER.
int
fschdir(char *path, struct inode **cwd)
{
  struct inode *ip;
  int err;

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
  iput(*cwd);
  end_op();
  *cwd = ip;
  return 0;
}

// Read up to n bytes at f's offset from its inode (f->type FD_INODE) to
// addr (the caller's memory if user, else the core's), and advance the
// offset. Returns the bytes read, or readi's error.
int
inoderead(struct file *f, int user, uint addr, int n)
{
  int r;

  ilock(f->ip);
  r = readi(f->ip, user, addr, f->off, n);
  if (r > 0)
    f->off += r;
  iunlock(f->ip);
  return r;
}

// Write n bytes from addr (as inoderead) to f's inode at its offset (at
// the end with O_APPEND). Returns n, or -ENUMBER if not everything
// could be written (writei's reason, e.g. -ENOSPC).
int
inodewrite(struct file *f, int user, uint addr, int n)
{
  int r = 0;
  int i;
  int chunk;
  int max;

  // One transaction may change at most MAXOPBLOCKS blocks: the inode,
  // an indirect block, two bitmap blocks, and for each data block the
  // block itself (the bitmap blocks are shared). So write in chunks of
  // that many data blocks, each chunk its own transaction.
  max = ((MAXOPBLOCKS - 1 - 1 - 2) / 2) * BSIZE;
  i = 0;
  while (i < n) {
    chunk = n - i;
    if (chunk > max)
      chunk = max;

    begin_op();
    ilock(f->ip);
    if (f->append)
      f->off = f->ip->size;
    r = writei(f->ip, user, addr + i, f->off, chunk);
    if (r > 0)
      f->off += r;
    iunlock(f->ip);
    end_op();

    if (r != chunk)
      break;                    // disk full or bad address
    i += r;
  }
  if (i == n)
    return n;
  if (r > 0)
    i += r;                     // the last chunk went in part of the way
  if (i > 0)
    return i;                   // a short write: the bytes written, as POSIX says
  return r < 0 ? r : -ENOSPC;
}
