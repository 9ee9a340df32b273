// fstest.c: the test of micro's file-system server (tests/micro/
// test_micro_fs.py). It plays the root task: it starts the real disk
// driver and fs server from the bundle (servers/lib/fsstart.c's
// fs_start, as rs does), then is their client, speaking proto.h's FS
// messages on its own capability (badge 0). A second copy of this
// program, "peer", is a second client (badge 2) that holds a capability
// to the fs server and nothing else. Each broken rule prints a FAIL
// line; the verdict is the last line.
//
// If the disk already holds /crash (the test booted it again after
// cutting the power), it only reports what recovery left there.

#include <stdio.h>
#include <string.h>
#include "mk.h"
#include "proto.h"
#include "unix/fcntl.h"
#include "unix/stat.h"
#include "unix/fs.h"
#include "check.h"

#define CONTROL  0
#define DISKEP   2
#define DISKIRQ  3
#define FSEP     4        // ours, unbadged: we are client 0
#define FSPM     5        // ours, badged FS_BADGE_PM: we play pm too
#define PINGCAP  6        // ours, badged PINGPID: we play rs's pinger
#define DISK     8
#define DMAVA    0x70000000u   // our DMA page, mapped into the disk driver
#define FS       9
#define PEER     10
#define PEEREND  11       // notification: the peer's task ended
#define PEERPID  2
#define PINGPID  77       // a badge no client has

static char buf[IPC_MAXLONG];

// One FS request: label, two words, a long part; the reply's w0 (or the
// kernel's error). The reply's long part lands in buf.
static int
fs(int cap, int label, int a, int b, char *data, int len, struct msg *m)
{
  int r;

  m->info = IPC_INFO(label, len);
  m->w[0] = a;
  m->w[1] = b;
  if (data && data != buf)
    memmove(buf, data, len);
  m->buf = (unsigned int)buf;   // the long part out, and the reply's in
  m->size = sizeof(buf);
  r = ipc_call(cap, m);
  return r < 0 ? r : (int)m->w[0];
}

static int
call(int label, int a, int b, char *data, int len)
{
  struct msg m;

  return fs(FSEP, label, a, b, data, len, &m);
}

static int
path(int label, char *p, int a, int b)
{
  return call(label, a, b, p, strlen(p) + 1);
}

static int
fsread(int cap, int fd, char *out, int n)
{
  struct msg m;
  int r = fs(cap, FS_READ, fd, n, 0, 0, &m);

  if (r > 0)
    memmove(out, buf, r);
  return r;
}

static int
fswrite(int cap, int fd, char *data, int n)
{
  struct msg m;

  return fs(cap, FS_WRITE, fd, 0, data, n, &m);
}

static char pattern[3000];
static char back[3000];

