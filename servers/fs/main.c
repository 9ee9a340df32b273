// main.c: the file-system server of the microkernel (issue 15).
//
// It runs kernel/mono's file-system core — bio.c, log.c, fs.c, fsops.c,
// the very files mono compiles into ring 0 — in a user process, through
// its port (port.c, fsport.h). Around the core it keeps what mono keeps
// in struct proc and file.c: each client process's descriptor table and
// current directory (struct fsproc, keyed by the badge of the
// capability it calls with: its pid), and the open files they share.
// Requests and replies are proto.h's FS section; paths and data travel
// in the long part of the messages, so the core is always handed the
// server's own buffer (user 0).
//
// NWORKER worker threads receive requests (worker.c), each with its own
// buffer for a request's long part (io) and its own client (caller):
// while one waits on the disk another serves the next client. They take
// turns on the core's tables holding the server lock, which handle()
// takes for a request and a worker lets go only to wait (for the disk,
// or in the core's sleep). A request that must wait for another client
// — a pipe read or write, a console read — is parked with its reply
// saved (pipe.c, console.c), and its worker goes on to the next: no
// worker ever waits for a client. pm tells the server of a fork (copy
// the parent's table) and an exit (close everything; if a worker is
// still serving the process, when that request ends).

#include "types.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "fs.h"
#include "file.h"
#include "stat.h"
#include "errnum.h"
#include "fsport.h"
#include "mk.h"
#include "proto.h"
#include "fsserver.h"
#include "park.h"

static struct fsproc procs[NPROC];
static struct file ftable[NFILE];
static int requests;                // served so far

// ---------------------------------------------------------------- open files

// A new open file with one reference, or 0 if the table is full.
struct file *
filealloc(void)
{
  struct file *f;

  for (f = ftable; f < ftable + NFILE; f++) {
    if (f->ref == 0) {
      memset(f, 0, sizeof(*f));
      f->ref = 1;
      return f;
    }
  }
  return 0;
}

// One descriptor less; the last one closes the pipe end or drops the
// inode (iput may free an unlinked file: a transaction). The entry is
// free before begin_op may wait, and another worker may take it then
// (filealloc): what is closed is a copy (as xv6's fileclose does).
void
fileclose(struct file *f)
{
  struct file ff;

  if (--f->ref > 0)
    return;
  ff = *f;
  f->type = FD_NONE;
  if (ff.type == FD_PIPE) {
    pipeclose(ff.pipe, ff.writable);
  } else if (ff.ip) {           // an inode or a device file (the console may have none)
    begin_op();
    iput(ff.ip);
    end_op();
  }
}

// ---------------------------------------------------------------- processes

static struct fsproc *procfind(uint pid);
static struct fsproc *procnew(uint pid);
static void procfree(struct fsproc *p);

// The console, open for reading and writing, as a process's
// descriptors 0, 1 and 2: a file with no inode (there may be no
// /dev/console on the disk yet: mono's init makes it).
static int
openconsole(struct fsproc *p)
{
  struct file *f = filealloc();
  int fd;

  if (f == 0)
    return -ENFILE;
  f->type = FD_DEVICE;
  f->major = CONSOLE;
  f->readable = 1;
  f->writable = 1;
  f->ref = 3;
  for (fd = 0; fd < 3; fd++)
    p->ofile[fd] = f;
  return 0;
}

// The process with this badge. A process the server has not heard of
// (from pm's FS_PROCFORK) is made the first time it calls, with / as
// its directory and the console as 0, 1 and 2 (where mono's first
// process finds them after init opens them): init, and the root task.
// 0 if the table is full.
static struct fsproc *
procget(uint pid)
{
  struct fsproc *p = procfind(pid);

  if (p == 0 && (p = procnew(pid)) != 0 && openconsole(p) < 0) {
    procfree(p);
    return 0;
  }
  return p;
}

static struct fsproc *
procfind(uint pid)
{
  struct fsproc *p;

  for (p = procs; p < procs + NPROC; p++)
    if (p->used && !p->exited && p->pid == pid)
      return p;
  return 0;
}

// A new entry for pid, with / as its directory and no descriptors; 0
// if the table is full, or pm said the process ended while begin_op
// waited.
static struct fsproc *
procnew(uint pid)
{
  struct fsproc *p;
  struct fsproc *empty = 0;
  int err;

  for (p = procs; p < procs + NPROC; p++) {
    if (!p->used && empty == 0)
      empty = p;
  }
  if (empty == 0)
    return 0;
  empty->used = 1;              // ours, before begin_op may wait (another worker may look)
  empty->pid = pid;
  empty->busy = 1;              // meanwhile an FS_PROCEXIT only marks it
  empty->exited = 0;
  empty->cwd = 0;
  memset(empty->ofile, 0, sizeof(empty->ofile));
  begin_op();
  empty->cwd = namei("/", &err);
  end_op();
  empty->busy = 0;
  if (empty->cwd != 0 && !empty->exited)
    return empty;
  if (empty->cwd != 0)
    procfree(empty);            // pm said it ended meanwhile
  empty->used = 0;
  return 0;
}

