// crashwork.c: the workload of the crash-consistency test
// (tests/kernel/test_fs_crash.py), run as /bin/init.
//
// It waits for a line on the console (so that a reboot after a power
// cut, which runs it again, stops there: the test types nothing then),
// then does a fixed sequence of file-system calls. After each call
// returns it prints "op N". The test cuts the power after some disk
// write, and checks that the disk holds the state after the last
// printed operation, or after the one that was in progress.
// The Python model of the states is in test_fs_crash.py: keep in step.

#include "fstest.h"

static char data[9000];

static void
done(int k, int ok)
{
  if (!ok) {
    say("crashwork: FAIL op ");
    sayint(k);
    say("\n");
    halt(1);
  }
  say("op ");
  sayint(k);
  say("\n");
}

static void
fill(int n, char c)
{
  int i;

  for (i = 0; i < n; i++)
    data[i] = c;
}

int
main(void)
{
  char line[16];
  int fd;
  int fd2;

  if (open("/dev/console", O_RDWR) < 0)
    halt(99);
  dup(0);
  dup(0);
  say("crashwork: waiting\n");
  if (read(0, line, sizeof(line)) <= 0)
    halt(2);

  fd = open("/a", O_CREATE | O_WRONLY);
  done(1, fd >= 0);
  fill(1000, 'a');
  done(2, write(fd, data, 1000) == 1000);
  fill(5000, 'b');
  done(3, write(fd, data, 5000) == 5000);
  close(fd);
  done(4, mkdir("/d") == 0);
  fd = open("/d/x", O_CREATE | O_RDWR);
  done(5, fd >= 0);
  fill(9000, 'c');
  done(6, write(fd, data, 9000) == 9000);
  close(fd);
  done(7, link("/d/x", "/y") == 0);
  done(8, unlink("/a") == 0);
  done(9, mkdir("/d/e") == 0);
  fd2 = open("/d/e/z", O_CREATE | O_WRONLY);
  done(10, fd2 >= 0);
  done(11, write(fd2, "zz", 2) == 2);
  close(fd2);
  done(12, unlink("/d/x") == 0);
  fd = open("/y", O_WRONLY | O_TRUNC);
  done(13, fd >= 0);
  close(fd);
  fd = open("/y", O_WRONLY | O_APPEND);
  fill(3000, 'q');
  done(14, write(fd, data, 3000) == 3000);
  close(fd);
  done(15, unlink("/d/e/z") == 0);
  done(16, unlink("/d/e") == 0);
  fd = open("/w", O_CREATE | O_WRONLY);
  done(17, fd >= 0);
  fill(4096, 'w');
  done(18, write(fd, data, 4096) == 4096);
  close(fd);
  say("crashwork: end\n");
  halt(0);
  return 0;
}
