// stat.h: what fstat() reports about an open file.
//
// Shared by the kernel and user programs (so it uses only plain C types).
// The T_* inode types are also the types on disk; fs.h includes this file.

#ifndef MINOS_STAT_H
#define MINOS_STAT_H

#define T_DIR       1   // directory
#define T_FILE      2   // regular file
#define T_DEVICE    3   // device node: major selects the driver

struct stat {
  int dev;              // device number of the file system
  int ino;              // inode number
  int type;             // T_DIR, T_FILE or T_DEVICE
  int nlink;            // directory entries naming it
  int major;            // devices: driver number
  int minor;            // devices: unit number
  unsigned int size;    // bytes of data
};

#endif // MINOS_STAT_H
