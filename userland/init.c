// init.c: the first user program (pid 1).
//
// It opens the console as descriptors 0, 1 and 2, then runs the shell
// (/bin/sh). Every process whose parent dies becomes init's child, so
// init also collects those. When the shell exits, init powers the
// machine off with the shell's exit status: that is how ^D at the
// prompt, `exit` and the end of a `minos run` script stop the machine.
//
// While the file WAITCHECK exists (waitcheck, userland/bin/waitcheck.c,
// makes it around a program the lab graders check), init says so on the
// console for every orphan it collects: a process whose parent exited
// without waiting for it.

#include "types.h"
#include "fcntl.h"
#include "fs.h"

// The system calls init uses (userland/lib/backend/mono/usys.S).
int open(char *path, int flags);
int mknod(char *path, int major, int minor);
int dup(int fd);
int write(int fd, void *buf, int n);
int fork(void);
int exec(char *path, char **argv);
int wait(int *status);
int setpgid(int pid, int pgid);
int close(int fd);

#define WAITCHECK "/.waitcheck"
void halt(int status);
void exit(int status);

static void
say(char *s)
{
  int n = 0;

  while (s[n])
    n++;
  write(2, s, n);
}

static void
say_int(int v)
{
  char buf[12];
  int i = sizeof(buf);

  buf[--i] = 0;
  do {
    buf[--i] = '0' + v % 10;
    v /= 10;
  } while (v && i > 0);
  say(buf + i);
}

// An orphan pid was collected: report it if a waitcheck is running.
static void
orphan(int pid)
{
  int fd = open(WAITCHECK, O_RDONLY);

  if (fd < 0)
    return;
  close(fd);
  say("waitcheck: pid ");
  say_int(pid);
  say(" exited after its parent, which never waited for it\n");
}

int
main(void)
{
  char *argv[2];
  int pid, wpid, status;

  if (open("/dev/console", O_RDWR) < 0) {
    mknod("/dev/console", CONSOLE, 0);
    if (open("/dev/console", O_RDWR) < 0 && open("/console", O_RDWR) < 0) {
      mknod("/console", CONSOLE, 0);
      open("/console", O_RDWR);
    }
  }
  dup(0);   // stdout
  dup(0);   // stderr

  argv[0] = "sh";
  argv[1] = 0;
  pid = fork();
  if (pid < 0) {
    say("init: fork failed\n");
    halt(1);
  }
  if (pid == 0) {
    setpgid(0, 0);
    exec("/bin/sh", argv);
    say("init: cannot run /bin/sh\n");
    exit(127);
  }
  for (;;) {
    status = 0;
    wpid = wait(&status);
    if (wpid == pid || wpid < 0)
      break;
    orphan(wpid);         // collected: a parent that did not wait for it
  }
  halt(status);
  return 0;
}
