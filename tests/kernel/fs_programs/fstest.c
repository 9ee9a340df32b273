// fstest.c: file-system system calls through the monolithic kernel, run
// as /init by tests/kernel/test_fs.py. Prints "FAIL line N: ..." for
// each failed check, then "fstest: N failures" and powers off with N.

#include "fstest.h"

static char buf[16384];

static void
test_create_read_write(void)
{
  int fd;
  int n;

  CHECK(open("/nonexistent", O_RDONLY) < 0);
  fd = open("/f1", O_CREATE | O_RDWR);
  CHECK(fd >= 0);
  CHECK(write(fd, "hello", 5) == 5);
  CHECK(close(fd) == 0);
  CHECK(close(fd) < 0);                       // already closed

  fd = open("/f1", O_RDONLY);
  CHECK(fd >= 0);
  n = read(fd, buf, sizeof(buf));
  CHECK(n == 5);
  buf[5] = 0;
  CHECK(seq(buf, "hello"));
  CHECK(read(fd, buf, sizeof(buf)) == 0);     // end of file
  CHECK(write(fd, "x", 1) < 0);               // opened read-only
  close(fd);

  fd = open("/f1", O_WRONLY);
  CHECK(read(fd, buf, 1) < 0);                // opened write-only
  CHECK(write(fd, "J", 1) == 1);              // overwrites at offset 0
  close(fd);
  fd = open("/f1", O_RDONLY);
  CHECK(read(fd, buf, 5) == 5);
  buf[5] = 0;
  CHECK(seq(buf, "Jello"));
  close(fd);
}

static void
test_trunc_append(void)
{
  int fd;

  fd = open("/f1", O_WRONLY | O_TRUNC);
  CHECK(fd >= 0);
  close(fd);
  CHECK(filesize("/f1") == 0);

  fd = open("/f1", O_WRONLY);
  CHECK(write(fd, "ab", 2) == 2);
  close(fd);
  fd = open("/f1", O_WRONLY | O_APPEND);
  CHECK(write(fd, "cd", 2) == 2);
  CHECK(write(fd, "ef", 2) == 2);
  close(fd);
  fd = open("/f1", O_RDONLY);
  CHECK(read(fd, buf, 100) == 6);
  buf[6] = 0;
  CHECK(seq(buf, "abcdef"));
  close(fd);
  CHECK(unlink("/f1") == 0);
  CHECK(open("/f1", O_RDONLY) < 0);
  CHECK(unlink("/f1") < 0);
}

// A file larger than the direct blocks: it needs the indirect block.
static void
test_big_file(void)
{
  int fd;
  int i;
  int j;
  int n;
  int bad = 0;
  int total = 0;

  fd = open("/big", O_CREATE | O_WRONLY);
  CHECK(fd >= 0);
  for (i = 0; i < 14; i++) {                  // 14 * 4 KiB > NDIRECT blocks
    for (j = 0; j < 4096; j++)
      buf[j] = i + j;
    if (write(fd, buf, 4096) != 4096)
      bad++;
  }
  CHECK(bad == 0);
  close(fd);
  CHECK(filesize("/big") == 14 * 4096);

  fd = open("/big", O_RDONLY);
  for (i = 0; i < 14; i++) {
    n = read(fd, buf, 4096);
    total += n;
    for (j = 0; j < n; j++) {
      if (buf[j] != (char)(i + j))
        bad++;
    }
  }
  CHECK(total == 14 * 4096);
  CHECK(bad == 0);
  close(fd);
  CHECK(unlink("/big") == 0);
}

// A file of more than 1 MiB, written 16 KiB at a time: each 4 KiB block
// is stamped with its number, read back the same way.
static void
test_huge_file(void)
{
  int fd;
  int i;
  int k;
  int bad = 0;
  int nblocks = 260;            // 1040 KiB: deep into the indirect block

  for (i = 0; i < 16384; i++)
    buf[i] = i;
  fd = open("/huge", O_CREATE | O_WRONLY);
  CHECK(fd >= 0);
  for (i = 0; i < nblocks; i += 4) {
    for (k = 0; k < 4; k++)
      *(int *)(buf + k * 4096) = i + k;
    if (write(fd, buf, 16384) != 16384)
      bad++;
  }
  close(fd);
  CHECK(bad == 0);
  CHECK(filesize("/huge") == nblocks * 4096);

  fd = open("/huge", O_RDONLY);
  for (i = 0; i < nblocks; i++) {
    if (read(fd, buf, 4096) != 4096 || *(int *)buf != i || buf[4095] != (char)4095)
      bad++;
  }
  CHECK(read(fd, buf, 1) == 0);
  CHECK(bad == 0);
  close(fd);
  CHECK(unlink("/huge") == 0);
}

