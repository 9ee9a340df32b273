/* fsclient.c: the file calls of libc's micro backend — each one a
 * message to the file-system server (servers/fs/), with the same C
 * signature and errno behaviour as mono's trap stubs
 * (userland/lib/backend/mono/usys.S), so programs link unchanged.
 *
 * A call is ipc_call on the capability every process holds in slot
 * PROC_FS (badged by pm with its pid: the server keeps the process's
 * descriptors under that badge). Paths and data travel as the message's
 * long part (proto.h, FS section): a path of more than MAXPATH bytes is
 * ENAMETOOLONG before it is sent; a read asks for at most IPC_MAXLONG
 * bytes (a shorter read, as Unix allows); a write is sent in pieces of
 * IPC_MAXLONG bytes and returns the bytes written. The reply's w[0] is
 * the result or -ENUMBER, which __sysret turns into errno and -1. A
 * pointer outside user memory is EFAULT (backend.h), as on mono. */
#include "syscall.h"     /* first: ipc.h's SYS_* (the micro calls) win where names meet */
#include "mk.h"
#include "proto.h"
#include "stat.h"
#include "unixlimits.h"
#include <string.h>
#include "backend.h"

/* Send label with two words and a long part of len bytes at out; the
 * reply's long part (at most insize bytes) lands at in. Returns the
 * reply's w[0], or the kernel's error; *m holds the reply. A buffer
 * the kernel finds not ready (-EFAULT: a lazy or copy-on-write page)
 * is made ready by pm, and the call sent again (proc.c: __faultin). */
static int
fscall(struct msg *m, int label, int a, int b, void *out, int len, void *in, int insize)
{
    int r, tries;

    if (len > 0 && in != 0 && in != out)
        return -EINVAL;         /* one buffer both ways (ipc.h) */
    for (tries = 0; tries < 2; tries++) {
        m->info = IPC_INFO(label, len);
        m->w[0] = a;
        m->w[1] = b;
        m->buf = (unsigned int)(len > 0 ? out : in);
        m->size = insize;
        r = ipc_call(PROC_FS, m);
        if (r != -EFAULT || __faultin(out, len, 0) < 0 || __faultin(in, insize, 1) < 0)
            break;
    }
    return r < 0 ? r : (int)m->w[0];
}

/* A call whose argument is a path (and two words). */
static int
pathcall(int label, char *path, int a, int b)
{
    struct msg m;
    int n;

    if (!__useraddr(path, 1))
        return __sysret(-EFAULT);
    n = strlen(path) + 1;
    if (n > MAXPATH)
        return __sysret(-ENAMETOOLONG);
    return __sysret(fscall(&m, label, a, b, path, n, 0, 0));
}

/* A call of words only. */
static int
wordcall(int label, int a, int b)
{
    struct msg m;

    return __sysret(fscall(&m, label, a, b, 0, 0, 0, 0));
}

int
open(char *path, int flags)
{
    return pathcall(FS_OPEN, path, flags, 0);
}

int
read(int fd, void *buf, int n)
{
    struct msg m;

    if (n < 0)
        return __sysret(-EINVAL);
    if (n > IPC_MAXLONG)
        n = IPC_MAXLONG;
    if (n > 0 && !__useraddr(buf, n))
        return __sysret(-EFAULT);
    return __sysret(fscall(&m, FS_READ, fd, n, 0, 0, buf, n));
}

int
write(int fd, void *buf, int n)
{
    struct msg m;
    char *p = buf;
    int done = 0;
    int k;
    int r;

    if (n < 0)
        return __sysret(-EINVAL);
    if (n > 0 && !__useraddr(buf, n))
        return __sysret(-EFAULT);
    do {
        k = n - done > IPC_MAXLONG ? IPC_MAXLONG : n - done;
        r = fscall(&m, FS_WRITE, fd, 0, p + done, k, 0, 0);
        if (r < 0)
            return done > 0 ? done : __sysret(r);
        done += r;
    } while (done < n && r == k);
    return done;
}

int
close(int fd)
{
    return wordcall(FS_CLOSE, fd, 0);
}

int
dup(int fd)
{
    return wordcall(FS_DUP, fd, 0);
}

int
dup2(int oldfd, int newfd)
{
    return wordcall(FS_DUP2, oldfd, newfd);
}

int
pipe(int fd[2])
{
    struct msg m;
    int r;

    if (!__useraddr(fd, 2 * sizeof(int)))
        return __sysret(-EFAULT);
    r = fscall(&m, FS_PIPE, 0, 0, 0, 0, 0, 0);
    if (r == 0) {
        fd[0] = m.w[1];
        fd[1] = m.w[2];
    }
    return __sysret(r);
}

int
fstat(int fd, struct stat *st)
{
    struct msg m;

    if (!__useraddr(st, sizeof(*st)))
        return __sysret(-EFAULT);
    return __sysret(fscall(&m, FS_FSTAT, fd, 0, 0, 0, st, sizeof(*st)));
}

int
link(char *oldpath, char *newpath)
{
    struct msg m;
    char both[2 * MAXPATH];
    int a;
    int b;

    if (!__useraddr(oldpath, 1) || !__useraddr(newpath, 1))
        return __sysret(-EFAULT);
    a = strlen(oldpath) + 1;
    b = strlen(newpath) + 1;
    if (a > MAXPATH || b > MAXPATH)
        return __sysret(-ENAMETOOLONG);
    memmove(both, oldpath, a);
    memmove(both + a, newpath, b);
    return __sysret(fscall(&m, FS_LINK, 0, 0, both, a + b, 0, 0));
}

int
unlink(char *path)
{
    return pathcall(FS_UNLINK, path, 0, 0);
}

int
mkdir(char *path)
{
    return pathcall(FS_MKDIR, path, 0, 0);
}

int
mknod(char *path, int major, int minor)
{
    return pathcall(FS_MKNOD, path, major, minor);
}

int
chdir(char *path)
{
    return pathcall(FS_CHDIR, path, 0, 0);
}

int
getcwd(char *buf, int size)
{
    struct msg m;
    char path[MAXPATH];
    int r;

    if (size > 0 && !__useraddr(buf, size))
        return __sysret(-EFAULT);
    r = fscall(&m, FS_GETCWD, size, 0, 0, 0, path, sizeof(path));
    if (r >= 0)
        memmove(buf, path, r + 1);
    return __sysret(r);
}
