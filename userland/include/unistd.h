/* unistd.h: the system interface libc offers every program.
 *
 * On the monolithic kernel each of these is one trap
 * (userland/lib/backend/mono/usys.S); on the other kernels the backend
 * does the same job by other means, and programs do not change. Every
 * call returns -1 on failure, with the reason in errno (<errno.h>). The
 * numbers and structures live in kernel/include/syscall.h, stat.h and
 * fcntl.h, the one copy shared with the kernel. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include "syscall.h"
#include "stat.h"
#include "fcntl.h"

/* processes */
int fork(void);
void _exit(int status);
int wait(int *status);
int waitpid(int pid, int *status, int options);
int kill(int pid);
int exec(char *path, char **argv);
int getpid(void);
int getppid(void);
int setpgid(int pid, int pgid);
int getpgid(int pid);
int tcsetpgrp(int pgid);
int tcgetpgrp(void);
void halt(int status);

/* memory and time */
char *sbrk(int n);
int sleep(int ticks);          /* clock ticks, not seconds: TICKS_PER_SECOND */
int uptime(void);
int getprocs(struct procinfo *buf, int max);
int cpuinfo(int core, struct cpuinfo *info);
/* BEGIN SOLUTION syscall */
int sysinfo(struct sysinfo *info);
int trace(int mask);           /* print the calls in mask (bit 1 << SYS_x) */
/* END SOLUTION syscall */
/* STUB syscall
// Lab syscall: declare sysinfo() and trace() here.
*/
int setprio(int pid, int prio); /* lab sched: ticks per time slice; returns the old one */
int vmprint(int pid);          /* lab pgtbl: print pid's page table on the console (0 = self) */
int vmstats(struct vmstats *st);  /* lab pgtbl: the memory system's counters */
/* micro's services (its reincarnation server); ENOSYS on mono and exo */
int svcinfo(int i, struct svcinfo *info);   /* service i (0, 1, ...); ENOENT past the last */
int svckill(char *name);                    /* kill a service: rs restarts it */

/* files */
int open(char *path, int flags);
int read(int fd, void *buf, int n);
int write(int fd, void *buf, int n);
int close(int fd);
int dup(int fd);
int dup2(int oldfd, int newfd);
int pipe(int fd[2]);
int fstat(int fd, struct stat *st);
int link(char *oldpath, char *newpath);
int unlink(char *path);
int mkdir(char *path);
int mknod(char *path, int major, int minor);
int chdir(char *path);
int getcwd(char *buf, int size);

/* libc helpers built on the calls above (userland/lib/unistd.c) */
#define TICKS_PER_SECOND 100   /* a tick is 10,000 cycles (kernel/include/param.h) */
int stat(char *path, struct stat *st);   /* open + fstat + close */
int isatty(int fd);
int execvp(char *name, char **argv);     /* tries name, then /bin/name */
int writeall(int fd, void *buf, int n);  /* write until done or error */

/* getopt (userland/lib/getopt.c): the next option letter of argv, '?' for
 * an unknown one (or a missing argument), -1 at the first operand. */
extern char *optarg;     /* the option's argument ("o:" in optstring) */
extern int optind;       /* the index of the next argv element to look at */
extern int opterr;       /* 0: no message on stderr for a bad option */
extern int optopt;       /* the letter of the last option seen */
int getopt(int argc, char **argv, const char *optstring);

#endif
