// fcntl.h: flags for open(). Shared by the kernel and user programs.
// Exactly one of O_RDONLY, O_WRONLY, O_RDWR, or'ed with any of the others.

#ifndef MINOS_FCNTL_H
#define MINOS_FCNTL_H

#define O_RDONLY    0x000
#define O_WRONLY    0x001
#define O_RDWR      0x002
#define O_ACCMODE   0x003   // mask for the three above
#define O_CREATE    0x200   // create the file if it does not exist
#define O_TRUNC     0x400   // empty a regular file when opening it
#define O_APPEND    0x800   // every write goes to the end of the file

#endif // MINOS_FCNTL_H
