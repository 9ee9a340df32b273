/* errno.c: errno of a bare program (the OS's libc defines its own, in
 * userland/lib/errno.c, with strerror and perror). */
int errno;
