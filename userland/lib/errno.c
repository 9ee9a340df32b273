/* errno.c: errno, strerror and perror. */
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
    {ENOMEM, "Cannot allocate memory"},
    {EACCES, "Permission denied"},
    {EFAULT, "Bad address"},
    {EEXIST, "File exists"},
    {ENOTDIR, "Not a directory"},
    {EISDIR, "Is a directory"},
    {EINVAL, "Invalid argument"},
    {EMFILE, "Too many open files"},
    {ENOSPC, "No space left on device"},
    {ENOTEMPTY, "Directory not empty"},
};

char *strerror(int err)
{
    unsigned int i;
    if (err == 0)
        return "Operation failed";   /* the kernel gave no reason */
    for (i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (messages[i].code == err)
            return messages[i].text;
    return "Unknown error";
}

void perror(const char *prefix)
{
    if (prefix && *prefix)
        fprintf(stderr, "%s: %s\n", prefix, strerror(errno));
    else
        fprintf(stderr, "%s\n", strerror(errno));
}
