/* minos.h: small helpers shared by the coreutils. */
#ifndef _MINOS_H
#define _MINOS_H

#include <stddef.h>

/* Prints the message and a newline on stderr, then exit(1). */
void die(const char *fmt, ...);
/* malloc that exits with a message when memory runs out. */
void *xmalloc(size_t n);
char *xstrdup(const char *s);
/* The last component of a path ("a/b/c" -> "c", "a/" -> "a"). */
char *basename_of(char *path, char *out, int size);
/* path + "/" + name into out. */
char *path_join(char *out, int size, const char *dir, const char *name);
/* Parses a decimal int (an optional sign, digits, nothing else); 0 on
 * success, -1 with errno EINVAL when s is not one, ERANGE when it does not
 * fit in an int (4294967296). */
int parse_int(const char *s, int *out);

#endif
