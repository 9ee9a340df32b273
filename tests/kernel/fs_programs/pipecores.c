// pipecores.c: pipes between processes on different cores, run as
// /bin/init by tests/kernel/test_fs_pipes.py on a multi-core machine.
//
// NWRITERS children each write CHUNKS blocks of their own byte value
// into one pipe while the parent reads; then a chain of processes passes
// a message along pipes (parent -> child -> grandchild -> back). Prints
// "pipecores: N failures" and powers off with N.

#include "fstest.h"

#define NWRITERS 3
#define CHUNKS   8
#define CHUNK    3000         // more than the pipe holds at once, not a multiple of it

static char buf[CHUNK];

static void
writer(int fd, int id)
{
  int i;

  for (i = 0; i < CHUNK; i++)
    buf[i] = 'A' + id;
  for (i = 0; i < CHUNKS; i++) {
    if (write(fd, buf, CHUNK) != CHUNK)
      exit(1);
  }
  exit(0);
}

static void
test_many_writers(void)
{
  int fds[2];
  int counts[NWRITERS];
  int other = 0;
  int i;
  int n;
  int status;
  int ok = 1;

  CHECK(pipe(fds) == 0);
  for (i = 0; i < NWRITERS; i++) {
    counts[i] = 0;
    if (fork() == 0) {
      close(fds[0]);
      writer(fds[1], i);
    }
  }
  close(fds[1]);
  while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
    for (i = 0; i < n; i++) {
      if (buf[i] >= 'A' && buf[i] < 'A' + NWRITERS)
        counts[buf[i] - 'A']++;
      else
        other++;
    }
  }
  CHECK(n == 0);                       // end of file once every writer exited
  close(fds[0]);
  for (i = 0; i < NWRITERS; i++) {
    CHECK(counts[i] == CHUNKS * CHUNK);
    status = -1;
    if (wait(&status) < 0 || status != 0)
      ok = 0;
  }
  CHECK(other == 0);
  CHECK(ok);
  CHECK(wait(&status) < 0);            // no children left
}

// A message goes down a chain of processes and comes back.
static void
test_chain(void)
{
  int down[2];
  int up[2];
  int pid;
  int n;
  int status;
  char msg[32];

  CHECK(pipe(down) == 0);
  CHECK(pipe(up) == 0);
  pid = fork();
  if (pid == 0) {
    // middle: read from down, pass to a grandchild through a new pipe
    int mid[2];
    close(down[1]);
    close(up[0]);
    pipe(mid);
    if (fork() == 0) {
      close(mid[1]);
      n = read(mid[0], msg, sizeof(msg));
      if (n > 0) {
        msg[n - 1] = msg[n - 1] + 1;     // "ping0" -> "ping1"
        write(up[1], msg, n);
      }
      exit(0);
    }
    close(mid[0]);
    n = read(down[0], msg, sizeof(msg));
    if (n > 0)
      write(mid[1], msg, n);
    close(mid[1]);
    wait(&status);
    exit(0);
  }
  close(down[0]);
  close(up[1]);
  CHECK(write(down[1], "ping0", 5) == 5);
  n = read(up[0], msg, sizeof(msg));
  CHECK(n == 5);
  msg[n > 0 ? n : 0] = 0;
  CHECK(seq(msg, "ping1"));
  CHECK(read(up[0], msg, sizeof(msg)) == 0);   // every writer is gone
  close(down[1]);
  close(up[0]);
  CHECK(wait(&status) == pid);
}

int
main(void)
{
  int round;

  if (open("/dev/console", O_RDWR) < 0)
    halt(99);
  dup(0);
  dup(0);
  say("pipecores: start\n");
  for (round = 0; round < 3; round++) {
    test_many_writers();
    test_chain();
  }
  say("pipecores: ");
  sayint(failures);
  say(" failures\n");
  halt(failures);
  return 0;
}
