// unixlimits.h: the Unix limits that programs see as well as the kernel.
//
// Shared by kernel/mono (through monoparam.h) and userland (libc's
// execvp builds paths of at most MAXPATH bytes); micro's servers and
// exo's library OS use the same numbers.

#ifndef MINOS_UNIXLIMITS_H
#define MINOS_UNIXLIMITS_H

#define MAXPATH      128    // bytes in a path name, with its 0

#endif // MINOS_UNIXLIMITS_H
