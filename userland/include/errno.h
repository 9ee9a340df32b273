/* errno.h: why the last failing library call failed.
 *
 * The monolithic kernel's system calls only say "-1": there is no reason
 * code to pass on, so errno is set where libc itself knows the reason
 * (ENOMEM from malloc, EINVAL for bad arguments, and whatever a program
 * sets itself), and perror prints "PREFIX: MESSAGE". */
#ifndef _ERRNO_H
#define _ERRNO_H

extern int errno;

#define EPERM    1
#define ENOENT   2
#define ESRCH    3
#define EINTR    4
#define EIO      5
#define E2BIG    7
#define ENOEXEC  8
#define EBADF    9
#define ECHILD  10
#define ENOMEM  12
#define EACCES  13
#define EFAULT  14
#define EEXIST  17
#define ENOTDIR 20
#define EISDIR  21
#define EINVAL  22
#define EMFILE  24
#define ENOSPC  28
#define ENOTEMPTY 39

char *strerror(int err);

#endif