static void
test_directories(void)
{
  char cwd[128];
  int fd;
  struct stat st;

  CHECK(mkdir("/d") == 0);
  CHECK(mkdir("/d") < 0);                     // exists
  CHECK(mkdir("/d/e") == 0);
  CHECK(mkdir("/nope/e") < 0);                // no parent
  CHECK(chdir("/d/e") == 0);
  CHECK(getcwd(cwd, sizeof(cwd)) == 4);
  CHECK(seq(cwd, "/d/e"));
  CHECK(getcwd(cwd, 3) < 0);                  // too small

  fd = open("rel", O_CREATE | O_WRONLY);      // relative to the cwd
  CHECK(fd >= 0);
  CHECK(write(fd, "r", 1) == 1);
  close(fd);
  CHECK(filesize("/d/e/rel") == 1);
  CHECK(filesize("../e/./rel") == 1);
  CHECK(filesize("../../d/e/rel") == 1);

  CHECK(chdir("..") == 0);
  CHECK(getcwd(cwd, sizeof(cwd)) == 2);
  CHECK(seq(cwd, "/d"));
  CHECK(chdir("e/rel") < 0);                  // not a directory
  CHECK(chdir("/") == 0);
  CHECK(getcwd(cwd, sizeof(cwd)) == 1);
  CHECK(seq(cwd, "/"));

  CHECK(open("/d", O_WRONLY) < 0);            // directories are read-only
  fd = open("/d", O_RDONLY);
  CHECK(fd >= 0);
  CHECK(fstat(fd, &st) == 0);
  CHECK(st.type == T_DIR);
  CHECK(st.nlink == 2);                       // its name in / and e's ".."
  close(fd);

  CHECK(unlink("/d/e") < 0);                  // not empty
  CHECK(unlink("/d/e/.") < 0);
  CHECK(unlink("/d/e/..") < 0);
  CHECK(unlink("/d/e/rel") == 0);
  CHECK(unlink("/d/e") == 0);
  CHECK(filesize("/d") >= 0);
  fd = open("/d", O_RDONLY);
  fstat(fd, &st);
  CHECK(st.nlink == 1);
  close(fd);
  CHECK(unlink("/d") == 0);
  CHECK(open("/d", O_RDONLY) < 0);

  // A removed directory that is still the cwd stays empty.
  CHECK(mkdir("/gone") == 0);
  CHECK(chdir("/gone") == 0);
  CHECK(unlink("/gone") == 0);
  CHECK(open("f", O_CREATE | O_RDWR) < 0);
  CHECK(mkdir("sub") < 0);
  CHECK(getcwd(cwd, sizeof(cwd)) < 0);
  CHECK(chdir("/") == 0);

  // A name of exactly DIRSIZ bytes works; a longer one is an error.
  CHECK(mkdir("/abcdefghijklmnopqrstuvwxyz01") == 0);
  CHECK(open("/abcdefghijklmnopqrstuvwxyz012", O_CREATE | O_RDWR) < 0);
  CHECK(unlink("/abcdefghijklmnopqrstuvwxyz01") == 0);
}

static void
test_links(void)
{
  int fd;
  struct stat st;

  fd = open("/l1", O_CREATE | O_WRONLY);
  write(fd, "link", 4);
  close(fd);
  CHECK(link("/l1", "/l2") == 0);
  CHECK(link("/l1", "/l2") < 0);              // exists
  CHECK(link("/nope", "/l3") < 0);
  CHECK(link("/", "/rootlink") < 0);          // no links to directories
  fd = open("/l2", O_RDONLY);
  CHECK(fstat(fd, &st) == 0);
  CHECK(st.nlink == 2 && st.size == 4 && st.type == T_FILE);
  close(fd);
  CHECK(unlink("/l1") == 0);
  CHECK(filesize("/l2") == 4);

  // An open file survives its unlink until it is closed.
  fd = open("/l2", O_RDONLY);
  CHECK(unlink("/l2") == 0);
  CHECK(read(fd, buf, 10) == 4);
  close(fd);
  CHECK(open("/l2", O_RDONLY) < 0);
}

