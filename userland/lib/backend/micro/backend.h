/* backend.h: what the files of libc's micro backend share (proc.c,
 * fsclient.c): turning a server's answer into C's "-1 and errno", and
 * the check of a pointer a program hands to a call.
 *
 * On mono the kernel checks every pointer a system call is given and
 * answers -EFAULT. Here the call is a message: a pointer into the kernel
 * or the devices would kill the program when libc reads or writes it,
 * so libc refuses one outside user memory [USER_BASE, USERTOP) first,
 * with EFAULT as on mono. (A user address with nothing mapped faults
 * and the pager decides, as for any access of the program.) */
#ifndef MICRO_BACKEND_H
#define MICRO_BACKEND_H

/* A result of the kernel or a server: -MAXERRNO..-1 (compared unsigned:
 * sbrk's addresses above 0x80000000 are negative ints) is an error. */
#define __syserror(r)  ((unsigned int)(r) >= (unsigned int)-MAXERRNO)

int __sysret(int r);                        /* an error: errno = -r, -1; else r */
int __useraddr(void *p, unsigned int n);    /* [p, p + n) in user memory? */
int __faultin(void *p, unsigned int n, int write);   /* pm makes the pages ready: 0, or -EFAULT */

#endif
