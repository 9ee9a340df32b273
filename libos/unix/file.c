// file.c: descriptors, the console, /dev/null and pipes (libos/unix).
//
// A process's descriptors are in its process-table entry (fd[]: exec
// keeps them), each naming an entry of the open-file table; both are in
// the shared region (unix.h), so fork's child and dup share an entry and
// its reference count, as on mono.
//
// Pipes live in shared pages too: a ring buffer of UPIPESIZE bytes and
// the counts of open read and write ends. A reader waits (sleeping) while
// the pipe is empty and a writer holds it open; a writer waits while it
// is full and a reader holds it open, and gets -EPIPE when none does.
// They wait by sleeping until the other end wakes them (usleep, uwakeup).
// The console's output is EXO_cputs. Its input comes raw from the kernel
// (EXO_cons_read, which waits for a key); the line discipline is here,
// as mono's kernel/mono/console.c has it: backspace, ^U, ^C (kills the
// foreground process group: sh's jobs), ^D (end of input), \r read as
// \n; a read returns at most one line. A process reads keys only while
// it reads the console, so ^C acts at the next read of the console, not
// at once.
//
// Files are the file system's (kernel/mono's core, fsport.c): an open
// file (UF_INODE) holds the core's struct file, its inode and offset;
// fsops.c opens, reads and writes it as mono's system calls do. A device
// node opened (/dev/console, /dev/null: its struct file is FD_DEVICE)
// reads and writes as the console or /dev/null. The core's locks come
// before ulock: no core function runs under it (a file's last close
// puts its inode after uunlock).

#define sleep fssleep            // (fsport.h: libc has its own sleep)
#include "fcntl.h"
#include "fs.h"
#include "unix.h"
#include "fsport.h"

#define CTRL(x) ((x) - '@')

static void
echo(char *s, int n)
{
  exo_cputs(s, n);
}

// One typed byte into the line discipline. Caller holds the lock.
static void
consedit(char c)
{
  struct ucons *cn = &ux->cons;
  struct uproc *p;

  switch (c) {
  case CTRL('U'):
    while (cn->e != cn->w && cn->buf[(cn->e - 1) % UCONSBUF] != '\n') {
      cn->e--;
      echo("\b \b", 3);
    }
    break;
  case CTRL('H'):
  case 0x7f:
    if (cn->e != cn->w) {
      cn->e--;
      echo("\b \b", 3);
    }
    break;
  case CTRL('C'):
    echo("^C\n", 3);
    cn->e = cn->w;
    if (ux->fgpgid > 1)
      for (p = ux->procs; p < &ux->procs[NUPROC]; p++)
        if (p->state == UP_RUN && p->pgid == ux->fgpgid)
          unix_killproc(p);
    break;
  default:
    if (c == 0 || cn->e - cn->r >= UCONSBUF)
      break;
    if (c == '\r')
      c = '\n';
    if (c != CTRL('D'))
      echo(&c, 1);
    cn->buf[cn->e++ % UCONSBUF] = c;
    if (c == '\n' || c == CTRL('D') || cn->e == cn->r + UCONSBUF)
      cn->w = cn->e;
  }
}

// Up to n bytes of the next line. Caller holds the lock; it is released
// while we wait for keys.
static int
consread(char *dst, int n)
{
  struct ucons *cn = &ux->cons;
  char raw[64], c;
  int got = 0, k, i;

  while (cn->r == cn->w) {
    uunlock();
    k = exo_cons_read(raw, sizeof(raw));
    ulock();
    if (k < 0)
      return k;
    for (i = 0; i < k; i++)
      consedit(raw[i]);
    if (myproc->killed)
      return -EINTR;
  }
  while (got < n && cn->r != cn->w) {
    c = cn->buf[cn->r++ % UCONSBUF];
    if (c == CTRL('D')) {
      if (got > 0)
        cn->r--;                     // keep ^D: the next read returns 0
      break;
    }
    dst[got++] = c;
    if (c == '\n')
      break;
  }
  return got;
}

static struct ufile *
fileof(int fd)
{
  if (fd < 0 || fd >= NUFD || myproc->fd[fd] == 0)
    return 0;
  return &ux->files[myproc->fd[fd] - 1];
}

