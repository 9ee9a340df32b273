/* fstemp.c: TEMPORARY — the file calls of libc's micro backend until
 * the file-system server's client lands (userland/lib/backend/micro/
 * fsclient.c, branch msrv-fs, which deletes this file).
 *
 * Until then a process has no files: write() on fd 1 and 2 goes to the
 * kernel's debugging console (SYS_putc), read() on fd 0 is end of file,
 * and every other file call fails with ENOSYS. (The process holds no
 * capability to the console driver, on purpose: it reaches the console
 * through the file system's console device, as on mono.) */
#include "syscall.h"
#include "mk.h"
#include "stat.h"
#include "backend.h"
#include "fs.h"        /* CONSOLE, the console device's major */
#include <string.h>

extern int errno;

static int
nofs(void)
{
    errno = ENOSYS;
    return -1;
}

int
write(int fd, void *buf, int n)
{
    char *s = buf;
    int i;

    if (fd != 1 && fd != 2) {
        errno = EBADF;
        return -1;
    }
    if (n < 0 || !__useraddr(buf, n)) {
        errno = n < 0 ? EINVAL : EFAULT;
        return -1;
    }
    for (i = 0; i < n; i++)
        debug_putc(s[i] & 0xFF);
    return n;
}

int
read(int fd, void *buf, int n)
{
    if (fd != 0) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

int open(char *path, int flags)                  { return nofs(); }
int close(int fd)                                { return fd >= 0 && fd <= 2 ? 0 : nofs(); }
int dup(int fd)                                  { return nofs(); }
int dup2(int oldfd, int newfd)                   { return nofs(); }
int pipe(int fd[2])                              { return nofs(); }

/* fd 0-2 are the console (a device: isatty() is true, so stdio flushes
 * each line, as on mono). */
int
fstat(int fd, struct stat *st)
{
    if (fd < 0 || fd > 2)
        return nofs();
    memset(st, 0, sizeof(*st));
    st->type = T_DEVICE;
    st->major = CONSOLE;
    return 0;
}

int link(char *oldpath, char *newpath)           { return nofs(); }
int unlink(char *path)                           { return nofs(); }
int mkdir(char *path)                            { return nofs(); }
int mknod(char *path, int major, int minor)      { return nofs(); }
int chdir(char *path)                            { return nofs(); }
int getcwd(char *buf, int size)                  { return nofs(); }