// FS_PROCFORK: the child starts with the parent's descriptors and directory.
static int
procfork(uint parent, uint child)
{
  struct fsproc *pp = procget(parent);
  struct fsproc *cp;
  int fd;

  if (pp == 0)
    return -EAGAIN;
  if (procfind(child))
    return -EEXIST;
  if ((cp = procnew(child)) == 0)
    return -EAGAIN;
  for (fd = 0; fd < NOFILE; fd++) {
    cp->ofile[fd] = pp->ofile[fd];
    if (cp->ofile[fd])
      cp->ofile[fd]->ref++;
  }
  begin_op();
  iput(cp->cwd);
  end_op();
  cp->cwd = idup(pp->cwd);
  return 0;
}

// Close every descriptor of p, let go of its directory, free the entry.
static void
procfree(struct fsproc *p)
{
  int fd;

  for (fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd]) {
      fileclose(p->ofile[fd]);
      p->ofile[fd] = 0;
    }
  }
  begin_op();
  iput(p->cwd);
  end_op();
  p->used = 0;
}

// FS_PROCEXIT: close every descriptor; forget the process. If a
// worker still serves a request of it (waiting on the disk: pm killed
// the process meanwhile), the request's end frees it (handle).
static int
procexit(uint pid)
{
  struct fsproc *p = procfind(pid);

  if (p == 0)
    return 0;                   // it never used a file
  unparkpid(pid);
  if (p->busy > 0)
    p->exited = 1;
  else
    procfree(p);
  return 0;
}

// ---------------------------------------------------------------- descriptors

static struct file *
fdfile(int fd)
{
  if (fd < 0 || fd >= NOFILE)
    return 0;
  return running->caller->ofile[fd];
}

// The lowest free descriptor of the caller for f, or -EMFILE.
static int
fdalloc(struct file *f)
{
  struct fsproc *caller = running->caller;
  int fd;

  for (fd = 0; fd < NOFILE; fd++) {
    if (caller->ofile[fd] == 0) {
      caller->ofile[fd] = f;
      return fd;
    }
  }
  return -EMFILE;
}

// The 0-terminated path(s) of the request's long part io of len bytes:
// 0, or -ENAMETOOLONG / -EINVAL.
static int
pathsok(char *io, int len, int npaths)
{
  int i;
  int start = 0;

  for (i = 0; i < len && npaths > 0; i++) {
    if (io[i] == 0) {
      if (i + 1 - start > MAXPATH)
        return -ENAMETOOLONG;
      start = i + 1;
      npaths--;
    }
  }
  if (npaths > 0)
    return len - start >= MAXPATH ? -ENAMETOOLONG : -EINVAL;
  return 0;
}

// The second of two 0-terminated paths at s.
static char *
secondpath(char *s)
{
  while (*s)
    s++;
  return s + 1;
}

// FS_READ: up to n bytes into io; the count, or PARKED.
static int
doread(struct file *f, char *io, int n, struct msg *m)
{
  if (f == 0 || !f->readable)
    return -EBADF;
  if (n < 0)
    return -EINVAL;
  if (n > IPC_MAXLONG)
    n = IPC_MAXLONG;            // a shorter read, as Unix allows
  if (f->type == FD_PIPE)
    return piperead(f, io, n, m);
  if (f->type == FD_DEVICE) {
    if (f->major == CONSOLE)
      return consread(n, m);
    return f->major == NULLDEV ? 0 : -ENODEV;
  }
  return inoderead(f, 0, (uint)io, n);
}

// FS_WRITE: the n bytes in io; the count, or PARKED.
static int
dowrite(struct file *f, char *io, int n, struct msg *m)
{
  if (f == 0 || !f->writable)
    return -EBADF;
  if (f->type == FD_PIPE)
    return pipewrite(f, io, n, m);
  if (f->type == FD_DEVICE) {
    if (f->major == CONSOLE)
      return conswrite(io, n);
    return f->major == NULLDEV ? n : -ENODEV;
  }
  return inodewrite(f, 0, (uint)io, n);
}

static int
dopipe(struct msg *m)
{
  struct file *rf;
  struct file *wf;
  int fd0;
  int fd1;
  int err;

  if ((err = pipealloc(&rf, &wf)) < 0)
    return err;
  if ((fd0 = fdalloc(rf)) < 0 || (fd1 = fdalloc(wf)) < 0) {
    if (fd0 >= 0)
      running->caller->ofile[fd0] = 0;
    fileclose(rf);
    fileclose(wf);
    return -EMFILE;
  }
  m->w[1] = fd0;
  m->w[2] = fd1;
  return 0;
}

static int
dodup2(int oldfd, int newfd)
{
  struct fsproc *caller = running->caller;
  struct file *f = fdfile(oldfd);

  if (f == 0 || newfd < 0 || newfd >= NOFILE)
    return -EBADF;
  if (newfd == oldfd)
    return newfd;
  if (caller->ofile[newfd])
    fileclose(caller->ofile[newfd]);
  caller->ofile[newfd] = f;
  f->ref++;
  return newfd;
}

