/* errnum.h: the error numbers, one list shared by the kernel and libc.
 *
 * The Unix convention: a system call that fails returns the negated
 * number (-ENOENT), never a bare -1. libc's system-call stubs
 * (userland/lib/backend/mono/usys.S) turn a return in [-MAXERRNO, -1] into
 * errno = ENOENT and a -1 result, so C programs see the usual "-1 and
 * errno" (userland/include/errno.h; strerror and perror in
 * userland/lib/errno.c give the messages).
 *
 * The kernel includes this file as "errnum.h"; user programs include
 * <errno.h>, which includes it. The numbers are Linux's, so a student's
 * reference books agree with them. */
#ifndef _ERRNUM_H
#define _ERRNUM_H

#define EPERM         1   /* operation not permitted */
#define ENOENT        2   /* no such file or directory */
#define ESRCH         3   /* no such process */
#define EINTR         4   /* interrupted: the caller was killed while it slept */
#define EIO           5   /* input/output error */
#define E2BIG         7   /* argument list too long (more than MAXARG) */
#define ENOEXEC       8   /* not an executable image */
#define EBADF         9   /* not an open descriptor, or not open for this */
#define ECHILD       10   /* no such child to wait for */
#define EAGAIN       11   /* try again: no process slot free */
#define ENOMEM       12   /* out of memory */
#define EACCES       13   /* permission denied */
#define EFAULT       14   /* bad user address */
#define EBUSY        16   /* busy: running on another core */
#define EEXIST       17   /* the name exists already */
#define EXDEV        18   /* a link across devices */
#define ENODEV       19   /* no such device */
#define ENOTDIR      20   /* a path component, or the argument, is not a directory */
#define EISDIR       21   /* is a directory */
#define EINVAL       22   /* invalid argument */
#define ENFILE       23   /* the system's file table is full (NFILE) */
#define EMFILE       24   /* the process's descriptors are all in use (NOFILE) */
#define EFBIG        27   /* file too large (MAXFILE blocks) */
#define ENOSPC       28   /* no space left on the disk */
#define EPIPE        32   /* write to a pipe with no reader */
#define EDOM         33   /* argument out of domain */
#define ERANGE       34   /* result out of range (strtol) */
#define ENAMETOOLONG 36   /* a path longer than MAXPATH */
#define ENOSYS       38   /* no such system call */
#define ENOTEMPTY    39   /* directory not empty */
#define EIDRM        43   /* identifier removed: the IPC object was freed (micro) */

#define MAXERRNO   4095   /* returns in [-MAXERRNO, -1] are errors */

#endif