static void
files(void)
{
  struct msg m;
  struct stat st;
  int fd, r, i;

  for (i = 0; i < sizeof(pattern); i++)
    pattern[i] = 'a' + i % 26;
  fd = path(FS_OPEN, "/a", O_CREATE | O_RDWR, 0);
  check(fd == 3, "open /a with O_CREATE: the first descriptor after the console's", fd);
  r = fswrite(FSEP, fd, pattern, sizeof(pattern));
  check(r == sizeof(pattern), "write 3000 bytes", r);
  check(call(FS_CLOSE, fd, 0, 0, 0) == 0, "close", 0);
  fd = path(FS_OPEN, "/a", O_RDONLY, 0);
  r = fsread(FSEP, fd, back, sizeof(back));
  check(r == sizeof(back) && memcmp(back, pattern, r) == 0, "read them back", r);
  check(fsread(FSEP, fd, back, 10) == 0, "then end of file", 0);
  r = fs(FSEP, FS_FSTAT, fd, 0, 0, 0, &m);
  memmove(&st, buf, sizeof(st));
  check(r == 0 && st.type == T_FILE && st.size == sizeof(pattern) && st.nlink == 1, "fstat", st.size);
  check(fswrite(FSEP, fd, "x", 1) == -EBADF, "write to a read-only descriptor", 0);
  call(FS_CLOSE, fd, 0, 0, 0);

  r = path(FS_OPEN, "/nothing", O_RDONLY, 0);
  check(r == -ENOENT, "open a missing file", r);
  r = fsread(FSEP, 12, back, 1);
  check(r == -EBADF, "read a closed descriptor", r);
  r = path(FS_OPEN, "/", O_RDWR, 0);
  check(r == -EISDIR, "open / for writing", r);
  memset(back, 'p', 200);
  back[200] = 0;
  r = path(FS_OPEN, back, O_RDONLY, 0);
  check(r == -ENAMETOOLONG, "a path longer than MAXPATH", r);
  r = call(FS_OPEN, O_RDONLY, 0, "abc", 3);
  check(r == -EINVAL, "a path with no 0 byte", r);

  check(path(FS_MKDIR, "/d", 0, 0) == 0, "mkdir /d", 0);
  r = path(FS_MKDIR, "/d", 0, 0);
  check(r == -EEXIST, "mkdir /d again", r);
  check(path(FS_CHDIR, "/d", 0, 0) == 0, "chdir /d", 0);
  fd = path(FS_OPEN, "f", O_CREATE | O_WRONLY, 0);
  check(fd >= 0 && fswrite(FSEP, fd, "relative", 8) == 8, "create and write d/f by a relative path", fd);
  call(FS_CLOSE, fd, 0, 0, 0);
  r = fs(FSEP, FS_GETCWD, 64, 0, 0, 0, &m);
  check(r == 2 && strcmp(buf, "/d") == 0, "getcwd is /d", r);
  memmove(back, "/d/f\0/g", 8);
  check(call(FS_LINK, 0, 0, back, 8) == 0, "link /d/f /g", 0);
  check(path(FS_UNLINK, "f", 0, 0) == 0, "unlink d/f", 0);
  check(path(FS_CHDIR, "/", 0, 0) == 0, "chdir /", 0);
  fd = path(FS_OPEN, "/g", O_RDONLY, 0);
  r = fsread(FSEP, fd, back, 100);
  check(r == 8 && memcmp(back, "relative", 8) == 0, "/g holds what d/f held", r);
  call(FS_CLOSE, fd, 0, 0, 0);
  r = path(FS_OPEN, "/d/f", O_RDONLY, 0);
  check(r == -ENOENT, "d/f is gone", r);
  check(path(FS_UNLINK, "/d", 0, 0) == 0, "unlink the empty /d", 0);
  check(path(FS_MKNOD, "/null", 2, 0) == 0, "mknod /null", 0);
  fd = path(FS_OPEN, "/null", O_RDWR, 0);
  check(fswrite(FSEP, fd, "gone", 4) == 4 && fsread(FSEP, fd, back, 4) == 0, "/null", fd);
  call(FS_CLOSE, fd, 0, 0, 0);
  r = fswrite(FSEP, 1, "console says hi\n", 16);
  check(r == 16, "write to descriptor 1, the console", r);
  r = fs(FSEP, FS_FSTAT, 2, 0, 0, 0, &m);
  memmove(&st, buf, sizeof(st));
  check(r == 0 && st.type == T_DEVICE && st.major == CONSOLE, "descriptor 2 is the console", st.type);
  printf("files checked\n");
}

