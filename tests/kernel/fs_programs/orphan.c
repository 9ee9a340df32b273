// orphan.c: the orphaned-inode test (tests/kernel/test_fs_crash.py),
// run as /bin/init.
//
// It waits for a line on the console (a reboot runs it again and stops
// there), then makes /o with 9000 bytes, unlinks it while it is still
// open, prints "orphan: unlinked" and waits again. The test cuts the
// power there: on disk, /o's inode has nlink 0 and no directory names
// it, and only the close that never came would have freed it. The
// kernel must reclaim it when it mounts the disk again.

#include "fstest.h"

static char data[9000];

int
main(void)
{
  char line[16];
  int fd;
  int i;

  if (open("/dev/console", O_RDWR) < 0)
    halt(99);
  dup(0);
  dup(0);
  say("orphan: waiting\n");
  if (read(0, line, sizeof(line)) <= 0)
    halt(2);

  for (i = 0; i < (int)sizeof(data); i++)
    data[i] = 'o';
  fd = open("/o", O_CREATE | O_RDWR);
  if (fd < 0 || write(fd, data, sizeof(data)) != sizeof(data) || unlink("/o") != 0) {
    say("orphan: FAIL\n");
    halt(1);
  }
  say("orphan: unlinked\n");
  read(0, line, sizeof(line));    // the power is cut while we wait
  close(fd);
  halt(0);
  return 0;
}
