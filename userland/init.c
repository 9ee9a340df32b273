// init.c: the first user program (pid 1).
//
// It opens the console as descriptors 0, 1 and 2, then runs the shell
// (/bin/sh). Every process whose parent dies becomes init's child, so
// init also collects those. When the shell exits, init powers the
// machine off with the shell's exit status: that is how ^D at the
// prompt, `exit` and the end of a `minos run` script stop the machine.

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
    // an orphan: nothing to do but collect it
  }
  halt(status);
  return 0;
}