// A new open file, reference count 1, or 0. Caller holds the lock.
static struct ufile *
falloc(int type, int readable, int writable)
{
  struct ufile *f;

  for (f = ux->files; f < &ux->files[NUFILE]; f++)
    if (f->type == UF_FREE) {
      memset(f, 0, sizeof(*f));
      f->type = type;
      f->ref = 1;
      f->readable = readable;
      f->writable = writable;
      return f;
    }
  return 0;
}

// The lowest free descriptor of ours, naming f, or -EMFILE. Caller holds
// the lock.
static int
fdalloc(struct ufile *f)
{
  int fd;

  for (fd = 0; fd < NUFD; fd++)
    if (myproc->fd[fd] == 0) {
      myproc->fd[fd] = f - ux->files + 1;
      return fd;
    }
  return -EMFILE;
}

// One reference less. Caller holds the lock. Returns the inode of a
// file closed for good, which the caller puts after uunlock
// (unix_fsput), or 0.
static struct inode *
fput(struct ufile *f)
{
  struct upipe *pp;

  if (--f->ref > 0)
    return 0;
  if (f->type == UF_PIPE) {
    pp = &ux->pipes[f->pipe];
    if (f->readable)
      pp->readers--;
    if (f->writable)
      pp->writers--;
    uwakeup(pp);                  // a reader sees the end, a writer EPIPE
  }
  f->type = UF_FREE;
  return f->f.ip;                    // (0 unless UF_INODE: falloc and filealloc zero it)
}

void
unix_fileinit(void)
{
  struct ufile *f = falloc(UF_CONSOLE, 1, 1);

  f->ref = 3;
  myproc->fd[0] = myproc->fd[1] = myproc->fd[2] = f - ux->files + 1;
}

// Close all of p's descriptors; the inodes to put (at most NUFD) go to
// ips: how many. Caller holds the lock.
int
unix_closeall(struct uproc *p, struct inode **ips)
{
  int fd, n = 0;

  for (fd = 0; fd < NUFD; fd++)
    if (p->fd[fd]) {
      if ((ips[n] = fput(&ux->files[p->fd[fd] - 1])) != 0)
        n++;
      p->fd[fd] = 0;
    }
  return n;
}

void
unix_dupall(struct uproc *p)
{
  int fd;

  for (fd = 0; fd < NUFD; fd++)
    if (p->fd[fd])
      ux->files[p->fd[fd] - 1].ref++;
}

// fileopen's install: the lowest free descriptor names f (fresh from
// filealloc, an entry of our table).
static int
install(struct file *f)
{
  int fd;

  ulock();
  fd = fdalloc((struct ufile *)f);
  uunlock();
  return fd;
}

// open: the file system's (fsops.c fileopen: mono's open), then the
// descriptor's rights from the core's file.
int
unix_open(char *upath, int flags)
{
  char path[MAXPATH];
  struct ufile *f;
  int fd;

  if ((fd = ufetchstr(path, upath, MAXPATH)) < 0)
    return fd;
  if ((fd = fileopen(path, flags, install)) < 0)
    return fd;
  ulock();
  f = fileof(fd);
  f->readable = f->f.readable;
  f->writable = f->f.writable;
  uunlock();
  return fd;
}

// The path-name calls: mono's, through fsops.c.
int
unix_link(char *uold, char *unew)
{
  char old[MAXPATH], new[MAXPATH];
  int r;

  if ((r = ufetchstr(old, uold, MAXPATH)) < 0 || (r = ufetchstr(new, unew, MAXPATH)) < 0)
    return r;
  return fslink(old, new);
}

// fn(path) on a path of ours, copied in and checked first.
static int
pathcall(char *upath, int (*fn)(char *path))
{
  char path[MAXPATH];
  int r;

  if ((r = ufetchstr(path, upath, MAXPATH)) < 0)
    return r;
  return fn(path);
}

int
unix_unlink(char *upath)
{
  return pathcall(upath, fsunlink);
}

int
unix_mkdir(char *upath)
{
  return pathcall(upath, fsmkdir);
}

