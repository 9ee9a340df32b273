// diskfull.c: the file-size and disk-space limits give errors
// (tests/kernel/test_fs_limits.py), run as /bin/init.
//
// /big grows until writei refuses to go past MAXFILE blocks: EFBIG, at
// exactly MAXFILE * BSIZE bytes. /fill then grows until the disk has no
// free block: ENOSPC, with the file holding what was written. After
// both are removed, a small file can be written again. Prints
// "diskfull: N failures" and halts with N.

#include "fstest.h"
#include "errnum.h"

extern int errno;

#define CHUNK (3 * BSIZE)      // one transaction's worth (filewrite's chunk)

static char data[CHUNK];

// Write CHUNK, then single blocks, until a write fails; return its errno
// and the bytes written in *size.
static int
grow(int fd, int *size)
{
  int n = CHUNK;
  int r;

  *size = 0;
  for (;;) {
    r = write(fd, data, n);
    if (r > 0)
      *size += r;
    if (r == n)
      continue;
    if (r < 0 && n == BSIZE)
      return errno;
    n = BSIZE;                 // near the limit: a block at a time
  }
}

int
main(void)
{
  int fd;
  int size;
  int err;

  if (open("/dev/console", O_RDWR) < 0)
    halt(99);
  dup(0);
  dup(0);

  fd = open("/big", O_CREATE | O_RDWR);
  err = grow(fd, &size);
  CHECK(err == EFBIG);
  CHECK(size == MAXFILE * BSIZE);
  CHECK(filesize("/big") == MAXFILE * BSIZE);
  close(fd);

  fd = open("/fill", O_CREATE | O_RDWR);
  err = grow(fd, &size);
  CHECK(err == ENOSPC);
  CHECK(size > 0 && filesize("/fill") == size);
  close(fd);
  fd = open("/more", O_CREATE | O_RDWR);           // an inode is still free,
  CHECK(fd >= 0);
  CHECK(write(fd, data, BSIZE) < 0 && errno == ENOSPC);   // a block is not
  close(fd);

  CHECK(unlink("/big") == 0 && unlink("/fill") == 0 && unlink("/more") == 0);
  fd = open("/after", O_CREATE | O_RDWR);
  CHECK(write(fd, data, CHUNK) == CHUNK);
  close(fd);
  CHECK(unlink("/after") == 0);

  say("diskfull: ");
  sayint(failures);
  say(" failures\n");
  halt(failures);
  return 0;
}
