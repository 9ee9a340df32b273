/* unistd.c: helpers built from the system calls. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "unixlimits.h"

int stat(char *path, struct stat *st)
{
    int fd, r;
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;              /* errno from open */
    r = fstat(fd, st);
    close(fd);
    return r;
}

int isatty(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && st.type == T_DEVICE;
}

int writeall(int fd, void *buf, int n)
{
    char *p = buf;
    int done = 0, w;
    while (done < n) {
        w = write(fd, p + done, n - done);
        if (w < 0)
            return -1;          /* errno from write */
        if (w == 0) {
            errno = EIO;
            return -1;
        }
        done += w;
    }
    return done;
}

/* A name with a '/' is a path; otherwise look in /bin. Returns only on
 * failure, with exec's errno (ENOENT, E2BIG, ENOEXEC, ...). */
int execvp(char *name, char **argv)
{
    char path[MAXPATH];
    flushall();
    if (strchr(name, '/'))
        return exec(name, argv);
    if (strlen(name) + 6 > sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(path, "/bin/");
    strcat(path, name);
    return exec(path, argv);
}
