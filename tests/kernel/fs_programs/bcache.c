// bcache.c: many readers at once against a small buffer cache
// (tests/kernel/test_fs_bcache.py), run as /bin/init.
//
// Reads run outside transactions, and a read of a block that is not
// cached holds a buffer while it waits for the disk. NREADERS children
// each read a different block at the same moment (they all wait on one
// pipe, which the parent then closes), a tick after NWRITERS children
// started writing files inside transactions, whose blocks stay pinned in
// the cache until they commit. There are more readers than buffers: the kernel must make
// a reader wait for a buffer, not panic ("bget: every buffer is in use").
//
// Prints "bcache: N failures" and halts with N.

#include "fstest.h"

#define NREADERS 42          // more than NBUF; with the writers, fits NINODE
#define NWRITERS 3
#define NFLUSH   48          // blocks of /flush: pushes /rN out of the cache

static char block[BSIZE];

static void
name(char *out, char c, int i)
{
  out[0] = '/';
  out[1] = c;
  out[2] = '0' + i / 10;
  out[3] = '0' + i % 10;
  out[4] = 0;
}

static void
fill(int seed)
{
  int i;

  for (i = 0; i < BSIZE; i++)
    block[i] = 'a' + (seed + i) % 26;
}

// Read our file's one block once the gate opens; exit 0 if it is right.
static void
reader(int i, int gate)
{
  char path[8];
  char c;
  int fd;
  int j;

  name(path, 'r', i);
  fd = open(path, O_RDONLY);
  if (fd < 0)
    exit(2);
  read(gate, &c, 1);              // returns 0 when the parent closes it
  if (read(fd, block, BSIZE) != BSIZE)
    exit(3);
  for (j = 0; j < BSIZE; j++)
    if (block[j] != 'a' + (i + j) % 26)
      exit(4);
  exit(0);
}

// Write, rewrite and remove a file of a few blocks, in transactions.
static void
writer(int i, int gate)
{
  char path[8];
  char c;
  int fd;
  int round;
  int k;

  name(path, 'w', i);
  read(gate, &c, 1);
  for (round = 0; round < 6; round++) {
    fd = open(path, O_CREATE | O_TRUNC | O_RDWR);
    if (fd < 0)
      exit(5);
    fill(i + round);
    for (k = 0; k < 8; k++)
      if (write(fd, block, BSIZE) != BSIZE)
        exit(6);
    close(fd);
  }
  if (unlink(path) != 0)
    exit(7);
  exit(0);
}

int
main(void)
{
  char path[8];
  int wgate[2];
  int rgate[2];
  int status;
  int fd;
  int i;

  if (open("/dev/console", O_RDWR) < 0)
    halt(99);
  dup(0);
  dup(0);

  for (i = 0; i < NREADERS; i++) {
    name(path, 'r', i);
    fd = open(path, O_CREATE | O_RDWR);
    fill(i);
    CHECK(fd >= 0 && write(fd, block, BSIZE) == BSIZE);
    close(fd);
  }
  fd = open("/flush", O_CREATE | O_RDWR);
  for (i = 0; i < NFLUSH; i++)
    CHECK(write(fd, block, BSIZE) == BSIZE);
  close(fd);

  CHECK(pipe(wgate) == 0 && pipe(rgate) == 0);
  for (i = 0; i < NREADERS + NWRITERS; i++) {
    if (fork() == 0) {
      close(wgate[1]);
      close(rgate[1]);
      if (i < NWRITERS)
        writer(i, wgate[0]);
      reader(i - NWRITERS, rgate[0]);
    }
  }
  close(wgate[0]);
  close(rgate[0]);
  close(wgate[1]);                // the writers start, and a tick later,
  sleep(1);                       // with their blocks pinned, every reader
  close(rgate[1]);
  for (i = 0; i < NREADERS + NWRITERS; i++) {
    status = -1;
    wait(&status);
    CHECK(status == 0);           // a child's exit code says what went wrong
  }
  for (i = 0; i < NREADERS; i++) {
    name(path, 'r', i);
    CHECK(unlink(path) == 0);
  }
  CHECK(unlink("/flush") == 0);
  say("bcache: ");
  sayint(failures);
  say(" failures\n");
  halt(failures);
  return 0;
}