int
unix_mknod(char *upath, int major, int minor)
{
  char path[MAXPATH];
  int r;

  if ((r = ufetchstr(path, upath, MAXPATH)) < 0)
    return r;
  return fsmknod(path, major, minor);
}

static int
chdirpath(char *path)
{
  return fschdir(path, &myproc->cwd);   // (our slot's cwd: only we change it)
}

int
unix_chdir(char *upath)
{
  return pathcall(upath, chdirpath);
}

// getcwd: the cwd's path (fs.c inodepath), as mono's sys_getcwd.
int
unix_getcwd(char *buf, int size)
{
  char path[MAXPATH];
  int len;

  if (size <= 0)
    return -EINVAL;
  begin_op();
  len = inodepath(myproc->cwd, path, MAXPATH);
  end_op();
  if (len < 0)
    return len;
  if (len + 1 > size)
    return -ERANGE;
  if (either_copyout(1, (uint)buf, path, len + 1) < 0)
    return -EFAULT;
  return len;
}

int
unix_close(int fd)
{
  struct ufile *f;
  struct inode *ip;

  ulock();
  if ((f = fileof(fd)) == 0) {
    uunlock();
    return -EBADF;
  }
  ip = fput(f);
  myproc->fd[fd] = 0;
  uunlock();
  unix_fsput(ip);
  return 0;
}

int
unix_dup(int fd)
{
  struct ufile *f;
  int r;

  ulock();
  if ((f = fileof(fd)) == 0)
    r = -EBADF;
  else if ((r = fdalloc(f)) >= 0)
    f->ref++;
  uunlock();
  return r;
}

int
unix_dup2(int oldfd, int newfd)
{
  struct ufile *f;
  struct inode *ip = 0;

  if (newfd < 0 || newfd >= NUFD)
    return -EBADF;
  ulock();
  if ((f = fileof(oldfd)) == 0) {
    uunlock();
    return -EBADF;
  }
  if (oldfd != newfd) {
    f->ref++;
    if (myproc->fd[newfd])
      ip = fput(&ux->files[myproc->fd[newfd] - 1]);
    myproc->fd[newfd] = myproc->fd[oldfd];
  }
  uunlock();
  unix_fsput(ip);
  return newfd;
}

int
unix_pipe(int fd[2])
{
  struct upipe *pp;
  struct ufile *rf, *wf;
  int r0, r1, i;

  if (!uaccess((uint)fd, 2 * sizeof(int), 1))
    return -EFAULT;
  ulock();
  for (i = 0; i < NUPIPE; i++)
    if (ux->pipes[i].readers == 0 && ux->pipes[i].writers == 0)
      break;
  if (i == NUPIPE || (rf = falloc(UF_PIPE, 1, 0)) == 0) {
    uunlock();
    return -ENFILE;
  }
  if ((wf = falloc(UF_PIPE, 0, 1)) == 0) {
    rf->type = UF_FREE;
    uunlock();
    return -ENFILE;
  }
  pp = &ux->pipes[i];
  pp->readers = pp->writers = 1;
  pp->nread = pp->nwrite = 0;
  rf->pipe = wf->pipe = i;
  if ((r0 = fdalloc(rf)) < 0 || (r1 = fdalloc(wf)) < 0) {
    if (r0 >= 0)
      myproc->fd[r0] = 0;
    fput(rf);
    fput(wf);
    uunlock();
    return -EMFILE;
  }
  uunlock();
  fd[0] = r0;
  fd[1] = r1;
  return 0;
}

// Caller holds the lock; it may be released while we wait.
static int
piperead(struct upipe *pp, char *buf, int n)
{
  int i;

  while (pp->nread == pp->nwrite) {
    if (pp->writers == 0)
      return 0;
    if (usleep(pp) < 0)
      return -EINTR;
  }
  for (i = 0; i < n && pp->nread != pp->nwrite; i++)
    buf[i] = pp->data[pp->nread++ % UPIPESIZE];
  uwakeup(pp);                    // a writer waiting for room
  return i;
}