static int
dofstat(struct file *f, char *io, struct msg *m)
{
  struct stat st;

  if (f == 0)
    return -EBADF;
  if (f->type != FD_INODE && f->type != FD_DEVICE)
    return -EBADF;              // a pipe has no inode
  if (f->ip) {
    ilock(f->ip);
    stati(f->ip, &st);
    iunlock(f->ip);
  } else {
    memset(&st, 0, sizeof(st)); // the console as 0, 1, 2 (openconsole)
    st.type = T_DEVICE;
    st.major = CONSOLE;
  }
  memmove(io, &st, sizeof(st));
  m->info = IPC_INFO(REPLY_OK, sizeof(st));
  return 0;
}

static int
dogetcwd(int size, char *io, struct msg *m)
{
  int len;

  if (size <= 0)
    return -EINVAL;
  begin_op();
  len = inodepath(running->caller->cwd, io, MAXPATH);
  end_op();
  if (len < 0)
    return len;
  if (len + 1 > size)
    return -ERANGE;
  m->info = IPC_INFO(REPLY_OK, len + 1);
  return len;
}

// One request of the running worker's caller, its long part in io:
// its result, or PARKED. A reply's long part, if any, is set in
// m->info by the handler (else none).
static int
request(struct msg *m, char *io)
{
  struct fsproc *caller = running->caller;
  int label = IPC_LABEL(m->info);
  int len = IPC_LEN(m->info);
  int a = m->w[0];
  int b = m->w[1];
  struct file *f;
  int r;

  m->info = IPC_INFO(REPLY_OK, 0);
  switch (label) {
  case FS_READ:
    r = doread(fdfile(a), io, b, m);
    if (r > 0)
      m->info = IPC_INFO(REPLY_OK, r);
    return r;
  case FS_WRITE:  return dowrite(fdfile(a), io, len, m);
  case FS_CLOSE:
    if ((f = fdfile(a)) == 0)
      return -EBADF;
    caller->ofile[a] = 0;
    fileclose(f);
    return 0;
  case FS_DUP:
    if ((f = fdfile(a)) == 0)
      return -EBADF;
    if ((r = fdalloc(f)) >= 0)
      f->ref++;
    return r;
  case FS_DUP2:   return dodup2(a, b);
  case FS_PIPE:   return dopipe(m);
  case FS_FSTAT:  return dofstat(fdfile(a), io, m);
  case FS_GETCWD: return dogetcwd(a, io, m);
  case FS_STATS:
    m->w[1] = nparked();
    m->w[2] = diskwaits;
    return diskcalls;
  }
  // The rest take paths.
  if ((r = pathsok(io, len, label == FS_LINK ? 2 : 1)) < 0)
    return r;
  switch (label) {
  case FS_OPEN:   return fileopen(io, a, fdalloc);
  case FS_LINK:   return fslink(io, secondpath(io));
  case FS_UNLINK: return fsunlink(io);
  case FS_MKDIR:  return fsmkdir(io);
  case FS_MKNOD:  return fsmknod(io, a, b);
  case FS_CHDIR:  return fschdir(io, &caller->cwd);
  }
  return -ENOSYS;
}

// rs's heartbeat, pm's requests, and the clients': the result, or
// PARKED. A ping is answered 0 first thing: rs is not a client, and
// gets no entry in the table. The client's entry is busy while its
// request is served (FS_PROCEXIT waits for it).
static int
dispatch(struct worker *w, struct msg *m)
{
  int label = IPC_LABEL(m->info);
  struct fsproc *p;
  int r;

  if (label == RS_PING) {
    m->info = IPC_INFO(REPLY_OK, 0);
    return 0;
  }
  if (label == FS_PROCFORK || label == FS_PROCEXIT) {
    m->info = IPC_INFO(REPLY_OK, 0);
    if (m->badge != FS_BADGE_PM)
      return -EPERM;
    return label == FS_PROCFORK ? procfork(m->w[0], m->w[1]) : procexit(m->w[0]);
  }
  if ((p = procget(m->badge)) == 0)
    return -EAGAIN;
  p->busy++;
  w->caller = p;
  r = request(m, w->io);
  w->caller = 0;
  if (--p->busy == 0 && p->exited)
    procfree(p);
  return r;
}

// serve.c's handle, in every worker: 1 when m holds the reply to send
// now. The worker holds the server lock for the request (worker.c);
// the reply leaves from its own buffer after it let the lock go.
static int
handle(struct msg *m)
{
  struct worker *w = self();
  int r;

  serverlock(w);
  requests++;
  r = dispatch(w, m);
  serverunlock();
  if (r == PARKED)
    return 0;
  m->w[0] = r;
  return 1;
}

int
main(int argc, char **argv)
{
  if (workersinit() < 0) {
    printf("fs: no notifications for the workers\n");
    return 1;
  }
  serverlock(&workers[0]);
  binit();
  iinit();
  fsinit(ROOTDEV);              // the superblock, log recovery, orphans
  consinit();
  printf("fs: file system mounted (%d disk requests)\n", diskcalls);
  serverunlock();
  workersrun(handle);           // every request may carry a long part (IPC_MAXLONG)
  return 0;
}