static void
test_dup(void)
{
  int fd;
  int fd2;

  fd = open("/dupf", O_CREATE | O_RDWR);
  fd2 = dup(fd);
  CHECK(fd2 >= 0 && fd2 != fd);
  write(fd, "ab", 2);
  write(fd2, "cd", 2);                        // shares the offset
  close(fd);
  close(fd2);
  CHECK(filesize("/dupf") == 4);

  fd = open("/dupf", O_RDONLY);
  CHECK(dup2(fd, 9) == 9);
  CHECK(read(9, buf, 2) == 2);
  CHECK(read(fd, buf + 2, 2) == 2);
  buf[4] = 0;
  CHECK(seq(buf, "abcd"));
  CHECK(dup2(fd, fd) == fd);
  CHECK(dup2(fd, 16) < 0);
  CHECK(dup2(15, 3) < 0);                     // 15 is not open
  close(fd);
  close(9);
  unlink("/dupf");
}

// Bad descriptors, pointers and paths: -1, and the kernel lives on.
static void
test_bad_arguments(void)
{
  char longpath[200];
  int i;
  int fd;
  int fds[2];
  struct stat st;

  CHECK(read(-1, buf, 1) < 0);
  CHECK(read(16, buf, 1) < 0);
  CHECK(read(1000, buf, 1) < 0);
  CHECK(write(12, buf, 1) < 0);
  CHECK(close(-5) < 0);
  CHECK(fstat(11, &st) < 0);
  CHECK(dup(13) < 0);

  fd = open("/bad", O_CREATE | O_RDWR);
  CHECK(write(fd, "0123456789", 10) == 10);
  CHECK(write(fd, (char *)0x10000, 10) < 0);          // kernel memory
  CHECK(write(fd, (char *)0, 10) < 0);                // NULL
  CHECK(write(fd, buf, -1) < 0);
  close(fd);
  fd = open("/bad", O_RDONLY);
  CHECK(read(fd, (char *)0x10000, 10) < 0);           // into the kernel
  CHECK(read(fd, (char *)0xEFFFFFF0, 10) < 0);        // past the stack top
  CHECK(read(fd, buf, -3) < 0);
  CHECK(fstat(fd, (struct stat *)0x20000) < 0);
  CHECK(fstat(fd, (struct stat *)0) < 0);
  close(fd);
  CHECK(filesize("/bad") == 10);
  unlink("/bad");

  CHECK(open((char *)0x10000, O_RDONLY) < 0);
  CHECK(open((char *)0, O_RDONLY) < 0);
  CHECK(open("", O_RDONLY) < 0);
  CHECK(open("/x", O_CREATE | 3) < 0);                // bad access mode
  CHECK(mkdir((char *)0x10000) < 0);
  CHECK(unlink((char *)1) < 0);
  CHECK(chdir((char *)0x10000) < 0);
  CHECK(link("/bin/init", (char *)0x10000) < 0);
  CHECK(mknod("/dev/bad", 100, 0) < 0);
  CHECK(mknod("/dev/bad", -1, 0) < 0);
  CHECK(pipe((int *)0x10000) < 0);
  CHECK(getcwd((char *)0x10000, 100) < 0);
  CHECK(getcwd(buf, 0) < 0);

  for (i = 0; i < 199; i++)
    longpath[i] = 'a';
  longpath[199] = 0;
  CHECK(open(longpath, O_CREATE | O_RDWR) < 0);       // longer than MAXPATH

  // Every descriptor in use: open fails, nothing leaks.
  for (i = 0; i < 20; i++)
    fd = open("/bin/init", O_RDONLY);
  CHECK(fd < 0);
  for (i = 3; i < 16; i++)
    close(i);
  fd = open("/bin/init", O_RDONLY);
  CHECK(fd == 3);
  close(fd);
}

