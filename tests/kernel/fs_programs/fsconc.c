// fsconc.c: several processes use the file system at once (on several
// cores), so transactions overlap and commit in groups. Run as /bin/init
// by tests/kernel/test_fs_pipes.py; prints "fsconc: N failures" and
// powers off with N. The test then checks the disk with fsck.

#include "fstest.h"

#define NWORKERS 4
#define ROUNDS   3

static char buf[6000];

// Worker id: in the shared directory /s, create, write, check, rename
// (link + unlink) and remove files whose names start with its letter.
static int
worker(int id)
{
  char name[16];
  char other[16];
  int round;
  int fd;
  int i;
  int bad = 0;

  name[0] = '/';
  name[1] = 's';
  name[2] = '/';
  name[3] = 'a' + id;
  name[5] = 0;
  for (i = 0; i < 6; i++)
    other[i] = name[i];
  other[4] = 'z';
  other[3] = 'a' + id;
  for (round = 0; round < ROUNDS; round++) {
    name[4] = '0' + round;
    fd = open(name, O_CREATE | O_RDWR);
    if (fd < 0)
      return 1;
    for (i = 0; i < (int)sizeof(buf); i++)
      buf[i] = id * 31 + round + i;
    if (write(fd, buf, sizeof(buf)) != (int)sizeof(buf))
      bad++;
    close(fd);
    if (filesize(name) != (int)sizeof(buf))
      bad++;
    if (link(name, other) < 0)
      bad++;
    if (unlink(name) < 0)
      bad++;
    fd = open(other, O_RDONLY);
    if (read(fd, buf, sizeof(buf)) != (int)sizeof(buf))
      bad++;
    for (i = 0; i < (int)sizeof(buf); i++) {
      if (buf[i] != (char)(id * 31 + round + i))
        bad++;
    }
    close(fd);
    if (unlink(other) < 0)
      bad++;
    if (mkdir(name) < 0 || unlink(name) < 0)
      bad++;
  }
  return bad;
}

int
main(void)
{
  int i;
  int status;
  int pid;
  char leftover[32];
  int fd;
  int n;

  if (open("/dev/console", O_RDWR) < 0)
    halt(99);
  dup(0);
  dup(0);
  say("fsconc: start\n");
  CHECK(mkdir("/s") == 0);
  for (i = 0; i < NWORKERS; i++) {
    pid = fork();
    if (pid == 0)
      exit(worker(i));
    CHECK(pid > 0);
  }
  for (i = 0; i < NWORKERS; i++) {
    status = -1;
    CHECK(wait(&status) > 0);
    CHECK(status == 0);
  }
  // /s holds only "." and "..": every other entry was removed.
  fd = open("/s", O_RDONLY);
  n = 0;
  while (read(fd, leftover, sizeof(struct dirent)) == sizeof(struct dirent)) {
    if (((struct dirent *)leftover)->inum != 0)
      n++;
  }
  close(fd);
  CHECK(n == 2);
  CHECK(unlink("/s") == 0);
  say("fsconc: ");
  sayint(failures);
  say(" failures\n");
  halt(failures);
  return 0;
}
