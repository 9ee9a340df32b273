// fsrestart.c: what a process sees when micro's file-system server is
// killed under it (tests/micro/test_micro_rs.py; docs/micro.md, "What
// can and cannot be recovered"). An ordinary user program: the test puts
// it on the disk, and the shell runs it.
//
// It writes a file (a write returns once its transaction is committed:
// the data is on the disk), opens it and reads a little, then kills the
// fs server (svc kill fs). The server's state dies with it: the open
// file and this process's descriptor table. So the next read of that
// descriptor, served by the new instance, fails with EBADF (the new
// server has never heard of it) — an error, never a hang — and a new
// open works and reads back what was written before the kill, whole.
// Each broken rule prints a FAIL line; the verdict is the last line.

#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "check.h"

static char text[] = "written before the kill\n";

int
main(void)
{
  char buf[64];
  int fd, r, n = strlen(text);

  fd = open("fsrestart.out", O_CREATE | O_RDWR | O_TRUNC);
  check(fd >= 0 && write(fd, text, n) == n && close(fd) == 0, "write the file", fd);
  fd = open("fsrestart.out", O_RDONLY);
  r = read(fd, buf, 8);
  check(r == 8, "read before the kill", r);
  r = svckill("fs");
  check(r == 0, "svc kill fs", errno);
  errno = 0;
  r = read(fd, buf, 8);
  printf("fsrestart: read of descriptor %d after the kill: %d (%s)\n", fd, r,
         r < 0 ? strerror(errno) : "no error");
  check(r == -1 && errno == EBADF, "the old descriptor is EBADF", errno);
  fd = open("fsrestart.out", O_RDONLY);
  check(fd >= 0, "a new open", fd);
  memset(buf, 0, sizeof(buf));
  r = read(fd, buf, sizeof(buf));
  check(r == n && memcmp(buf, text, n) == 0, "the file reads back whole", r);
  close(fd);
  check(unlink("fsrestart.out") == 0, "unlink", errno);
  printf(failures ? "fsrestart FAILED\n" : "fsrestart PASSED\n");
  return failures != 0;
}
