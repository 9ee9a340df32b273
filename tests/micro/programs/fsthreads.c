// fsthreads.c: the test of the fs server's worker threads
// (tests/micro/test_micro_fsthreads.py). It plays the root task: it
// starts the real disk driver and fs server (servers/lib/fsstart.c, as rs
// does), then reads /cold, a block no one has read since
// the boot: a disk read. A second copy of this program, "peer" (client
// PEERPID), reads /warm, which the root has just written: a cached
// block. The peer waits until the server reports a worker waiting on
// the disk (FS_STATS w2) and only then reads, so its read meets the
// root's in flight. With worker threads it is answered at once, and its
// PEER END line comes before the root's ROOT END; a server with one
// thread answers nothing until the disk is done. The test reads the
// machine's counters at each line.

#include <stdio.h>
#include <string.h>
#include "mk.h"
#include "proto.h"
#include "unix/fcntl.h"

#define CONTROL  0
#define DISKEP   2
#define DISKIRQ  3
#define FSEP     4        // ours, unbadged: we are client 0
#define GO       5        // notification: the peer may start (badged: a signal leaves a bit)
#define GOBASE   6        // its original, unbadged
#define DISK     8
#define DMAVA    0x70000000u   // our DMA page, mapped into the disk driver
#define FS       9
#define PEER     10
#define PEERPID  2
#define POLLS    10000    // FS_STATS the peer sends, at most, waiting for the disk to be busy

static char buf[IPC_MAXLONG];

// One FS request on cap: label, a word, a long part of len bytes from
// buf; the reply's w0 (or the kernel's error), its long part in buf.
static int
fs(int cap, int label, int a, int b, int len, struct msg *m)
{
  int r;

  m->info = IPC_INFO(label, len);
  m->w[0] = a;
  m->w[1] = b;
  m->w[2] = 0;
  m->buf = (unsigned int)buf;
  m->size = sizeof(buf);
  r = ipc_call(cap, m);
  return r < 0 ? r : (int)m->w[0];
}

static int
fsopen(int cap, char *path, int flags)
{
  struct msg m;

  strcpy(buf, path);
  return fs(cap, FS_OPEN, flags, 0, strlen(path) + 1, &m);
}

// The peer: open /warm, wait for the go, wait until a worker waits on
// the disk, then read /warm (cached).
static int
peer(void)
{
  struct msg m;
  unsigned int bits;
  int fd, i, r, busy = 0;

  fd = fsopen(0, "/warm", O_RDONLY);
  ntfn_wait(1, &bits);
  for (i = 0; i < POLLS && busy == 0; i++) {
    fs(0, FS_STATS, 0, 0, 0, &m);
    busy = m.w[2];
  }
  printf("PEER START %d worker(s) waiting on the disk\n", busy);
  r = fs(0, FS_READ, fd, 64, 0, &m);
  printf("PEER END read %d cached bytes\n", r);
  return 0;
}

int
main(int argc, char **argv)
{
  struct msg m;
  int r, fd, peerimg;

  if (argc > 1 && strcmp(argv[1], "peer") == 0)
    return peer();
  peerimg = bundle_find("peer", 0);
  if (ntfn_create(GOBASE) < 0 || cap_mint(GOBASE, -1, GO, 1, RIGHTS_ALL) < 0 ||
      task_spawn(CONTROL, peerimg, "peer", PEER) < 0) {
    printf("FSTHREADS FAILED: cannot spawn\n");
    return 1;
  }
  if ((r = fs_start(CONTROL, DISK, FS, DISKEP, DISKIRQ, FSEP, DMAVA, -1)) < 0) {
    printf("FSTHREADS FAILED: fs_start %d\n", r);
    return 1;
  }
  fd = fsopen(FSEP, "/warm", O_CREATE | O_RDWR);
  memset(buf, 'w', 64);
  fs(FSEP, FS_WRITE, fd, 0, 64, &m);            // /warm's block: in the cache from here on
  fd = fsopen(FSEP, "/cold", O_RDONLY);          // its inode is read; its data block is not
  cap_mint(FSEP, PEER, 0, PEERPID, RIGHT_SEND);
  cap_mint(GO, PEER, 1, 0, RIGHT_RECV);
  task_start(PEER);
  printf("ROOT START\n");
  ntfn_signal(GO);
  r = fs(FSEP, FS_READ, fd, 4096, 0, &m);
  printf("ROOT END read %d bytes, '%c'\n", r, buf[0]);
  printf("FSTHREADS DONE\n");
  return 0;
}