// Pipes, with the peer as the other process: it inherits our
// descriptors (FS_PROCFORK, which we may send as pm). We read a pipe
// before the peer writes it: our request is parked, and the server
// serves the peer meanwhile (it sees our parked read). Then the peer
// writes us more than a pipe holds: its write is parked until we read.
static void
pipes(void)
{
  struct msg m;
  unsigned int bits;
  int r, n, fds[2], back2[2];

  r = fs(FSEP, FS_PIPE, 0, 0, 0, 0, &m);
  fds[0] = m.w[1];
  fds[1] = m.w[2];
  check(r == 0 && fds[0] == 3 && fds[1] == 4, "pipe", r);
  check(fswrite(FSEP, fds[1], "abc", 3) == 3 && fsread(FSEP, fds[0], back, 10) == 3 &&
        memcmp(back, "abc", 3) == 0, "a pipe carries bytes", 0);
  fs(FSEP, FS_PIPE, 0, 0, 0, 0, &m);
  back2[0] = m.w[1];
  back2[1] = m.w[2];
  r = fs(FSPM, FS_PROCFORK, 0, PEERPID, 0, 0, &m);
  check(r == 0, "FS_PROCFORK from pm's capability", r);
  r = fs(FSEP, FS_PROCFORK, 0, 77, 0, 0, &m);
  check(r == -EPERM, "FS_PROCFORK from a client", r);
  call(FS_CLOSE, back2[1], 0, 0, 0);   // the peer's copy is the write end now

  cap_mint(FSEP, PEER, 0, PEERPID, RIGHT_SEND);
  ntfn_create(PEEREND);
  task_onexit(PEER, PEEREND, 1);
  task_start(PEER);
  r = fsread(FSEP, fds[0], back, 10);  // parked until the peer writes
  check(r == 4 && memcmp(back, "ping", 4) == 0, "the parked read gets ping", r);
  n = 0;
  while (n < 5000 && (r = fsread(FSEP, back2[0], buf, 4096)) > 0) {
    check(buf[0] == 'P' && buf[r - 1] == 'P', "the peer's bytes", buf[0]);
    n += r;
  }
  check(n == 5000, "5000 bytes through a pipe, the writer parked", n);
  ntfn_wait(PEEREND, &bits);          // as pm does: the exit notice once the task is gone
  r = fs(FSPM, FS_PROCEXIT, PEERPID, 0, 0, 0, &m);
  check(r == 0, "FS_PROCEXIT", r);
  r = fsread(FSEP, back2[0], buf, 10);
  check(r == 0, "the peer's exit closed its write end: end of file", r);
  r = fswrite(FSEP, fds[1], "x", 1);
  check(r == 1, "our read end is still open", r);
  call(FS_CLOSE, fds[0], 0, 0, 0);
  r = fswrite(FSEP, fds[1], "x", 1);
  check(r == -EPIPE, "a write with no reader", r);
  call(FS_CLOSE, fds[1], 0, 0, 0);
  call(FS_CLOSE, back2[0], 0, 0, 0);
  printf("pipes checked\n");
}

// The peer: client PEERPID of the fs server, with no other capability.
// Its descriptors are the root's: 3 and 4 the first pipe, 6 the second
// pipe's write end.
static int
peer(void)
{
  struct msg m;
  int r, i;

  fs(0, FS_STATS, 0, 0, 0, 0, &m);
  printf("peer sees %d parked request(s)\n", m.w[1]);
  r = fs(0, FS_GETCWD, 64, 0, 0, 0, &m);
  printf("peer is served meanwhile: %s\n", r == 1 && strcmp(buf, "/") == 0 ? "yes" : "no");
  r = fswrite(0, 4, "ping", 4);
  for (i = 0; i < 4096; i++)
    buf[i] = 'P';
  r = fswrite(0, 6, buf, 4096);
  r += fswrite(0, 6, buf, 904);
  printf("peer wrote %d\n", r);
  // It cannot reach the disk: it holds no capability to the driver.
  for (i = 1; i < 8; i++) {
    m.info = IPC_INFO(DISK_READ_BLOCK, 0);
    m.w[0] = 1;
    m.buf = (unsigned int)buf;
    m.size = sizeof(buf);
    if (ipc_call(i, &m) != -EBADF)
      printf("FAIL the peer reached slot %d\n", i);
  }
  if (map_device(0, -1, DEV_DISK, 0x70000000) != -EPERM)
    printf("FAIL the peer mapped the disk\n");
  printf("peer cannot reach the disk\n");
  return 0;
}

// The last operation: /crash's block rewritten (the test cuts the
// power during it).
static void
crashwork(void)
{
  int fd, r, i;

  fd = path(FS_OPEN, "/crash", O_CREATE | O_RDWR, 0);
  for (i = 0; i < 4096; i++)
    buf[i] = 'o';
  fswrite(FSEP, fd, buf, 4096);
  call(FS_CLOSE, fd, 0, 0, 0);
  printf("CRASH POINT\n");
  fd = path(FS_OPEN, "/crash", O_RDWR | O_TRUNC, 0);
  for (i = 0; i < 4096; i++)
    buf[i] = 'n';
  r = fswrite(FSEP, fd, buf, 4096);
  call(FS_CLOSE, fd, 0, 0, 0);
  check(r == 4096, "the last write", r);
}

