/* proc.c: the process calls of libc's micro backend — each one a
 * message to the process manager (servers/pm/), with the same C
 * signature and errno behaviour as mono's trap stubs
 * (userland/lib/backend/mono/usys.S), so programs link unchanged.
 *
 * A call is ipc_call on the capability every process holds in slot
 * PROC_PM (badged by pm with its pid: pm knows who asks). The reply's
 * w[0] is the result or -ENUMBER (servers/include/proto.h), which
 * __sysret() turns into errno and -1 as usys.S's __sysret does. fork's
 * stub is in fork.S (the child must start in the middle of it).
 *
 * Calls that belong to one kernel structure (mono's page table, its
 * scheduler, its process table) fail here with ENOSYS: docs/micro.md
 * lists them. */
#include "syscall.h"     /* first: ipc.h's SYS_* (the micro calls) win where names meet */
#include "mk.h"
#include "proto.h"
#include "param.h"
#include "memlayout.h"
#include <string.h>
#include "backend.h"

extern int errno;

/* An error (backend.h's __syserror) becomes errno and -1. */
int
__sysret(int r)
{
    if (__syserror(r)) {
        errno = -r;
        return -1;
    }
    return r;
}

int
__useraddr(void *p, unsigned int n)
{
    unsigned int a = (unsigned int)p;

    return a >= USER_BASE && a < USERTOP && n <= USERTOP - a;
}

/* The kernel copies a message (or mem_info's words) straight into a
 * process's memory, and does not fault on the process's behalf in the
 * middle of a system call: a page the process has not touched yet (a
 * lazy heap or stack page) or one it shares copy-on-write after a fork
 * is -EFAULT there. Then pm, the pager, is asked to make the pages ready
 * (PM_TOUCH: what it does at a page fault, but an address the process
 * may not have is -EFAULT, not its death) and the call is made again
 * (fsclient.c's fscall, meminfo below). */
int
__faultin(void *p, unsigned int n, int write)
{
    unsigned int va = (unsigned int)p & ~4095u, end = (unsigned int)p + n;
    int r;

    for (; n > 0 && va < end; va += 4096)
        if ((r = ipc_callw(PROC_PM, PM_TOUCH, va, write)) < 0)
            return r;
    return 0;
}

/* The kernel's counts: free and total pages, cores, ticks. */
static int
meminfo(unsigned int k[4])
{
    int r = mem_info(k);

    if (r == -EFAULT && __faultin(k, 4 * sizeof(k[0]), 1) == 0)
        r = mem_info(k);
    return __sysret(r);
}

static int
efault(void)
{
    errno = EFAULT;
    return -1;
}

/* Ask pm: label, two words; a long part of len bytes at buf. On return
 * m holds the reply. Returns w[0] of the reply, or the kernel's error. */
static int
pmcall(struct msg *m, int label, int a, int b, void *buf, int len)
{
    int r;

    m->info = IPC_INFO(label, len);
    m->w[0] = a;
    m->w[1] = b;
    m->buf = (unsigned int)buf;
    m->size = 0;
    r = ipc_call(PROC_PM, m);
    return r < 0 ? r : (int)m->w[0];
}

/* A call of two words whose reply is one word (getpid, sbrk, kill...):
 * ipc_callw (ipc.S) moves them in registers, no struct msg in memory,
 * so the kernel's fast path carries it both ways. */
static int
pm(int label, int a, int b)
{
    int r = ipc_callw(PROC_PM, label, a, b);

    return __syserror(r) ? __sysret(r) : r;     /* no second call when all is well */
}

/* fork.S: the parent's half. pc and sp are where the child starts. */
int
__pmfork(unsigned int pc, unsigned int sp)
{
    return pm(PM_FORK, pc, sp);
}

void
_exit(int status)
{
    for (;;)
        pm(PM_EXIT, status, 0);
}

int
waitpid(int pid, int *status, int options)
{
    struct msg m;
    int r;

    if (status && !__useraddr(status, sizeof(*status)))
        return efault();
    r = __sysret(pmcall(&m, PM_WAIT, pid, options, 0, 0));

    if (r > 0 && status)
        *status = m.w[1];
    return r;
}

int
wait(int *status)
{
    return waitpid(-1, status, 0);
}

/* Append string s to the n bytes at buf; the new length, or -1 if the
 * long part would be too long. */
static int
pack(char *buf, int n, char *s)
{
    int len = strlen(s) + 1;

    if (n < 0 || n + len > IPC_MAXLONG)
        return -1;
    memmove(buf + n, s, len);
    return n + len;
}

/* The path and the argument strings, one after another, as the long
 * part (proto.h: PM_EXEC). On success it does not return. */
