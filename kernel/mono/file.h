// file.h: open files, in-memory inodes and device drivers
// (kernel/mono/file.c, fs.c, pipe.c, console.c).

#ifndef MINOS_FILE_H
#define MINOS_FILE_H

#include "types.h"
#include "sleeplock.h"
#include "fs.h"

// What an open file refers to.
#define FD_NONE     0   // a free slot of the file table
#define FD_PIPE     1
#define FD_INODE    2   // a regular file or a directory
#define FD_DEVICE   3   // a device node: reads and writes go to devsw[major]

// An open file: what open() and pipe() create and dup() and fork() share.
struct file {
  int type;             // FD_*
  int ref;              // descriptors (in all processes) that refer to it
  char readable;
  char writable;
  char append;          // O_APPEND: every write goes to the end
  struct pipe *pipe;    // FD_PIPE
  struct inode *ip;     // FD_INODE and FD_DEVICE
  uint off;             // FD_INODE: the read/write offset
  int major;            // FD_DEVICE
};

// An inode in memory: a copy of struct dinode plus bookkeeping.
// itable.lock protects ref; ip->lock (a sleep-lock) protects the rest,
// which is only meaningful once valid is 1 (ilock reads it from disk).
struct inode {
  uint dev;             // device number
  uint inum;            // inode number
  int ref;              // C pointers to this entry (iget without iput)
  struct sleeplock lock;
  int valid;            // the fields below have been read from disk

  int type;             // copy of struct dinode
  int major;
  int minor;
  int nlink;
  uint size;
  uint addrs[NDIRECT + 1];
};

// A device driver: devsw[major] handles reads and writes of a device
// file. user is 1 when addr is a user virtual address, 0 for a kernel one.
struct devsw {
  int (*read)(int user, uint addr, int n);
  int (*write)(int user, uint addr, int n);
};

extern struct devsw devsw[];

#endif // MINOS_FILE_H
