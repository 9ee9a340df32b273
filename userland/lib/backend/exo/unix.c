/* unix.c: the libc system interface on the exokernel: library calls.
 *
 * Each function of <unistd.h> calls the Unix library OS (libos/unix)
 * directly; no trap, unless the library needs the kernel (a page to
 * bind, an env to make, console output). The library returns what
 * mono's kernel would: a result, or -ENUMBER (kernel/include/errnum.h);
 * ret() turns an error into errno and -1 as mono's usys.S __sysret does,
 * so programs see the same C signatures and the same errno values.
 *
 * Calls whose meaning belongs to another structure fail with ENOSYS and
 * say so once (docs/exo.md lists them): the kernel's scheduler knobs
 * (setprio), its page tables (vmprint), its tracing (trace), and micro's
 * services (svcinfo, svckill). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include "unix.h"

static int ret(int r)
{
    if ((unsigned int)r >= (unsigned int)-MAXERRNO) {
        errno = -r;
        return -1;
    }
    return r;
}

static int nosys(const char *call, const char *why)
{
    fprintf(stderr, "%s: not on the exokernel (%s)\n", call, why);
    errno = ENOSYS;
    return -1;
}

/* the library's hooks for libos/libos.c: output and the end */
void libos_flush(void) { flushall(); }
void libos_exit(int status) { flushall(); unix_exit(status); }

int fork(void) { return ret(unix_fork()); }
void _exit(int status) { unix_exit(status); }
int wait(int *status) { return ret(unix_waitpid(-1, status, 0)); }
int waitpid(int pid, int *status, int options) { return ret(unix_waitpid(pid, status, options)); }
int kill(int pid) { return ret(unix_kill(pid)); }
int exec(char *path, char **argv) { return ret(unix_exec(path, argv)); }
int getpid(void) { return unix_getpid(); }
int getppid(void) { return unix_getppid(); }
int setpgid(int pid, int pgid) { return ret(unix_setpgid(pid, pgid)); }
int getpgid(int pid) { return ret(unix_getpgid(pid)); }
int tcsetpgrp(int pgid) { return ret(unix_tcsetpgrp(pgid)); }
int tcgetpgrp(void) { return ret(unix_tcgetpgrp()); }
void halt(int status) { flushall(); unix_halt(status); }

char *sbrk(int n) { return (char *)ret((int)unix_sbrk(n)); }
int sleep(int ticks) { return ret(unix_sleep(ticks)); }
int uptime(void) { return unix_uptime(); }
int getprocs(struct procinfo *buf, int max) { return ret(unix_getprocs(buf, max)); }
int vmstats(struct vmstats *st) { return ret(unix_vmstats(st)); }
int cpuinfo(int core, struct cpuinfo *info) { return nosys("cpuinfo", "the cores are the kernel's"); }
int sysinfo(struct sysinfo *info)
{
    struct procinfo p[NUPROC];

    unix_reclaim();     /* our pages that no one maps any more go back first (proc.c) */
    info->freepages = exoinfo->nfree;
    info->totalpages = exoinfo->npages;
    info->nproc = unix_getprocs(p, NUPROC);
    info->ncpu = 1;
    info->uptime = exoinfo->ticks;
    return 0;
}
int trace(int mask) { return nosys("trace", "there are no system calls to trace: Unix is a library"); }
int setprio(int pid, int prio) { return nosys("setprio", "the scheduler is the kernel's"); }
int vmprint(int pid) { return nosys("vmprint", "page tables are the kernel's"); }
int svcinfo(int i, struct svcinfo *info) { return nosys("svcinfo", "services are micro's"); }
int svckill(char *name) { return nosys("svckill", "services are micro's"); }

int open(char *path, int flags) { return ret(unix_open(path, flags)); }
int read(int fd, void *buf, int n) { return ret(unix_read(fd, buf, n)); }
int write(int fd, void *buf, int n) { return ret(unix_write(fd, buf, n)); }
int close(int fd) { return ret(unix_close(fd)); }
int dup(int fd) { return ret(unix_dup(fd)); }
int dup2(int oldfd, int newfd) { return ret(unix_dup2(oldfd, newfd)); }
int pipe(int fd[2]) { return ret(unix_pipe(fd)); }
int fstat(int fd, struct stat *st) { return ret(unix_fstat(fd, st)); }
int link(char *oldpath, char *newpath) { return ret(unix_link(oldpath, newpath)); }
int unlink(char *path) { return ret(unix_unlink(path)); }
int mkdir(char *path) { return ret(unix_mkdir(path)); }
int mknod(char *path, int major, int minor) { return ret(unix_mknod(path, major, minor)); }
int chdir(char *path) { return ret(unix_chdir(path)); }
int getcwd(char *buf, int size) { return ret(unix_getcwd(buf, size)); }
