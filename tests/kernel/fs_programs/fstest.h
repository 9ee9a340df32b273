// fstest.h: the little that the file-system test programs need, without
// libc: system-call prototypes and helpers to print and to check.
// Each program includes it once (the helpers are static).

#include "fcntl.h"
#include "stat.h"
#include "fs.h"

int fork(void);
void exit(int status);
int wait(int *status);
int pipe(int *fds);
int read(int fd, void *buf, int n);
int write(int fd, void *buf, int n);
int close(int fd);
int open(char *path, int flags);
int dup(int fd);
int dup2(int oldfd, int newfd);
int fstat(int fd, struct stat *st);
int link(char *old, char *new);
int unlink(char *path);
int mkdir(char *path);
int mknod(char *path, int major, int minor);
int chdir(char *path);
int getcwd(char *buf, int size);
int getpid(void);
int exec(char *path, char **argv);
char *sbrk(int n);
void halt(int status);
int setpgid(int pid, int pgid);
int tcsetpgrp(int pgid);
int tcgetpgrp(void);
int sleep(int ticks);

static int failures = 0;

static int
slen(char *s)
{
  int n = 0;

  while (s[n])
    n++;
  return n;
}

static int
seq(char *a, char *b)
{
  while (*a && *a == *b) {
    a++;
    b++;
  }
  return *a == *b;
}

static void
say(char *s)
{
  write(1, s, slen(s));
}

static void
sayint(int v)
{
  char buf[12];
  int i = 11;
  int neg = v < 0;
  unsigned int u = neg ? -v : v;

  buf[i] = 0;
  do {
    buf[--i] = '0' + u % 10;
    u /= 10;
  } while (u);
  if (neg)
    buf[--i] = '-';
  say(buf + i);
}

// Report a failed expectation (with the line, to find it) and count it.
#define CHECK(cond) check((cond), #cond, __LINE__)

static void
check(int ok, char *what, int line)
{
  if (!ok) {
    say("FAIL line ");
    sayint(line);
    say(": ");
    say(what);
    say("\n");
    failures++;
  }
}

// Size of the file at path per fstat, or -1.
static int
filesize(char *path)
{
  struct stat st;
  int fd = open(path, O_RDONLY);

  if (fd < 0)
    return -1;
  if (fstat(fd, &st) < 0) {
    close(fd);
    return -1;
  }
  close(fd);
  return st.size;
}
