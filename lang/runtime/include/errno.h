/* errno.h (the bare runtime): errno and the numbers the runtime's own
 * functions set: strtol and strtoul set ERANGE when the value does not
 * fit. The numbers are Linux's, as in the OS's list (kernel/include/
 * errnum.h): an OS program sees the OS's <errno.h> (userland/include comes
 * first on its include path), which has these and all the others;
 * tests/userland/test_libc.py checks that both agree. */
#ifndef _ERRNO_H
#define _ERRNO_H

extern int errno;

#define EDOM    33   /* argument out of domain */
#define ERANGE  34   /* result out of range */

#endif