static int
pipewrite(struct upipe *pp, char *buf, int n)
{
  int i;

  for (i = 0; i < n; i++) {
    while (pp->nwrite == pp->nread + UPIPESIZE) {
      if (pp->readers == 0)
        return -EPIPE;
      uwakeup(pp);                // the reader: the pipe is full
      if (usleep(pp) < 0)
        return -EINTR;
    }
    if (pp->readers == 0)
      return -EPIPE;
    pp->data[pp->nwrite++ % UPIPESIZE] = buf[i];
  }
  uwakeup(pp);                    // a reader waiting for data
  return n;
}

// What f reads and writes as: its type, or for a device node opened
// from the file system (FD_DEVICE) the device's: the console, /dev/null
// (-ENODEV for another major, as mono's devsw).
static int
kindof(struct ufile *f)
{
  if (f->type != UF_INODE || f->f.type != FD_DEVICE)
    return f->type;
  if (f->f.major == CONSOLE)
    return UF_CONSOLE;
  if (f->f.major == NULLDEV)
    return UF_NULL;
  return -ENODEV;
}

// A file of the file system, read or written without ulock (the core
// takes its own locks): a reference keeps f ours meanwhile.
static int
inodeio(struct ufile *f, void *buf, int n, int write)
{
  struct inode *ip;
  int r;

  f->ref++;
  uunlock();
  if (write)
    r = inodewrite(&f->f, 1, (uint)buf, n);
  else
    r = inoderead(&f->f, 1, (uint)buf, n);
  ulock();
  ip = fput(f);
  if (ip) {                          // (closed meanwhile by another process sharing it)
    uunlock();
    unix_fsput(ip);
    ulock();
  }
  return r;
}

int
unix_read(int fd, void *buf, int n)
{
  struct ufile *f;
  int r, kind;

  if (ukilled())
    unix_exit(-1);
  ulock();
  if ((f = fileof(fd)) == 0 || !f->readable)
    r = -EBADF;
  else if (n < 0)
    r = -EINVAL;
  else if ((kind = kindof(f)) < 0)
    r = kind;
  else if (kind == UF_INODE)
    r = inodeio(f, buf, n, 0);
  else if (!uaccess((uint)buf, n, 1))
    r = -EFAULT;
  else if (kind == UF_PIPE)
    r = piperead(&ux->pipes[f->pipe], buf, n);
  else if (kind == UF_CONSOLE)
    r = consread(buf, n);
  else
    r = 0;                           // /dev/null
  uunlock();
  return r;
}

int
unix_write(int fd, void *buf, int n)
{
  struct ufile *f;
  int r, kind;

  if (ukilled())
    unix_exit(-1);
  ulock();
  if ((f = fileof(fd)) == 0 || !f->writable)
    r = -EBADF;
  else if (n < 0)
    r = -EINVAL;
  else if ((kind = kindof(f)) < 0)
    r = kind;
  else if (kind == UF_INODE)
    r = inodeio(f, buf, n, 1);
  else if (kind == UF_CONSOLE)
    r = exo_cputs(buf, n) < 0 ? -EFAULT : n;
  else if (!uaccess((uint)buf, n, 0))
    r = -EFAULT;
  else if (kind == UF_PIPE)
    r = pipewrite(&ux->pipes[f->pipe], buf, n);
  else
    r = n;                           // /dev/null
  uunlock();
  return r;
}

// fstat: a file's (or device node's) inode, as mono's; a pipe or the
// console init starts with has none: the library describes them.
int
unix_fstat(int fd, struct stat *st)
{
  struct ufile *f;
  struct inode *ip;
  int type;

  if (!uaccess((uint)st, sizeof(*st), 1))
    return -EFAULT;
  ulock();
  f = fileof(fd);
  type = f ? f->type : UF_FREE;
  ip = type == UF_INODE ? idup(f->f.ip) : 0;   // (idup: the core's lock under ulock, a leaf)
  uunlock();
  if (type == UF_FREE)
    return -EBADF;
  memset(st, 0, sizeof(*st));
  if (ip) {
    ilock(ip);
    stati(ip, st);
    iunlock(ip);
    unix_fsput(ip);
    return 0;
  }
  st->type = type == UF_PIPE ? T_FILE : T_DEVICE;
  st->major = type == UF_CONSOLE ? CONSOLE : 0;
  st->nlink = 1;
  return 0;
}