// A child writes 64 KiB into a pipe; the parent reads it all, then sees
// end of file once the child is gone.
static void
test_pipe(void)
{
  int fds[2];
  int pid;
  int i;
  int n;
  int total = 0;
  int bad = 0;
  int status = -1;

  CHECK(pipe(fds) == 0);
  pid = fork();
  if (pid == 0) {
    close(fds[0]);
    for (i = 0; i < 16; i++) {
      int j;
      for (j = 0; j < 4096; j++)
        buf[j] = (i * 4096 + j) % 251;
      if (write(fds[1], buf, 4096) != 4096)
        exit(1);
    }
    exit(0);
  }
  CHECK(pid > 0);
  close(fds[1]);
  while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
    for (i = 0; i < n; i++) {
      if (buf[i] != (char)((total + i) % 251))
        bad++;
    }
    total += n;
  }
  CHECK(n == 0);
  CHECK(total == 65536);
  CHECK(bad == 0);
  close(fds[0]);
  CHECK(wait(&status) == pid);
  CHECK(status == 0);

  // Writing with no reader fails instead of blocking forever.
  CHECK(pipe(fds) == 0);
  close(fds[0]);
  CHECK(write(fds[1], "x", 1) < 0);
  close(fds[1]);
  CHECK(read(fds[1], buf, 1) < 0);            // closed descriptor
}

// The console as a file: reads return one line (typed by the test).
static void
test_console(void)
{
  int n;

  say("fstest: type a line\n");
  n = read(0, buf, sizeof(buf));
  buf[n > 0 ? n : 0] = 0;
  CHECK(n == 6);
  CHECK(seq(buf, "hello\n"));
  say("fstest: type an edited line\n");
  n = read(0, buf, sizeof(buf));              // "abX<bs>c\n" -> "abc\n"
  buf[n > 0 ? n : 0] = 0;
  CHECK(seq(buf, "abc\n"));
  say("fstest: type a killed line\n");
  n = read(0, buf, sizeof(buf));              // "junk^Uok\n" -> "ok\n"
  buf[n > 0 ? n : 0] = 0;
  CHECK(seq(buf, "ok\n"));
  say("fstest: type end of file\n");
  n = read(0, buf, sizeof(buf));              // "^D" -> 0
  CHECK(n == 0);
  n = read(0, buf, 2);                        // "xyz\n" in two reads
  CHECK(n == 2);
  n = read(0, buf, 10);
  CHECK(n == 2);
}

static void
test_devices(void)
{
  int fd;
  struct stat st;

  fd = open("/dev/null", O_RDWR);
  CHECK(fd >= 0);
  CHECK(write(fd, "gone", 4) == 4);
  CHECK(read(fd, buf, 10) == 0);
  close(fd);

  CHECK(mknod("/console2", CONSOLE, 0) == 0);
  CHECK(mknod("/console2", CONSOLE, 0) < 0);            // exists
  fd = open("/console2", O_WRONLY);
  CHECK(fd >= 0);
  CHECK(fstat(fd, &st) == 0 && st.type == T_DEVICE && st.major == CONSOLE);
  CHECK(write(fd, "fstest: via mknod\n", 18) == 18);
  close(fd);
  CHECK(unlink("/console2") == 0);
  CHECK(open("/console2", O_RDONLY) < 0);
}

// ^C kills the foreground process group (and only that).
static void
test_interrupt(void)
{
  int pid;
  int status;
  char c;

  pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    for (;;)
      read(0, &c, 1);         // blocked on the console when ^C comes
  }
  CHECK(pid > 0);
  setpgid(pid, pid);          // (or the child did it first)
  CHECK(tcsetpgrp(pid) == 0);
  CHECK(tcgetpgrp() == pid);
  say("fstest: press ^C\n");
  CHECK(wait(&status) == pid);
  CHECK(tcsetpgrp(0) == 0);
  say("fstest: interrupted\n");
}

int
main(void)
{
  if (open("/dev/console", O_RDWR) < 0)
    halt(99);
  dup(0);
  dup(0);
  say("fstest: start\n");
  test_create_read_write();
  test_trunc_append();
  test_big_file();
  test_huge_file();
  test_directories();
  test_links();
  test_dup();
  test_bad_arguments();
  test_pipe();
  test_devices();
  test_console();
  test_interrupt();
  say("fstest: ");
  sayint(failures);
  say(" failures\n");
  halt(failures);
  return 0;
}