int
exec(char *path, char **argv)
{
    char buf[IPC_MAXLONG];
    struct msg m;
    int n, argc, r, tries;

    if (!__useraddr(path, 1) || !__useraddr(argv, sizeof(char *)))
        return efault();
    n = pack(buf, 0, path);
    for (argc = 0; n >= 0; argc++) {
        if (!__useraddr(argv + argc, sizeof(char *)))
            return efault();
        if (argv[argc] == 0)
            break;
        if (!__useraddr(argv[argc], 1))
            return efault();
        n = pack(buf, n, argv[argc]);
    }
    if (n < 0 || argc > MAXARG) {
        errno = E2BIG;
        return -1;
    }
    // pm may be waiting with no room for a long part (proto.h): the
    // kernel says -E2BIG, we tell pm one is coming and send it again.
    for (tries = 0; tries < 3; tries++) {
        m.info = IPC_INFO(PM_EXEC, n);
        m.w[0] = argc;
        m.buf = (unsigned int)buf;
        m.size = 0;
        if ((r = ipc_call(PROC_PM, &m)) != -E2BIG)
            return __sysret(r < 0 ? r : (int)m.w[0]);
        pm(PM_LONG, 0, 0);
    }
    return __sysret(r);
}

int kill(int pid)                 { return pm(PM_KILL, pid, 0); }
int getpid(void)                  { return pm(PM_GETPID, 0, 0); }
int getppid(void)                 { return pm(PM_GETPPID, 0, 0); }
char *sbrk(int n)                 { return (char *)pm(PM_SBRK, n, 0); }
int setpgid(int pid, int pgid)    { return pm(PM_SETPGID, pid, pgid); }
int getpgid(int pid)              { return pm(PM_GETPGID, pid, 0); }
int tcsetpgrp(int pgid)           { return pm(PM_TCSETPGRP, pgid, 0); }
int tcgetpgrp(void)               { return pm(PM_TCGETPGRP, 0, 0); }
void halt(int status)             { pm(PM_HALT, status, 0); }

/* The kernel's counts (mem_info: free and total pages, cores, ticks)
 * and pm's (processes). */
int
sysinfo(struct sysinfo *info)
{
    unsigned int k[4];
    int n;

    if (!__useraddr(info, sizeof(*info)))
        return efault();
    if ((n = pm(PM_NPROC, 0, 0)) < 0 || meminfo(k) < 0)
        return -1;
    info->freepages = k[0];
    info->totalpages = k[1];
    info->ncpu = k[2];
    info->uptime = k[3];
    info->nproc = n;
    return 0;
}

/* Mono's alone: its process table, page tables, scheduler and lab calls
 * (vmstats is pm's, above). */
static int
nosys(void)
{
    errno = ENOSYS;
    return -1;
}

int getprocs(struct procinfo *buf, int max)     { return nosys(); }
int cpuinfo(int core, struct cpuinfo *info)     { return nosys(); }
int trace(int mask)                             { return nosys(); }
int setprio(int pid, int prio)                  { return nosys(); }
int vmprint(int pid)                            { return nosys(); }

/* pm's counters (it is the pager: servers/pm/mem.c), and the free
 * pages now. pm never copies a page at fork: forkcopied is 0. */
int
vmstats(struct vmstats *st)
{
    struct msg m;
    unsigned int k[4];

    if (!__useraddr(st, sizeof(*st)))
        return efault();
    if (__sysret(pmcall(&m, PM_VMSTATS, 0, 0, 0, 0)) < 0 || meminfo(k) < 0)
        return -1;
    st->freepages = k[0];
    st->forkcopied = 0;
    st->forkshared = m.w[0];
    st->cowcopied = m.w[1];
    st->cowreused = m.w[2];
    st->lazyalloc = m.w[3];
    return 0;
}

/* The reincarnation server (servers/rs/rs.c), on PROC_RS: without one
 * (a test bundle), ENOSYS as on the other kernels. */
static int
rscall(struct msg *m, int label, int a, void *out, int outlen, void *in, int insize)
{
    int r;

    m->info = IPC_INFO(label, outlen);
    m->w[0] = a;
    m->buf = (unsigned int)(outlen > 0 ? out : in);
    m->size = insize;
    r = ipc_call(PROC_RS, m);
    if (r == -EBADF)
        return nosys();
    return __sysret(r < 0 ? r : (int)m->w[0]);
}

int
svcinfo(int i, struct svcinfo *info)
{
    struct msg m;

    if (!__useraddr(info, sizeof(*info)))
        return efault();
    return rscall(&m, RS_LIST, i, 0, 0, info, sizeof(*info));
}

int
svckill(char *name)
{
    struct msg m;
    int n;

    if (!__useraddr(name, 1))
        return efault();
    n = strlen(name) + 1;
    if (n > 16) {
        errno = ENOENT;         /* no service has so long a name */
        return -1;
    }
    return rscall(&m, RS_KILL, 0, name, n, 0, 0);
}
