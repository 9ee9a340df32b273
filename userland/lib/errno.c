/* errno.c: errno, strerror and perror.
 *
 * errno is set by the system-call stubs (usys.S) from the kernel's
 * negative returns, and by libc functions that know the reason. The
 * numbers are in kernel/include/errnum.h; the messages are glibc's. */
#include <stdio.h>
#include <string.h>
#include <errno.h>

int errno;

static const struct {
    int code;
    char *text;
} messages[] = {
    {EPERM, "Operation not permitted"},
    {ENOENT, "No such file or directory"},
    {ESRCH, "No such process"},
    {EINTR, "Interrupted system call"},
    {EIO, "Input/output error"},
    {E2BIG, "Argument list too long"},
    {ENOEXEC, "Exec format error"},
    {EBADF, "Bad file descriptor"},
    {ECHILD, "No child processes"},
    {EAGAIN, "Resource temporarily unavailable"},
    {ENOMEM, "Cannot allocate memory"},
    {EACCES, "Permission denied"},
    {EFAULT, "Bad address"},
    {EBUSY, "Device or resource busy"},
    {EEXIST, "File exists"},
    {EXDEV, "Invalid cross-device link"},
    {ENODEV, "No such device"},
    {ENOTDIR, "Not a directory"},
    {EISDIR, "Is a directory"},
    {EINVAL, "Invalid argument"},
    {ENFILE, "Too many open files in system"},
    {EMFILE, "Too many open files"},
    {EFBIG, "File too large"},
    {ENOSPC, "No space left on device"},
    {EPIPE, "Broken pipe"},
    {EDOM, "Numerical argument out of domain"},
    {ERANGE, "Numerical result out of range"},
    {ENAMETOOLONG, "File name too long"},
    {ENOSYS, "Function not implemented"},
    {ENOTEMPTY, "Directory not empty"},
    {EIDRM, "Identifier removed"},
};

char *strerror(int err)
{
    static char unknown[32];
    unsigned int i;
    if (err == 0)
        return "Success";
    for (i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (messages[i].code == err)
            return messages[i].text;
    snprintf(unknown, sizeof unknown, "Unknown error %d", err);
    return unknown;
}

void perror(const char *prefix)
{
    if (prefix && *prefix)
        fprintf(stderr, "%s: %s\n", prefix, strerror(errno));
    else
        fprintf(stderr, "%s\n", strerror(errno));
}
