/* errno.h: why the last failing call failed.
 *
 * The numbers are the kernel's (kernel/include/errnum.h, one list for
 * both sides). A system call that fails returns -ENUMBER; the stub in
 * userland/lib/backend/mono/usys.S stores ENUMBER in errno and returns -1.
 * libc sets errno itself where it knows the reason (ENOMEM from malloc,
 * ERANGE from strtol). errno is only meaningful right after a call
 * returned -1: a successful call leaves it as it was. strerror(n) is the
 * message of number n; perror(prefix) prints "PREFIX: MESSAGE". */
#ifndef _ERRNO_H
#define _ERRNO_H

#include "errnum.h"

extern int errno;

char *strerror(int err);

#endif