// The costs docs/micro.md quotes, between console markers the test
// reads the counters at: n read()s of 64 cached bytes (client, kernel
// IPC, fs server, back), and n block reads straight from the disk
// driver (its half of a read that misses the cache).
static void
costs(void)
{
  struct msg m;
  int fd, i, n;

  fd = path(FS_OPEN, "/a", O_RDONLY, 0);
  fsread(FSEP, fd, back, 64);             // cached from here on
  for (n = 10; n <= 30; n += 20) {
    printf("COST fsread %d START\n", n);
    for (i = 0; i < n; i++)
      fsread(FSEP, fd, back, 64);
    printf("COST fsread %d END\n", n);
  }
  call(FS_CLOSE, fd, 0, 0, 0);
  for (n = 2; n <= 6; n += 4) {
    printf("COST diskread %d START\n", n);
    for (i = 0; i < n; i++) {
      m.info = IPC_INFO(DISK_READ_BLOCK, 0);
      m.w[0] = 1;
      m.buf = (unsigned int)buf;
      m.size = sizeof(buf);
      ipc_call(DISKEP, &m);
    }
    printf("COST diskread %d END\n", n);
  }
}

// rs's heartbeat (RS_PING) is answered 0, and makes no client: the
// badge it came with has no entry in the server's table afterwards, so
// pm's FS_PROCFORK of that pid finds none to clash with (-EEXIST).
static void
heartbeat(void)
{
  struct msg m;
  int r;

  check(cap_mint(FSEP, -1, PINGCAP, PINGPID, RIGHT_SEND) == 0, "a badged copy for the pinger", 0);
  r = fs(PINGCAP, RS_PING, 0, 0, 0, 0, &m);
  check(r == 0, "the fs server answers a heartbeat 0", r);
  r = fs(FSPM, FS_PROCFORK, 0, PINGPID, 0, 0, &m);
  check(r == 0, "a heartbeat makes no client (a fork of its badge's pid)", r);
  r = fs(FSPM, FS_PROCEXIT, PINGPID, 0, 0, 0, &m);
  check(r == 0, "that process's exit", r);
  cap_delete(PINGCAP);
  printf("heartbeat checked\n");
}

// After a power cut: what does /crash hold?
static int
recovered(int fd)
{
  int r, i, n = 0, o = 0, total = 0;

  while ((r = fsread(FSEP, fd, buf, sizeof(buf))) > 0) {
    for (i = 0; i < r; i++) {
      n += buf[i] == 'n';
      o += buf[i] == 'o';
    }
    total += r;
  }
  printf("RECOVERED size %d old %d new %d\n", total, o, n);
  return 0;
}

int
main(int argc, char **argv)
{
  struct msg m;
  int r, peerimg;

  if (argc > 1 && strcmp(argv[1], "peer") == 0)
    return peer();
  peerimg = bundle_find("peer", 0);
  if (task_spawn(CONTROL, peerimg, "peer", PEER) < 0) {
    printf("FSTEST FAILED: cannot spawn\n");
    return 1;
  }
  r = fs_start(CONTROL, DISK, FS, DISKEP, DISKIRQ, FSEP, DMAVA, -1);
  check(r == 0, "fs_start", r);
  cap_mint(FSEP, -1, FSPM, FS_BADGE_PM, RIGHT_SEND);
  r = path(FS_OPEN, "/crash", O_RDONLY, 0);
  if (r >= 0)
    return recovered(r);
  printf("FS READY %d disk requests\n", call(FS_STATS, 0, 0, 0, 0));
  heartbeat();
  files();
  pipes();
  costs();
  crashwork();
  r = fs(FSEP, FS_STATS, 0, 0, 0, 0, &m);
  printf("FSTEST %s (%d disk requests)\n", failures ? "FAILED" : "PASSED", r);
  return 0;
}
